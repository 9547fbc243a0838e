/**
 * The Zero-Activity Incident (ZAI): 24 hours or more without an event of the flow is an incident, also when the
 * metric counting that event has vanished. Shared by the signal and paper-trade alerts.
 */
import type { Metric } from '../engine/catalog/metric';
import { durationSeconds, type Duration } from '../engine/promql/duration';
import { absentOverTime, and, eq, ge, increase, lt, max, min, mul, or, select, sub, sum, time, unless } from '../engine/promql';
import { exporters } from '../catalog';
import { scenario, series } from '../engine/rules/alert';
import type { AlertScenarioModel, ExpectedAlert, ScenarioSeries } from '../engine/model/alerts';
import { targetLabels } from './common';

/**
 * Events of `counter` over `window`: 0 when there were none or when the counter had no sample in the window.
 * - `increase` handles counter resets, so a service restart is no false alarm;
 * - the last-event timestamp vetoes it: a labelled counter appears at its first event already at 1, so
 *   `increase` misses that event, while the timestamp does not;
 * - it only judges with a whole window of data: a fresh Prometheus (or a lost TSDB) knows nothing of the day
 *   before, so it waits until its oldest sample is a window old.
 */
/** Scenario input: Prometheus holding data since t = 0, sampled every minute for `minutes` minutes. */
export function tsdbHistorySince0(minutes: number) {
  return series(select(exporters.prometheusTsdbLowestTimestampSeconds, targetLabels('cdb_prometheus')), `0x${minutes}`);
}

export function zeroActivityExpr(counter: Metric<string, string, 'counter'>, lastEvent: Metric<string, string, 'gauge'>, window: Duration) {
  const seconds = durationSeconds(window);
  const noEvents = or(eq(sum(increase(select(counter).over(window))), 0), mul(absentOverTime(select(counter).over(window)), 0));
  const recentEvent = lt(sub(time(), max(select(lastEvent))), seconds);
  const enoughHistory = ge(sub(time(), min(select(exporters.prometheusTsdbLowestTimestampSeconds))), seconds);
  return and(unless(noEvents, recentEvent, { on: [] }), enoughHistory, { on: [] });
}

/**
 * The Zero-Activity scenarios every ZAI alert must pass, for one kind of event: a day-long stop fires, an event
 * inside the day keeps it quiet, a metric absent for a day fires, restarts neither hide a stop nor raise a false
 * alarm, a counter that appears at 1 after a gap counts, and a fresh Prometheus waits for a day of data.
 */
export function zeroActivityScenarios(o: {
  /** Singular and plural of the event, e.g. `signal` / `signals`. */
  readonly noun: string;
  readonly nouns: string;
  /** Counter series of the event with the given promtool values (one sample a minute). */
  readonly events: (values: string) => ScenarioSeries;
  /** Last-event timestamp series with the given values. */
  readonly lastEvent: (values: string) => ScenarioSeries;
  /** `up` of the service exposing the events, with the given values. */
  readonly up: (values: string) => ScenarioSeries;
  readonly firing: readonly ExpectedAlert[];
}): AlertScenarioModel[] {
  const { noun, nouns, events, lastEvent, up, firing } = o;
  return [
    scenario(`${nouns} stop for 25h`, { input: [events('0+1x60 60x1560'), lastEvent('_x60 3600x1560'), tsdbHistorySince0(1620)], at: '26h', fires: firing }),
    scenario(`a ${noun} at hour 23 keeps it quiet at hour 25`, {
      input: [events('0x1380 1x120'), lastEvent('_x1380 82800x120'), tsdbHistorySince0(1500)],
      at: '25h',
      fires: 'quiet',
    }),
    scenario(`the ${noun} metric is absent for a day`, { input: [up('1x1560'), tsdbHistorySince0(1560)], at: '25h', fires: firing }),
    scenario('a restart that resets the counter raises no false alarm', { input: [events('0+1x600 0+1x900'), tsdbHistorySince0(1500)], at: '25h', fires: 'quiet' }),
    scenario(`a restart followed by 24h without ${nouns} still fires`, { input: [events('0+1x60 0x1620'), tsdbHistorySince0(1680)], at: '26h', fires: firing }),
    scenario(`a ${noun} right after a day-long gap counts, though its counter appears at 1`, {
      input: [events('_x1500 1x60'), lastEvent('_x1500 90000x60'), tsdbHistorySince0(1560)],
      at: '1530m',
      fires: 'quiet',
    }),
    scenario('a fresh Prometheus with less than a day of data stays quiet', { input: [events('0x180'), tsdbHistorySince0(180)], at: '3h', fires: 'quiet' }),
    scenario(`${nouns} every minute stay quiet`, { input: [events('0+1x1800'), tsdbHistorySince0(1800)], at: '30h', fires: 'quiet' }),
  ];
}
