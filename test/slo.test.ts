/** The SLO engine: burn-rate maths, exact numbers, validation errors and the rule-name contract. */
import { describe, expect, it } from 'vitest';
import { resolveProject } from '../engine/resolve/resolve-project';
import { parse } from 'yaml';
import { BURN_RATE_TIERS, burnRateFactor, errorBudget, errorRatioThreshold } from '../engine/slo/burn-rate';
import { Exact } from '../engine/slo/decimal';
import { slo } from '../engine/slo/model';
import type { SloSpec } from '../engine/model/slo';
import { validateSlos } from '../engine/slo/validate';
import { humanize } from '../engine/rules/humanize';
import { matchesRegex, select } from '../engine/promql';
import { cdbProject } from '../project';
import { PATHS, synthesize } from '../engine/build/synthesize';
import { buildProject, BuildError } from '../engine/build/build';
import { requests, tinyProject, tinySlo } from './fixtures/tiny-project';
import { signalProcessingDuration } from '../catalog/cdb';
import { burnRateAlertName } from '../engine/slo/conventions';

describe('burn-rate factors', () => {
  it.each([
    [30, ['14.4', '6', '3', '1']],
    [28, ['13.44', '5.6', '2.8', '0.9333']],
    [7, ['3.36', '1.4', '0.7', '0.2333']],
    [90, ['43.2', '18', '9', '3']],
  ])('a %d-day period gives %j', (days, factors) => {
    expect(BURN_RATE_TIERS.map((t) => burnRateFactor(t, days).toString(4))).toEqual(factors);
  });

  it.each([
    [28, ['13.44', '5.6', '2.8', '14/15']],
    [7, ['3.36', '1.4', '0.7', '7/30']],
  ])('a %d-day period gives the exact factors %j', (days, factors) => {
    expect(BURN_RATE_TIERS.map((t) => burnRateFactor(t, days).toExactText())).toEqual(factors);
  });

  it('uses the SRE workbook windows for every tier', () => {
    expect(BURN_RATE_TIERS.map((t) => [t.name, t.longWindow, t.shortWindow, t.severity])).toEqual([
      ['page-fast', '1h', '5m', 'critical'],
      ['page-slow', '6h', '30m', 'critical'],
      ['ticket-fast', '1d', '2h', 'warning'],
      ['ticket-slow', '3d', '6h', 'warning'],
    ]);
  });
});

describe('exact numbers', () => {
  it.each([
    [99.9, '0.001'],
    [99.99, '0.0001'],
    [99.5, '0.005'],
    [95, '0.05'],
    [99.95, '0.0005'],
  ])('objective %d %% has an error budget of %s', (objective, budget) => {
    expect(errorBudget(objective).toString()).toBe(budget);
  });

  it('prints thresholds exactly: 14.4 × 0.001 is 0.0144, 14/15 × 0.01 is 7/750, written as its nearest float64', () => {
    expect(errorRatioThreshold(BURN_RATE_TIERS[0]!, 30, 99.9).toString()).toBe('0.0144');
    const repeating = errorRatioThreshold(BURN_RATE_TIERS[3]!, 28, 99);
    expect(repeating.toExactText()).toBe('7/750');
    expect(repeating.toString()).toBe('0.009333333333333334');
    expect(Number(repeating.toString())).toBe(7 / 750);
  });

  it('does arithmetic on fractions, not floats', () => {
    expect(Exact.of(0.1).plus(Exact.of(0.2)).toString()).toBe('0.3');
    expect(Exact.fraction(1n, 3n).toString(4)).toBe('0.3333');
    expect(Exact.of('-2.50').toString()).toBe('-2.5');
  });

  it.each([
    [14.4, '14.4'],
    [0, '0'],
    [1234.5, '1.234k'],
    [0.35, '350m'],
    [21.6000001, '21.6'],
  ])('humanizes %d as Prometheus does: %s', (value, text) => {
    expect(humanize(value)).toBe(text);
  });
});

const valid = (overrides: Partial<SloSpec> = {}): SloSpec => tinySlo({ source: '/project/definitions/slo.ts', ...overrides });
const problems = (...specs: SloSpec[]) => {
  try {
    validateSlos(specs, (source) => source.replace('/project/', ''));
    return '';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('SLO validation', () => {
  it('accepts a valid definition', () => {
    expect(problems(valid())).toBe('');
  });

  it.each([
    ['an objective of 100', { objective: 100 }, /SLO "requests" › objective: objective must be below 100 %/],
    ['an objective of 0', { objective: 0 }, /objective: objective must be above 0 %/],
    ['a period in hours', { period: '36h' }, /period: period is a whole number of days or weeks/],
    ['an id with capitals', { id: 'Requests' }, /id: ids are lower-case letters, digits and dashes/],
    ['a reserved label', { labels: { slo_id: 'x' } }, /labels.slo_id: label "slo_id" is reserved by the SLO engine/],
    ['an invalid label name', { labels: { 'bad-name': 'x' } }, /labels.bad-name: label names match/],
    ['an unknown key', { owner: 'me' } as never, /Unrecognized key: "owner"/],
    ['a missing reasoning', { reasoning: '' }, /reasoning/],
    [
      'a latency threshold that is no bucket bound',
      { sli: { kind: 'latency', histogram: signalProcessingDuration, threshold: 0.3 } },
      /sli.threshold: threshold 0.3 is not a bucket bound of cdb_signal_processing_duration_seconds/,
    ],
    ['a minimum traffic rate on an availability SLI', { sli: { kind: 'availability', good: select(requests) }, minTrafficRate: 1 }, /minTrafficRate: availability SLIs count time/],
    ['a traffic kind on an availability SLI', { sli: { kind: 'availability', good: select(requests) }, traffic: 'sparse' }, /traffic: availability SLIs count time, not events/],
    ['an unknown traffic kind', { traffic: 'bursty' } as never, /traffic: /],
    [
      'selectors that cannot make scenario input without a mapping',
      { sli: { kind: 'ratio', errors: select(requests, { code: 'error' }), total: select(requests, { route: matchesRegex('.+') }) }, scenarioInput: undefined },
      /scenarioInput: scenarioInput is needed: errors and total select the same metric/,
    ],
  ])('rejects %s, naming the file, the SLO and the field', (_, overrides, message) => {
    const text = problems(valid(overrides as Partial<SloSpec>));
    expect(text).toMatch(message);
    expect(text).toContain('definitions/slo.ts: SLO "');
  });

  it('rejects a tier that can never fire, naming the SLO and the tier', () => {
    expect(problems(valid({ objective: 90 }))).toContain(
      'definitions/slo.ts: SLO "requests" › tier page-fast: threshold 1.44 (factor × (1 − objective)) is at least 1, so the alert can never fire',
    );
  });

  it('rejects an objective that leaves less than a minute of budget per period, saying how much it leaves', () => {
    expect(problems(valid({ objective: 99.9999, period: '28d' }))).toContain(
      'definitions/slo.ts: SLO "requests" › objective: 99.9999 % leaves 0.04 minutes of full outage per 28d, less than 1: one bad minute spends all of it',
    );
    expect(problems(valid({ objective: 99.99, period: '30d' }))).toBe('');
  });

  it('rejects two SLOs with one id', () => {
    expect(problems(valid(), valid())).toMatch(/SLO "requests": id is also used by an SLO in definitions\/slo.ts/);
  });

  it('makes the build fail without writing anything', async () => {
    await expect(buildProject(tinyProject({ slos: [valid({ objective: 100 })] }), { outDir: '/nonexistent/out', externalChecks: 'skip' })).rejects.toThrow(BuildError);
  });
});

describe('the rules of the CdB SLOs', () => {
  const tree = synthesize(resolveProject(cdbProject()));
  const ids = cdbProject().slos.map((s) => s.id);

  it('define at least the five SLOs the design asks for', () => {
    expect(ids).toEqual(expect.arrayContaining(['market-data-freshness', 'signal-latency', 'paper-order-execution', 'database-write-success', 'core-availability']));
  });

  it.each(cdbProject().slos.map((s) => [s.id, s] as const))('%s records the contract series with the SLO labels', (id, spec) => {
    const doc = parse(tree.get(`${PATHS.rules}/slo-${id}.yml`)!);
    const rules = doc.groups.flatMap((g: { rules: unknown[] }) => g.rules) as Array<{ record?: string; alert?: string; labels: Record<string, string> }>;
    const period = spec.period ?? '30d';
    const records = rules.filter((r) => r.record).map((r) => r.record);
    for (const w of ['5m', '30m', '1h', '2h', '6h', '1d', '3d', period]) expect(records).toContain(`slo:sli_error:ratio_rate${w}`);
    for (const name of ['slo:objective:ratio', 'slo:error_budget:ratio', 'slo:time_period:days', 'slo:current_burn_rate:ratio', 'slo:period_burn_rate:ratio', 'slo:period_error_budget_remaining:ratio', 'slo:definition:info']) {
      expect(records).toContain(name);
    }
    for (const r of rules.filter((x) => x.record)) {
      expect(r.labels, r.record).toMatchObject({ slo_id: id, slo_service: spec.service, slo_name: spec.name });
      if (r.record!.startsWith('slo:sli_error:')) expect(r.labels.slo_window, r.record).toBe(r.record!.replace('slo:sli_error:ratio_rate', ''));
    }
    const tiers = rules.filter((r) => r.alert?.startsWith('CdbSloBurnRate')).map((r) => [r.labels.slo_tier, r.labels.severity, r.labels.slo_long_window, r.labels.slo_short_window]);
    expect(tiers).toEqual(BURN_RATE_TIERS.map((t) => [t.name, t.severity, t.longWindow, t.shortWindow]));
    expect(rules.filter((r) => r.alert === 'CdbSloSliMissing')).toHaveLength(1);
  });

  it('derives the period window from the 5m rule, not from 30 days of raw data', () => {
    const doc = parse(tree.get(`${PATHS.rules}/slo-paper-order-execution.yml`)!);
    const period = doc.groups[1].rules[0];
    expect(period.record).toBe('slo:sli_error:ratio_rate30d');
    expect(period.expr).toBe(
      'sum_over_time(slo:sli_error:ratio_rate5m{slo_id="paper-order-execution"}[30d]) / count_over_time(slo:sli_error:ratio_rate5m{slo_id="paper-order-execution"}[30d])',
    );
  });

  it('prints objectives and budgets exactly', () => {
    const text = tree.get(`${PATHS.rules}/slo-database-write-success.yml`)!;
    expect(text).toContain('expr: vector(0.999)');
    expect(text).toContain('expr: vector(0.001)');
    expect(text).not.toMatch(/0\.000999|0\.99899/);
  });

  it.each([
    ['signal-latency', '0.9333333333333333', '0.009333333333333334'],
    ['market-data-freshness', '0.23333333333333334', '0.0011666666666666668'],
  ])('writes the ticket-slow factor and threshold of %s as the float64 nearest the fraction', (id, factor, threshold) => {
    const doc = parse(tree.get(`${PATHS.rules}/slo-${id}.yml`)!);
    const rules = doc.groups.flatMap((g: { rules: unknown[] }) => g.rules) as Array<{ record?: string; alert?: string; expr: string; labels: Record<string, string> }>;
    expect(rules.find((r) => r.record === 'slo:burn_rate_threshold:ratio' && r.labels.slo_tier === 'ticket-slow')?.expr).toBe(`vector(${factor})`);
    const alert = rules.find((r) => r.alert === 'CdbSloBurnRateTicketSlow')!;
    expect([...alert.expr.matchAll(/ > ([0-9.]+)/g)].map((m) => m[1])).toEqual([threshold, threshold]);
  });

  it('gives every SLO scenarios for each tier and the absent alert', () => {
    for (const g of resolveProject(cdbProject()).alertGroups.filter((x) => x.name.startsWith('slo-'))) {
      for (const a of g.alerts) {
        expect(a.scenarios.some((s) => s.expect.length > 0), `${g.name} ${a.name} fires`).toBe(true);
        expect(a.scenarios.some((s) => s.expect.length === 0), `${g.name} ${a.name} quiet`).toBe(true);
      }
    }
  });
});

describe('SLO options', () => {
  it('rejects a period shorter than the longest alert window', () => {
    expect(problems(valid({ period: '2d' }))).toContain('› period: period must be at least 3d, the longest alert window');
  });

  it('rejects annotations the engine writes itself', () => {
    expect(problems(valid({ annotations: { summary: 'x' } }))).toContain('› annotations.summary: annotation "summary" is written by the SLO engine');
  });

  it('puts extra annotations on every alert of the SLO, and extra labels on the absent and traffic alerts too', () => {
    const project = resolveProject(tinyProject({ slos: [valid({ annotations: { team: 'trading' }, labels: { owner: 'risk-desk' } })] }));
    const alerts = project.alertGroups.flatMap((g) => g.alerts);
    expect(alerts.map((a) => a.name)).toEqual([...BURN_RATE_TIERS.map((t) => burnRateAlertName('App', t)), 'AppSloSliMissing', 'AppSloTrafficStopped']);
    for (const a of alerts) expect(a.annotations, a.name).toEqual({ team: 'trading' });
    expect(alerts.find((a) => a.name === 'AppSloSliMissing')?.labels.owner).toBe('risk-desk');
    expect(alerts.find((a) => a.name === 'AppSloTrafficStopped')?.labels.owner).toBe('risk-desk');
  });
});

describe('the alerts that speak for blind burn-rate tiers', () => {
  const alertsOf = (overrides: Partial<SloSpec> = {}) => resolveProject(tinyProject({ slos: [valid(overrides)] })).alertGroups.flatMap((g) => g.alerts);
  const named = (overrides: Partial<SloSpec>, name: string) => alertsOf(overrides).find((a) => a.name === name);

  it('pages when any SLI input vanishes, the error counter alone included: a missing error series counts as no error', () => {
    const missing = named({}, 'AppSloSliMissing')!;
    expect(missing.severity).toBe('critical');
    expect(missing.expr).toBe('absent(app_requests_total) or absent(app_requests_total{code="error"})');
    expect(missing.for).toBe('15m');
  });

  it('watches the threshold bucket of a latency SLI as well as its count', () => {
    const missing = named({ sli: { kind: 'latency', histogram: signalProcessingDuration, threshold: 0.25 }, scenarioInput: undefined }, 'AppSloSliMissing')!;
    expect(missing.expr).toBe('absent(cdb_signal_processing_duration_seconds_count) or absent(cdb_signal_processing_duration_seconds_bucket{le="0.25"})');
  });

  it('pages when continuous traffic stops for the longest short window of the paging tiers (30m), by default', () => {
    const stopped = named({}, 'AppSloTrafficStopped')!;
    expect([stopped.severity, stopped.expr]).toEqual(['critical', 'sum (rate(app_requests_total[30m])) == 0']);
    expect(named({ traffic: 'continuous' }, 'AppSloTrafficStopped')).toEqual(stopped);
  });

  it('opens a ticket when sparse traffic stops for the longest short window of any tier (6h): no false page', () => {
    const stopped = named({ traffic: 'sparse' }, 'AppSloTrafficStopped')!;
    expect([stopped.severity, stopped.expr]).toEqual(['warning', 'sum (rate(app_requests_total[6h])) == 0']);
  });

  it('writes no traffic alert for an availability SLI, which counts time', () => {
    expect(named({ sli: { kind: 'availability', good: select(requests) } }, 'AppSloTrafficStopped')).toBeUndefined();
  });

  it('leaves the burn-rate rules as they were: the evidence alerts are added beside them', () => {
    const burn = alertsOf().filter((a) => a.name.startsWith('AppSloBurnRate'));
    expect(burn.map((a) => a.expr)).toEqual([
      '(slo:sli_error:ratio_rate1h{slo_id="requests"} > 0.0144) / 0.001 and ignoring (slo_window) slo:sli_error:ratio_rate5m{slo_id="requests"} > 0.0144',
      '(slo:sli_error:ratio_rate6h{slo_id="requests"} > 0.006) / 0.001 and ignoring (slo_window) slo:sli_error:ratio_rate30m{slo_id="requests"} > 0.006',
      '(slo:sli_error:ratio_rate1d{slo_id="requests"} > 0.003) / 0.001 and ignoring (slo_window) slo:sli_error:ratio_rate2h{slo_id="requests"} > 0.003',
      '(slo:sli_error:ratio_rate3d{slo_id="requests"} > 0.001) / 0.001 and ignoring (slo_window) slo:sli_error:ratio_rate6h{slo_id="requests"} > 0.001',
    ]);
  });
});
