/**
 * The Zero-Activity Incident (ZAI): 24 hours or more without an event of the flow is an incident, also when the
 * metric counting that event has vanished. Shared by the signal and paper-trade alerts.
 */
import type { Metric } from '../engine/catalog/metric';
import type { Duration } from '../engine/promql/duration';
import { absentOverTime, eq, increase, mul, or, select, sum } from '../engine/promql';

/**
 * Events of `counter` over `window`, 0 when there were none or when the counter has had no sample in the window.
 * `increase` handles counter resets, so a service restart is no false alarm.
 */
export function zeroActivityExpr(counter: Metric<string, string, 'counter'>, window: Duration) {
  return or(eq(sum(increase(select(counter).over(window))), 0), mul(absentOverTime(select(counter).over(window)), 0));
}
