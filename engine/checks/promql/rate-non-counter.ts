import { finding, type Check } from '../check';
import type { Catalog } from '../../catalog/catalog';

/** Functions that only make sense over a counter. */
export const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase']);

/**
 * Whether a catalog series is a counter: a counter metric, any series of a histogram (`_bucket`, `_count`, `_sum`)
 * or a summary's `_count` and `_sum`. Undefined when the series is not in the catalog (e.g. a recording rule).
 */
export function isCounterSeries(catalog: Catalog, series: string): boolean | undefined {
  const m = catalog.metricForSeries(series);
  if (!m) return undefined;
  if (m.type === 'counter' || m.type === 'histogram') return true;
  if (m.type === 'summary') return series !== m.name;
  return false;
}

/** rate(), irate() and increase() assume a counter: over a gauge they turn every drop into a reset. */
export const promqlRateNonCounter: Check = {
  id: 'promql/rate-non-counter',
  severity: 'error',
  description: 'rate(), irate() or increase() over a catalog series that is not a counter.',
  run(ctx) {
    const catalog = ctx.catalog;
    return ctx.queries.flatMap((q) =>
      q.analysis.selectors
        .filter((s) => s.enclosingFunction !== undefined && COUNTER_FUNCTIONS.has(s.enclosingFunction))
        .filter((s) => s.name !== undefined && isCounterSeries(catalog, s.name) === false)
        .map((s) =>
          finding(
            promqlRateNonCounter,
            q.location,
            `${s.enclosingFunction}() over ${s.name}, which is a ${catalog.metricForSeries(s.name!)!.type}, not a counter: ${q.expr}`,
            'Use deriv() or delta() for how a gauge changes, avg_over_time()/max_over_time() to smooth it, or the gauge itself.',
          ),
        ),
    );
  },
};
