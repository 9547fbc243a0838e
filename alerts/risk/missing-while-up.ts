/**
 * The expression of a guard alert: a target that Prometheus scrapes fine but that does not export a series other
 * alerts read. A series that vanishes from a successful scrape is marked stale at once, so the guard sees it at the
 * next evaluation, where an alert reading the series goes silent. (Generic over jobs and metrics; used by the risk
 * and paper-execution guards.)
 */
import { eq, group, labelReplace, or, select, unless, type InstantVector, type SeriesSelector } from '../../engine/promql';
import { exporters } from '../../catalog';
import type { TargetLabel } from '../../engine/catalog/metric';

/** The label that names the missing series (its selector) on the guard's result. */
export const MISSING_LABEL = 'missing';

/**
 * `up{job} == 1 unless on (job, instance) group by (job, instance) (<selector>)` for each of `selectors`, each
 * result labelled `missing="<selector>"`: one alert per target and missing series. `group` asks only whether the
 * series is there, which is all a guard may ask of a counter.
 */
export function missingWhileUp(job: string, selectors: readonly SeriesSelector<string>[]): InstantVector<TargetLabel | typeof MISSING_LABEL> {
  if (selectors.length === 0) throw new Error('missingWhileUp: no series to watch');
  const [first, ...rest] = selectors.map((s) =>
    labelReplace(unless(eq(select(exporters.up, { job }), 1), group.by(['job', 'instance'], s), { on: ['job', 'instance'] }), MISSING_LABEL, String(s), 'job', '.*'),
  );
  return rest.reduce<InstantVector<TargetLabel | typeof MISSING_LABEL>>((all, next) => or(all, next), first!);
}
