/**
 * Burn-rate tiers at their threshold, under the real promtool: an error ratio equal to a tier's threshold
 * (factor × budget) does not fire the tier, and the next float64 above it does, for 28-day and 7-day SLOs whose
 * factors have no finite decimal (14/15, 7/30) and for objectives where comparing the burn rate (ratio ÷ budget)
 * with the factor would get the tie wrong after float64 division.
 *
 * The error-ratio series are the scenario's input, so each holds exactly the float written in its notation; the
 * expected threshold is computed here from integers (one correctly rounded division), not by the engine's Exact.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findTool, PROMTOOL } from '../engine/external/tool-runner';
import { PATHS, synthesize } from '../engine/build/synthesize';
import { stageTree } from '../engine/build/write-tree';
import { resolveProject } from '../engine/resolve/resolve-project';
import type { ResolvedProject } from '../engine/resolve/resolved-project';
import { BURN_RATE_TIERS, type BurnRateTier } from '../engine/slo/burn-rate';
import { burnRateAlertName } from '../engine/slo/conventions';
import { humanize } from '../engine/rules/humanize';
import { durationSeconds } from '../engine/promql/duration';
import type { AlertScenarioModel } from '../engine/model/alerts';
import { tinyProject, tinySlo } from './fixtures/tiny-project';

const promtool = findTool(PROMTOOL);
const scratch = mkdtempSync(join(tmpdir(), 'cdb-slo-tie-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** An SLO of the test: its period in days and its error budget as the integer fraction budget / per. */
interface TieCase {
  readonly id: string;
  readonly days: 28 | 7;
  readonly objective: number;
  readonly budget: readonly [bigint, bigint];
  readonly why: string;
}

const CASES: readonly TieCase[] = [
  { id: 'tie-28d-99', days: 28, objective: 99, budget: [1n, 100n], why: 'the signal-latency SLO: ticket-slow at 14/15 × 0.01 = 7/750' },
  { id: 'tie-28d-95', days: 28, objective: 95, budget: [5n, 100n], why: 'ratio ÷ budget at the tie is 5.6000000000000005, above page-slow' },
  { id: 'tie-28d-9999', days: 28, objective: 99.99, budget: [1n, 10_000n], why: 'ratio ÷ budget a hair above the tie still equals 14/15' },
  { id: 'tie-7d-995', days: 7, objective: 99.5, budget: [5n, 1000n], why: 'the market-data-freshness SLO: ticket-slow at 7/30 × 0.005 = 7/6000' },
  { id: 'tie-7d-95', days: 7, objective: 95, budget: [5n, 100n], why: 'ratio ÷ budget at the tie is 1.4000000000000001, above page-slow' },
  { id: 'tie-7d-9999', days: 7, objective: 99.99, budget: [1n, 10_000n], why: 'ratio ÷ budget a hair above the tie still equals 7/30' },
];

/** Budget share of a tier as integers (0.02 → 2/100). */
const SHARE: Readonly<Record<BurnRateTier['name'], readonly [bigint, bigint]>> = {
  'page-fast': [2n, 100n],
  'page-slow': [5n, 100n],
  'ticket-fast': [10n, 100n],
  'ticket-slow': [10n, 100n],
};

/**
 * The float64 nearest share × period ÷ long window × budget: numerator and denominator are integers below 2^53,
 * so one IEEE division rounds the exact quotient once, as Go's ParseFloat rounds the threshold's text.
 */
function thresholdFloat(c: TieCase, tier: BurnRateTier): number {
  const [sn, sd] = SHARE[tier.name];
  const numerator = sn * BigInt(c.days * 86_400) * c.budget[0];
  const denominator = sd * BigInt(durationSeconds(tier.longWindow)) * c.budget[1];
  expect(numerator < 2n ** 53n && denominator < 2n ** 53n).toBe(true);
  return Number(numerator) / Number(denominator);
}

/** The next float64 above a positive `x`: the smallest error ratio above the threshold Prometheus can hold. */
function nextUp(x: number): number {
  const bits = new BigUint64Array(new Float64Array([x]).buffer);
  bits[0]! += 1n;
  return new Float64Array(bits.buffer)[0]!;
}

const nameOf = (c: TieCase) => `Requests ${c.id}`;
const errorRatio = (c: TieCase, window: string, value: number) => ({
  series: `slo:sli_error:ratio_rate${window}{slo_id="${c.id}",slo_name="${nameOf(c)}",slo_service="app",slo_window="${window}"}`,
  values: `${value}x15`,
});

/** The four scenarios of one tier: both windows at the threshold, one a hair above, both a hair above. */
function tieScenarios(c: TieCase, tier: BurnRateTier, description: string): AlertScenarioModel[] {
  const at = thresholdFloat(c, tier);
  const above = nextUp(at);
  const budget = Number(c.budget[0]) / Number(c.budget[1]);
  const scenario = (name: string, long: number, short: number, fires: boolean): AlertScenarioModel => ({
    name: `${c.id} ${tier.name}: ${name}`,
    interval: '1m',
    input: [errorRatio(c, tier.longWindow, long), errorRatio(c, tier.shortWindow, short)],
    evalTime: '10m',
    expect: fires
      ? [
          {
            labels: { slo_id: c.id, slo_name: nameOf(c), slo_service: 'app', slo_window: tier.longWindow },
            // Prometheus renders the template with the alert's value: the long window's ratio ÷ the budget.
            description: description.replace('{{ $labels.slo_name }}', nameOf(c)).replace('{{ $value | humanize }}', humanize(above / budget)),
          },
        ]
      : [],
  });
  return [
    scenario(`both windows at the threshold ${at} stay quiet`, at, at, false),
    scenario(`the long window a hair above (${above}) and the short one at the threshold stay quiet`, above, at, false),
    scenario(`the short window a hair above (${above}) and the long one at the threshold stay quiet`, at, above, false),
    scenario(`both windows a hair above the threshold (${above}) fire`, above, above, true),
  ];
}

/** The SLOs of the table, expanded, with the tie scenarios in place of the generated ones. */
function tieProject(): ResolvedProject {
  const expanded = resolveProject(
    tinyProject({ slos: CASES.map((c) => tinySlo({ id: c.id, name: nameOf(c), period: `${c.days}d`, objective: c.objective })) }),
  );
  return {
    ...expanded,
    alertGroups: expanded.alertGroups.map((g) => {
      const c = CASES.find((x) => g.name === `slo-${x.id}-alerts`);
      if (!c) return g;
      return {
        ...g,
        alerts: g.alerts.map((a) => {
          const tier = BURN_RATE_TIERS.find((t) => burnRateAlertName('App', t) === a.name);
          return { ...a, scenarios: tier ? tieScenarios(c, tier, a.description) : [] };
        }),
      };
    }),
  };
}

describe('SLO burn-rate tiers at their threshold', () => {
  const tree = synthesize(tieProject());
  const dir = stageTree(join(scratch, 'generated'), tree);

  it.each(CASES.map((c) => [c.id, c] as const))('%s writes every threshold as the float64 nearest factor × budget', (id, c) => {
    const doc = parse(tree.get(`${PATHS.rules}/slo-${id}.yml`)!) as { groups: Array<{ rules: Array<{ alert?: string; expr: string }> }> };
    const rules = doc.groups.flatMap((g) => g.rules);
    for (const tier of BURN_RATE_TIERS) {
      const expr = rules.find((r) => r.alert === burnRateAlertName('App', tier))!.expr;
      const literals = [...expr.matchAll(/ > ([0-9.e+-]+)/g)].map((m) => Number(m[1]));
      expect(literals, `${tier.name}: ${expr}`).toEqual([thresholdFloat(c, tier), thresholdFloat(c, tier)]);
    }
  });

  // One promtool run per SLO, one after another: the machines have two cores, shared.
  it.each(CASES.map((c) => [c.id, c.why] as const))('%s (%s): at the threshold quiet, a float above it firing, under promtool', { timeout: 120_000 }, async (id) => {
    if (!promtool.available) throw new Error(`these tests need promtool: ${promtool.reason}`);
    const file = `${PATHS.ruleTests}/slo-${id}.test.yml`;
    const tests = (parse(tree.get(file)!) as { tests: unknown[] }).tests;
    expect(tests).toHaveLength(BURN_RATE_TIERS.length * 4);
    const result = await promtool.runAsync(['test', 'rules', file], dir);
    expect(result.ok, result.output).toBe(true);
    expect(result.output).toContain('SUCCESS');
  });
});
