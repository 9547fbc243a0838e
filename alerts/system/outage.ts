/**
 * The timeline the system alerts on a gauge (`up == 0`, `redis_up == 0`, a failed reload) share in their scenarios:
 * the gauge is healthy at minute 0 and bad from minute 1 on, so the alert fires at the first evaluation at which
 * the condition has held for the alert's `for`; one evaluation earlier it is still pending (or, for `for: 0m`, the
 * gauge is still healthy). Every series runs through the firing minute, so every scenario covers its `at`.
 */
import { firesAt } from '../../engine/rules/derive';
import type { Duration } from '../../engine/promql/duration';
import { gauge } from './simulate';

export interface Outage {
  /** The minute the gauge turns bad. */
  readonly start: number;
  /** The minute the alert fires: `start` plus `for`, rounded up to the next evaluation. */
  readonly fires: number;
  /** One evaluation before `fires`. */
  readonly before: number;
  /** The gauge, `healthy` at minute 0 and `bad` from `start` through `fires`. */
  values(healthy: number, bad: number): string;
  /** The gauge at `value` throughout, through `fires`. */
  steady(value: number): string;
  /**
   * Bad from `start`, and healthy again at `fires`: an outage shorter than `for`, seen at the minute it would have
   * fired. Undefined for `for: 0m`, where no outage is shorter than `for`.
   */
  recovered(healthy: number, bad: number): string | undefined;
}

/** The outage timeline of an alert whose `for` is `pending`. */
export function outage(pending: Duration): Outage {
  const start = 1;
  const fires = firesAt(start, pending);
  return {
    start,
    fires,
    before: fires - 1,
    values: (healthy, bad) => gauge(fires, [[0, healthy], [start, bad]]).notation,
    steady: (value) => gauge(fires, [[0, value]]).notation,
    recovered: (healthy, bad) => (fires > start ? gauge(fires, [[0, healthy], [start, bad], [fires, healthy]]).notation : undefined),
  };
}
