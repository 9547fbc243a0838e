/** SLI error-ratio expressions per SLI kind and window. */
import { InstantVector } from '../promql/expr';
import type { Window } from '../promql/duration';
import { avg, sum } from '../promql/aggregations';
import { avgOverTime, num, rate, vector } from '../promql/functions';
import { div, gt, or, sub } from '../promql/operators';
import { SeriesSelector, buckets, observationCount, subquery } from '../promql/selector';
import type { SloModel } from './model';
import type { WindowQuery } from '../model/slo';

type Sli = SloModel['sli'];

/** Per-second rate of a selector's counter, or the query's own rate, summed to one series. */
function eventRate(source: SeriesSelector<string> | WindowQuery, window: Window): InstantVector<never> {
  return source instanceof SeriesSelector ? sum(rate(source.over(window))) : sum(source(window));
}

/** Events the SLI counts (ratio and latency SLIs), per second over `window`. */
export function totalRate(sli: Sli, window: Window): InstantVector<never> | undefined {
  if (sli.kind === 'ratio') return eventRate(sli.total, window);
  if (sli.kind === 'latency') return sum(rate(observationCount(sli.histogram, sli.matchers ?? {}).over(window)));
  return undefined;
}

/**
 * The error ratio over `window` from raw data. Without traffic the ratio has no sample rather than NaN
 * (`/ (total > 0)`), so it cannot poison longer windows; a ratio SLI with traffic but no error series yet counts
 * zero errors.
 */
export function rawErrorRatio(sli: Sli, window: Window): InstantVector<never> {
  switch (sli.kind) {
    case 'ratio':
      return div(or(eventRate(sli.errors, window), vector(0)), gt(eventRate(sli.total, window), 0));
    case 'latency': {
      const total = totalRate(sli, window)!;
      const fast = sum(rate(buckets(sli.histogram, { ...(sli.matchers ?? {}), le: String(sli.threshold) }).over(window)));
      return div(sub(total, fast), gt(total, 0));
    }
    case 'availability': {
      const good = sli.good instanceof SeriesSelector ? sli.good.over(window) : subquery(sli.good, window, '1m');
      return sub(num(1), avg(avgOverTime(good))) as InstantVector<never>;
    }
  }
}

/** The selector of a kind's presence: the series whose absence means the SLI is missing. */
export function presenceSelector(sli: Sli): SeriesSelector<string> {
  if (sli.kind === 'latency') return observationCount(sli.histogram, sli.matchers ?? {});
  if (sli.presence) return sli.presence;
  const candidate = sli.kind === 'ratio' ? sli.total : sli.good;
  if (candidate instanceof SeriesSelector) return candidate;
  throw new Error('SLI has no presence selector (validation should have caught this)');
}


/**
 * Every selector the SLI reads whose absence blinds it: its presence; a ratio SLI's total and error counters (when
 * they are selectors); a latency SLI's bucket at the threshold. A ratio SLI counts a missing error series as zero
 * errors, so an error counter that vanishes while the total stays would hide every failure: counters with a closed
 * set of label values are exposed at 0 from the start, and a missing one is lost evidence, not a quiet service.
 */
export function sliInputs(sli: Sli): SeriesSelector<string>[] {
  const inputs = [presenceSelector(sli)];
  if (sli.kind === 'ratio') {
    for (const s of [sli.total, sli.errors]) if (s instanceof SeriesSelector) inputs.push(s);
  }
  if (sli.kind === 'latency') inputs.push(buckets(sli.histogram, { ...(sli.matchers ?? {}), le: String(sli.threshold) }));
  return [...new Map(inputs.map((s) => [s.text, s])).values()];
}
