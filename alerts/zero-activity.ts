/**
 * The Zero-Activity Incident (ZAI): 24 hours or more without an event of the flow is an incident, also when the
 * metric counting that event has vanished. Shared by the signal and paper-trade alerts.
 */
import type { Metric } from '../engine/catalog/metric';
import { durationSeconds, type Duration } from '../engine/promql/duration';
import { absentOverTime, and, eq, ge, increase, lt, max, min, mul, or, select, sub, sum, time, unless } from '../engine/promql';
import { exporters } from '../catalog';
import { series } from '../engine/rules/alert';
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
