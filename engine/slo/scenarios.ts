/**
 * promtool scenarios generated for every SLO: healthy traffic stays quiet, zero traffic stays quiet without NaN,
 * a missing metric fires the absent alert, a full outage fires page-fast exactly when the maths says (and not a
 * minute before), a faster burn fires page-slow, and a slow sustained burn fires only the ticket tiers. Expected
 * values come from the model in `simulate.ts`.
 */
import type { AlertScenarioModel, ExpectedAlert, ScenarioSeries } from '../model/alerts';
import { buckets, observationCount } from '../promql/selector';
import type { SeriesSelector } from '../promql/selector';
import { BURN_RATE_TIERS, burnRateFactor, type BurnRateTier } from './burn-rate';
import { Exact } from './decimal';
import type { SloModel } from './model';
import { presenceSelector } from './sli';
import { counterNotation, gaugeNotation, simulateSli, simulateTraffic } from './simulate';
import { humanize } from '../rules/humanize';
import { burnRateAlertName, sliMissingAlertName } from './conventions';
import type { SliTimeline, SloAlertConventions } from '../model/slo';

/** Events per minute in scenarios: 100, so error ratios map to whole or simple counts. */
const EVENTS_PER_MINUTE = 100;

/** A timeline of `minutes` minutes whose error ratio at minute t is `errorRatio(t)`. */
function timeline(minutes: number, errorRatio: (t: number) => number, eventsPerMinute = EVENTS_PER_MINUTE): SliTimeline {
  const events: number[] = [];
  const errors: number[] = [];
  const good: number[] = [];
  let bad = 0;
  // Ratios are constant for long stretches; rounding the same count again every minute was most of the cost.
  let lastRatio = 0;
  let lastErrors = 0;
  for (let t = 0; t <= minutes; t++) {
    const e = errorRatio(t);
    events.push(eventsPerMinute);
    if (t === 0 || !Object.is(e, lastRatio)) {
      lastRatio = e;
      lastErrors = Number((eventsPerMinute * e).toPrecision(12));
    }
    errors.push(lastErrors);
    // Spread bad samples evenly (so that their share over any long window is e).
    const target = Math.floor((t + 1) * e + 1e-9);
    good.push(e >= 1 || target > bad ? 0 : 1);
    if (target > bad) bad = target;
  }
  return { minutes, events, errors, good };
}

function selectorSeries(selector: SeriesSelector<string>, values: string): ScenarioSeries {
  return { series: String(selector), values };
}

/** Input series of a timeline: the SLO's own mapping, or one built from the SLI's selectors. */
function inputOf(slo: SloModel, t: SliTimeline): ScenarioSeries[] {
  if (slo.scenarioInput) return slo.scenarioInput(t);
  const sli = slo.sli;
  switch (sli.kind) {
    case 'ratio':
      return [selectorSeries(sli.errors as SeriesSelector<string>, counterNotation(t.errors)), selectorSeries(sli.total as SeriesSelector<string>, counterNotation(t.events))];
    case 'latency': {
      // Every bucket counts all events, the fast ones, or none: three notations serve the count and all buckets.
      const all = counterNotation(t.events);
      const fast = counterNotation(t.events.map((n, i) => n - t.errors[i]!));
      const none = counterNotation(t.events.map(() => 0));
      return [
        selectorSeries(observationCount(sli.histogram, sli.matchers ?? {}), all),
        ...[...(sli.histogram.buckets ?? []), Number.POSITIVE_INFINITY].map((le) =>
          selectorSeries(
            buckets(sli.histogram, { ...(sli.matchers ?? {}), le: le === Number.POSITIVE_INFINITY ? '+Inf' : String(le) }),
            le === Number.POSITIVE_INFINITY ? all : le >= sli.threshold ? fast : none,
          ),
        ),
      ];
    }
    case 'availability':
      return [selectorSeries(sli.good as SeriesSelector<string>, gaugeNotation(t.good))];
  }
}

/** The simulated SLI of a timeline: error ratio and traffic per window and minute. */
interface SimulatedTimeline {
  readonly ratio: ReturnType<typeof simulateSli>;
  readonly traffic: ReturnType<typeof simulateTraffic>;
}

/** Which tiers fire at minute `m`, with each firing tier's long-window burn rate. */
function firingTiers(slo: SloModel, { ratio, traffic }: SimulatedTimeline, m: number, thresholds: readonly number[], budget: number): Map<BurnRateTier, number> {
  const firing = new Map<BurnRateTier, number>();
  for (const [i, tier] of BURN_RATE_TIERS.entries()) {
    const threshold = thresholds[i]!;
    const long = ratio(tier.longWindow, m);
    const short = ratio(tier.shortWindow, m);
    if (long === undefined || short === undefined || !(long > threshold) || !(short > threshold)) continue;
    if (slo.minTrafficRate !== undefined && slo.sli.kind !== 'availability' && traffic(tier.longWindow, m) < slo.minTrafficRate) continue;
    firing.set(tier, long / budget);
  }
  return firing;
}

const minutes = (m: number) => `${m}m`;

/** Scenarios keyed by alert name, for one SLO. */
export function sloScenarios(slo: SloModel, conventions: SloAlertConventions, days: number, budget: Exact): Map<string, AlertScenarioModel[]> {
  const out = new Map<string, AlertScenarioModel[]>();
  const add = (alert: string, s: AlertScenarioModel) => out.set(alert, [...(out.get(alert) ?? []), s]);
  // A timeline is simulated and written as input series once: the searches below ask for the firing tiers at
  // every minute of a timeline, and simulating it again each time grew with the square of its length.
  const simulated = new Map<SliTimeline, SimulatedTimeline>();
  const simulation = (tl: SliTimeline) => {
    let known = simulated.get(tl);
    if (!known) simulated.set(tl, (known = { ratio: simulateSli(slo, tl), traffic: simulateTraffic(tl) }));
    return known;
  };
  const inputs = new Map<SliTimeline, ScenarioSeries[]>();
  const input = (tl: SliTimeline) => {
    let known = inputs.get(tl);
    if (!known) inputs.set(tl, (known = inputOf(slo, tl)));
    return known;
  };
  // Exact arithmetic once per SLO, not at every minute the searches below look at. Each threshold is the float64
  // the alert expression compares the error ratio with, so the model fires where Prometheus does.
  const thresholds = BURN_RATE_TIERS.map((tier) => burnRateFactor(tier, days).times(budget).toNumber());
  const budgetNumber = budget.toNumber();
  const firingAt = (tl: SliTimeline, m: number) => firingTiers(slo, simulation(tl), m, thresholds, budgetNumber);
  const [pageFast, pageSlow, ticketFast] = BURN_RATE_TIERS as [BurnRateTier, BurnRateTier, BurnRateTier, BurnRateTier];
  const expected = (tier: BurnRateTier, burn: number): ExpectedAlert => ({
    labels: { slo_id: slo.id, slo_service: slo.service, slo_name: slo.name, slo_window: tier.longWindow, ...(slo.labels ?? {}) },
    description: `${slo.name}: the error budget (${budget.times(Exact.of(100)).toString()} % of ${slo.period}) burns ${humanize(burn)} times faster than sustainable over ${tier.longWindow}, and above ${burnRateFactor(tier, days).toExactText()} times over ${tier.shortWindow} too: ${Exact.of(tier.budgetShare).times(Exact.of(100)).toString()} % of it goes every ${tier.longWindow} at this rate.`,
  });
  /** One scenario per tier at minute `m` of `tl`, each firing or quiet as the model predicts. */
  const perTier = (name: string, tl: SliTimeline, m: number, tiers: readonly BurnRateTier[] = BURN_RATE_TIERS) => {
    const firing = firingAt(tl, m);
    for (const tier of tiers) {
      const burn = firing.get(tier);
      add(burnRateAlertName(conventions.alertPrefix, tier), {
        name: `${slo.id}: ${name}`,
        interval: '1m',
        input: input(tl),
        evalTime: minutes(m),
        expect: burn === undefined ? [] : [expected(tier, burn)],
      });
    }
    return firing;
  };

  // Healthy traffic: a quarter of the strictest tier's threshold, for four hours.
  const healthyRatio = slo.sli.kind === 'availability' ? 0 : Math.min(...thresholds) / 4;
  const healthy = timeline(240, () => healthyRatio);
  const quietHealthy = perTier('healthy traffic stays quiet', healthy, 240);
  if (quietHealthy.size > 0) throw new Error(`SLO ${slo.id}: the healthy scenario fires ${[...quietHealthy.keys()].map((t) => t.name).join(', ')}`);
  add(sliMissingAlertName(conventions.alertPrefix), {
    name: `${slo.id}: healthy traffic has data`,
    interval: '1m',
    input: input(healthy),
    evalTime: '240m',
    expect: [],
  });

  // Zero traffic: no NaN, no alert.
  if (slo.sli.kind !== 'availability') {
    const idle = timeline(120, () => 0, 0);
    add(burnRateAlertName(conventions.alertPrefix, pageFast), {
      name: `${slo.id}: zero traffic stays quiet and records no NaN`,
      interval: '1m',
      input: input(idle),
      evalTime: '120m',
      expect: [],
      expectSeries: [
        ...['5m', '1h', '3d', slo.period].map((w) => `slo:sli_error:ratio_rate${w}`),
        'slo:current_burn_rate:ratio',
        'slo:period_burn_rate:ratio',
        'slo:period_error_budget_remaining:ratio',
      ].map((name) => ({ expr: `${name}{slo_id="${slo.id}"}`, samples: [] })),
    });
  }

  // A missing metric fires the absent alert after its delay, with the labels of the presence selector.
  const presence = presenceSelector(slo.sli);
  const equalityLabels = Object.fromEntries([...presence.text.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, JSON.parse(`"${m[2]}"`) as string]));
  add(sliMissingAlertName(conventions.alertPrefix), {
    name: `${slo.id}: a missing SLI metric fires the absent alert`,
    interval: '1m',
    input: [],
    evalTime: '20m',
    expect: [{ labels: equalityLabels, description: `No series of ${presence.seriesName} for 15 minutes: the ${slo.name} SLO cannot be measured and its burn-rate alerts are blind.` }],
  });

  // A full outage after 70 healthy minutes: page-fast fires at the minute the model predicts, not one before.
  const outageStart = 70;
  const outage = timeline(outageStart + 60, (t) => (t > outageStart ? 1 : 0));
  let first: number | undefined;
  for (let m = outageStart; m <= outage.minutes && first === undefined; m++) if (firingAt(outage, m).has(pageFast)) first = m;
  if (first === undefined) throw new Error(`SLO ${slo.id}: a full outage never fires ${pageFast.name} within an hour`);
  const after = `${first - outageStart} minute${first - outageStart === 1 ? '' : 's'}`;
  perTier(`a full outage is quiet one minute before the predicted ${after}`, outage, first - 1, [pageFast]);
  perTier(`a full outage fires page-fast after the predicted ${after}`, outage, first, [pageFast]);

  /**
   * The first minute from `from` where `holds` is true of the firing tiers. Availability SLIs count whole bad
   * minutes, so a low error ratio arrives in single bad samples and a window may hold none; the scenario is
   * checked at a minute where the intended tiers do fire.
   */
  const findMinute = (tl: SliTimeline, from: number, holds: (firing: Map<BurnRateTier, number>) => boolean) => {
    for (let m = from; m <= tl.minutes; m++) if (holds(firingAt(tl, m))) return m;
    return undefined;
  };
  const firstMinute = (tl: SliTimeline, from: number, holds: (firing: Map<BurnRateTier, number>) => boolean, what: string) => {
    const m = findMinute(tl, from, holds);
    if (m === undefined) throw new Error(`SLO ${slo.id}: no minute of the ${what} scenario fires as intended`);
    return m;
  };

  /**
   * Minutes a timeline of error ratio `ratio` needs from `from` on: availability SLIs count whole bad minutes, one
   * in every 1/ratio, so a strict objective needs a long timeline before its first bad minute; two of them at
   * least, and never less than `least`.
   */
  const lengthFor = (ratio: number, from: number, least: number) =>
    slo.sli.kind === 'availability' ? Math.max(least, from + Math.ceil(2 / ratio)) : least;

  // A burn at 1.5 × page-slow's threshold (below page-fast's) fires page-slow.
  const slowPage = Math.min(1, thresholds[1]! * 1.5);
  const slowPageTimeline = timeline(lengthFor(slowPage, 120, 720), () => slowPage);
  const slowPageAt = firstMinute(slowPageTimeline, 120, (f) => f.has(pageSlow), 'page-slow');
  perTier(`a burn at ${humanize(slowPage / budget.toNumber())} times the budget fires page-slow`, slowPageTimeline, slowPageAt, [pageFast, pageSlow]);

  // A slow sustained burn at 1.5 × ticket-fast's threshold fires only the ticket tiers. Where an availability SLI's
  // bad minutes are so few that each one trips a page tier's short window, no minute has the ticket tiers alone:
  // the scenario then proves the ticket tiers fire, and the page tiers are proven by the scenarios above.
  const slowBurn = thresholds[2]! * 1.5;
  const sustainedTimeline = timeline(lengthFor(slowBurn, 360, 1440), () => slowBurn);
  const ticketsOnly = (f: Map<BurnRateTier, number>) => f.has(ticketFast) && !f.has(pageFast) && !f.has(pageSlow);
  const aloneAt = findMinute(sustainedTimeline, 360, ticketsOnly);
  if (aloneAt !== undefined) {
    perTier(`a slow sustained burn at ${humanize(slowBurn / budget.toNumber())} times the budget fires only the ticket tiers`, sustainedTimeline, aloneAt);
  } else {
    const ticketsAt = firstMinute(sustainedTimeline, 360, (f) => f.has(ticketFast), 'slow-burn');
    perTier(`a slow sustained burn at ${humanize(slowBurn / budget.toNumber())} times the budget fires the ticket tiers`, sustainedTimeline, ticketsAt, BURN_RATE_TIERS.slice(2));
  }
  return out;
}
