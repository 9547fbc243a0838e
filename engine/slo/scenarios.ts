/**
 * promtool scenarios generated for every SLO's burn-rate tiers: healthy traffic stays quiet, zero traffic stays
 * quiet without NaN, a full outage fires page-fast exactly when the maths says (and not a minute before), a burn that
 * starts after a healthy stretch fires each tier at its predicted minute (and not one before), an error ratio just
 * under each tier's threshold stays quiet and one just over it fires, a faster burn fires page-slow, and a slow
 * sustained burn fires only the ticket tiers. Expected values come from the model in `simulate.ts`. The scenarios of
 * the alerts that speak for blind tiers are in `evidence-scenarios.ts`.
 */
import type { AlertScenarioModel, ExpectedAlert, ScenarioClass, ScenarioSeries } from '../model/alerts';
import { BURN_RATE_TIERS, burnRateFactor, type BurnRateTier } from './burn-rate';
import { Exact } from './decimal';
import type { SloModel } from './model';
import { simulateSli, simulateTraffic } from './simulate';
import { humanize } from '../rules/humanize';
import { minutesOf } from '../rules/derive';
import { burnRateAlertName, sliErrorRatio } from './conventions';
import type { SliTimeline, SloAlertConventions } from '../model/slo';
import { inputOf, timeline } from './scenario-input';
import { sloEvidenceScenarios } from './evidence-scenarios';

/** Whether a scenario of each class expects its alert to fire. */
const CLASS_FIRES: Readonly<Record<ScenarioClass, boolean>> = {
  'firing-minute': true,
  pending: false,
  'edge-above': true,
  'edge-below': false,
  'evidence-loss': true,
};

/** How far from a tier's threshold the edge scenarios put the error ratio: 1 % of it, below and above. */
const EDGE_MARGIN = 0.01;

/** The minute the edge scenarios are evaluated at: the shortest window, full. */
const EDGE_MINUTE = 5;

/**
 * The most healthy minutes before the burn of a pinned firing minute. promtool evaluates every window and the
 * period at every minute of a scenario, so its cost grows with the square of the scenario's length.
 */
const PINNED_HEALTHY_MINUTES = 30;

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

/** A ratio for a scenario name, in percent to four significant digits: 0.0144 → `1.44 %`. */
const percent = (x: number) => `${Number((x * 100).toPrecision(4))} %`;

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
  const [pageFast, pageSlow, ticketFast, ticketSlow] = BURN_RATE_TIERS as [BurnRateTier, BurnRateTier, BurnRateTier, BurnRateTier];
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
  /**
   * One scenario of `tier` at minute `m` of `tl` (or on `direct` input series, with the long window's error ratio
   * `directRatio`), marked with what it proves; the model must agree with the classes (fire or stay quiet).
   */
  const pin = (tier: BurnRateTier, name: string, m: number, proves: readonly ScenarioClass[], on: { readonly tl: SliTimeline } | { readonly direct: ScenarioSeries[]; readonly ratio: number }) => {
    const burn = 'tl' in on ? firingAt(on.tl, m).get(tier) : on.ratio > thresholds[BURN_RATE_TIERS.indexOf(tier)]! ? on.ratio / budgetNumber : undefined;
    for (const c of proves) {
      if (CLASS_FIRES[c] !== (burn !== undefined)) throw new Error(`SLO ${slo.id}, ${tier.name} scenario "${name}": marked ${c}, but the model has it ${burn === undefined ? 'quiet' : 'firing'} at minute ${m}`);
    }
    add(burnRateAlertName(conventions.alertPrefix, tier), {
      name: `${slo.id}: ${name}`,
      interval: '1m',
      input: 'tl' in on ? input(on.tl) : on.direct,
      evalTime: minutes(m),
      expect: burn === undefined ? [] : [expected(tier, burn)],
      proves,
    });
  };

  // Healthy traffic: a quarter of the strictest tier's threshold, for four hours.
  const healthyRatio = slo.sli.kind === 'availability' ? 0 : Math.min(...thresholds) / 4;
  const healthy = timeline(240, () => healthyRatio);
  const quietHealthy = perTier('healthy traffic stays quiet', healthy, 240);
  if (quietHealthy.size > 0) throw new Error(`SLO ${slo.id}: the healthy scenario fires ${[...quietHealthy.keys()].map((t) => t.name).join(', ')}`);

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

  // A full outage after 70 healthy minutes: page-fast fires at the minute the model predicts, not one before.
  const outageStart = 70;
  const outage = timeline(outageStart + 60, (t) => (t > outageStart ? 1 : 0));
  let first: number | undefined;
  for (let m = outageStart; m <= outage.minutes && first === undefined; m++) if (firingAt(outage, m).has(pageFast)) first = m;
  if (first === undefined) throw new Error(`SLO ${slo.id}: a full outage never fires ${pageFast.name} within an hour`);
  const after = `${first - outageStart} minute${first - outageStart === 1 ? '' : 's'}`;
  pin(pageFast, `a full outage is quiet one minute before the predicted ${after}`, first - 1, ['pending'], { tl: outage });
  pin(pageFast, `a full outage fires page-fast after the predicted ${after}`, first, ['firing-minute'], { tl: outage });

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

  // Each of the other tiers: healthy until the end of its short window (at most PINNED_HEALTHY_MINUTES), then a burn
  // at 1.7 times its threshold (a factor whose crossing minute is no whole number for these starts, so no minute sits
  // on the threshold itself). The long window fills with the burn until it crosses the threshold: the tier fires at
  // the minute the model finds, and is quiet the minute before. Availability SLIs count whole bad minutes, and at
  // such a ratio the first one comes hours later: they get a full outage, whose first bad minute the model follows
  // through the 5m rule into every window.
  for (const tier of [pageSlow, ticketFast, ticketSlow]) {
    const ratio = slo.sli.kind === 'availability' ? 1 : Math.min(1, thresholds[BURN_RATE_TIERS.indexOf(tier)]! * 1.7);
    const start = Math.min(minutesOf(tier.shortWindow), PINNED_HEALTHY_MINUTES);
    const errorRatio = (t: number) => (t > start ? ratio : 0);
    const fires = firstMinute(timeline(lengthFor(ratio, start, start + 3 * minutesOf(tier.longWindow)), errorRatio), start, (f) => f.has(tier), `${tier.name} burn`);
    // The scenario's input ends at the minute it fires: a timeline is the same minute by minute whatever its length.
    const burn = timeline(fires, errorRatio);
    const what = ratio === 1 ? `a full outage from minute ${start}` : `a burn at ${humanize(ratio / budgetNumber)} times the budget from minute ${start}`;
    pin(tier, `${what} is quiet at minute ${fires - 1}, one before ${tier.name} fires`, fires - 1, ['pending'], { tl: burn });
    pin(tier, `${what} fires ${tier.name} at minute ${fires}`, fires, ['firing-minute'], { tl: burn });
  }

  // Each tier's threshold edges: an error ratio 1 % under the threshold in both windows stays quiet, 1 % over fires.
  // The ratio is steady from minute 0, so every window holds it as soon as it holds two samples: EDGE_MINUTE, the
  // shortest window, or later where a minimum of traffic must first fill the long window (rate() divides by the
  // whole window). Availability SLIs count whole bad minutes and cannot hold a ratio that close to a threshold:
  // their 5m rule (which every longer window averages) is the scenario's input.
  for (const [i, tier] of BURN_RATE_TIERS.entries()) {
    const threshold = thresholds[i]!;
    const ratioOf = (edge: 'edge-below' | 'edge-above') => threshold * (edge === 'edge-below' ? 1 - EDGE_MARGIN : 1 + EDGE_MARGIN);
    const steady = (edge: 'edge-below' | 'edge-above', minutes: number) => timeline(minutes, () => ratioOf(edge));
    const at =
      slo.sli.kind === 'availability' ? EDGE_MINUTE : firstMinute(steady('edge-above', minutesOf(tier.longWindow)), EDGE_MINUTE, (f) => f.has(tier), `${tier.name} edge`);
    for (const edge of ['edge-below', 'edge-above'] as const) {
      const ratio = ratioOf(edge);
      const name = `an error ratio of ${percent(ratio)}, 1 % ${edge === 'edge-below' ? 'under' : 'over'} the ${tier.name} threshold ${percent(threshold)}, ${edge === 'edge-below' ? 'stays quiet' : 'fires'} at minute ${at}`;
      if (slo.sli.kind === 'availability') {
        const labels = Object.entries({ ...(slo.labels ?? {}), slo_id: slo.id, slo_service: slo.service, slo_name: slo.name, slo_window: '5m' });
        const series = `${sliErrorRatio('5m').name}{${labels.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}}`;
        pin(tier, name, at, [edge], { direct: [{ series, values: `${ratio}x${at}` }], ratio });
      } else {
        pin(tier, name, at, [edge], { tl: steady(edge, at) });
      }
    }
  }

  for (const [alert, scenarios] of sloEvidenceScenarios(slo, conventions)) for (const s of scenarios) add(alert, s);
  return out;
}
