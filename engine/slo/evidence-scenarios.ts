/**
 * promtool scenarios of the alerts that speak for an SLO's burn-rate tiers when they are blind
 * (engine/slo/evidence-alerts.ts): every input vanishing, the error counter alone vanishing, the counters exposed but
 * flat. Each pins the minute its alert fires (and the quiet minute before), computed from the alert's `for`, its
 * window and Prometheus' 5-minute lookback; the ones where a paging tier goes blind name the tiers they guard.
 */
import type { AlertScenarioModel, ExpectedAlert, ScenarioClass, ScenarioSeries } from '../model/alerts';
import type { SeriesSelector } from '../promql/selector';
import type { SloAlertConventions } from '../model/slo';
import { BURN_RATE_TIERS } from './burn-rate';
import type { SloModel } from './model';
import { burnRateAlertName, sliMissingAlertName, trafficStoppedAlertName } from './conventions';
import { SLI_MISSING_FOR, sliMissingDescription, trafficStop, trafficStoppedDescription } from './evidence-alerts';
import { sliInputs } from './sli';
import { counterValues } from './simulate';
import { equalityLabels, inputOf, selects, timeline } from './scenario-input';
import { firesAt, minutesOf } from '../rules/derive';

/** How long an instant selector still finds a series' last sample (Prometheus' default lookback delta), in minutes. */
const LOOKBACK_MINUTES = 5;

/** Healthy minutes before evidence is lost in the scenarios. */
const HEALTHY_MINUTES = 30;

const minutes = (m: number) => `${m}m`;

/** Scenarios keyed by alert name, for the evidence alerts of one SLO. */
export function sloEvidenceScenarios(slo: SloModel, conventions: SloAlertConventions): Map<string, AlertScenarioModel[]> {
  const out = new Map<string, AlertScenarioModel[]>();
  const prefix = conventions.alertPrefix;
  const add = (alert: string, name: string, input: readonly ScenarioSeries[], at: number, expect: readonly ExpectedAlert[], proves: readonly ScenarioClass[], guards?: readonly string[]) =>
    out.set(alert, [
      ...(out.get(alert) ?? []),
      { name: `${slo.id}: ${name}`, interval: '1m', input, evalTime: minutes(at), expect, ...(proves.length > 0 ? { proves } : {}), ...(guards ? { guards } : {}) },
    ]);
  const pageTiers = BURN_RATE_TIERS.filter((t) => t.severity === 'critical').map((t) => burnRateAlertName(prefix, t));
  const stop = trafficStop(slo);
  const stopName = trafficStoppedAlertName(prefix);
  const healthy = timeline(240, () => 0);

  // SliMissing: quiet with data; every input gone after HEALTHY_MINUTES fires once the lookback has lost the last
  // sample and `for` has passed. Losing every input blinds every tier and TrafficStopped.
  const missing = sliMissingAlertName(prefix);
  const inputs = sliInputs(slo.sli);
  /** The alerts `absent()` of the inputs gives, one per label set (`or` keeps the first of equal ones). */
  const absentAlerts = (gone: readonly SeriesSelector<string>[]): ExpectedAlert[] =>
    [...new Map(gone.map((s) => [JSON.stringify(equalityLabels(s)), equalityLabels(s)])).values()].map((labels) => ({ labels, description: sliMissingDescription(slo) }));
  add(missing, 'healthy traffic has data', inputOf(slo, healthy), healthy.minutes, [], []);
  const gone = firesAt(HEALTHY_MINUTES + LOOKBACK_MINUTES + 1, SLI_MISSING_FOR);
  const before = inputOf(slo, timeline(HEALTHY_MINUTES, () => 0));
  const blinded = [...pageTiers, ...(stop?.severity === 'critical' ? [stopName] : [])];
  add(missing, `every SLI series gone after minute ${HEALTHY_MINUTES} fires at minute ${gone}, where the burn-rate tiers go blind`, before, gone, absentAlerts(inputs), ['firing-minute', 'evidence-loss'], blinded);
  add(missing, `every SLI series gone after minute ${HEALTHY_MINUTES} stays quiet at minute ${gone - 1}, one evaluation before it fires`, before, gone - 1, [], ['pending']);

  // An input other than the presence (the error counter, the threshold bucket) gone alone: the others still flow.
  const through = inputOf(slo, timeline(gone, () => 0));
  for (const input of inputs.slice(1)) {
    const cut = before.filter((s) => selects(input, s));
    if (cut.length === 0) continue;
    const kept = through.filter((s) => !selects(input, s));
    add(
      missing,
      `${String(input)} alone gone after minute ${HEALTHY_MINUTES} fires at minute ${gone} (an error counter that vanishes hides every failure)`,
      [...kept, ...cut],
      gone,
      absentAlerts([input]),
      ['evidence-loss'],
      pageTiers,
    );
  }

  // TrafficStopped: counters that stop increasing fire once the window holds no event, and are quiet while it still
  // holds the last one.
  if (stop) {
    const window = minutesOf(stop.window);
    // promtool evaluates every rule of the SLO at every minute up to the window's end: the counters stop at once.
    const stopsAt = 1;
    const stopped = (length: number) => timeline(length, () => 0, (t) => (t <= stopsAt ? 100 : 0));
    const events = counterValues(stopped(stopsAt + 2 * window).events);
    const fires = events.findIndex((v, m) => m >= 1 && v === events[Math.max(0, m - window)]);
    if (fires < 0) throw new Error(`SLO ${slo.id}: no minute of the traffic-stopped scenario has an empty ${stop.window} window`);
    const input = inputOf(slo, stopped(fires));
    const expect = [{ labels: {}, description: trafficStoppedDescription(slo, stop.window) }];
    add(stopName, `counters flat from minute ${stopsAt} fire at minute ${fires}, once the ${stop.window} window holds no event`, input, fires, expect, ['firing-minute']);
    add(stopName, `counters flat from minute ${stopsAt} stay quiet at minute ${fires - 1}, one evaluation before they fire`, input, fires - 1, [], ['pending']);
  }

  return out;
}
