/**
 * The timeline the system alerts on a lost series share in their scenarios: the series is reported from minute 0
 * through minute 1 and then no more (its exporter is still scraped). Without a staleness marker, which promtool
 * does not write, an instant selector still finds the last sample for the 5-minute lookback: the series is absent
 * from the first minute the lookback no longer reaches it, and an alert on that absence fires `for` later. A real
 * Prometheus marks the series stale at the first scrape without it, so it fires up to the lookback sooner.
 */
import { firesAt } from '../../engine/rules/derive';
import type { Duration } from '../../engine/promql/duration';
import { firstHolding, gauge, latest, LOOKBACK_MINUTES } from './simulate';

export interface Vanished {
  /** The minute of the last sample. */
  readonly lastSample: number;
  /** The first minute the series is absent. */
  readonly gone: number;
  /** The minute an alert on its absence fires: `gone` plus `for`. */
  readonly fires: number;
  /** One evaluation before `fires`. */
  readonly before: number;
  /** The series at `value` until its last sample. */
  values(value: number): string;
}

/** The timeline of a series lost at minute 1, for an alert on its absence whose `for` is `pending`. */
export function vanished(pending: Duration): Vanished {
  const lastSample = 1;
  const reported = (value: number) => gauge(lastSample, [[0, value]]);
  const gone = firstHolding((t) => latest(reported(1), t) === undefined, 0, lastSample + LOOKBACK_MINUTES + 1)!;
  const fires = firesAt(gone, pending);
  return { lastSample, gone, fires, before: fires - 1, values: (value) => reported(value).notation };
}
