/**
 * Histogram scenario inputs: observations per minute in each bucket of a classic histogram, chosen so that the
 * quantile `histogram_quantile` interpolates lies just above or at-or-below a threshold that need not be a bucket
 * bound, and the quantile Prometheus 2.42 computes from them. (Generic: it belongs with engine/rules/derive.ts.)
 */

/** Observations per minute: `perBucket[i]` in (bounds[i − 1], bounds[i]], the last entry above every bound. */
export interface Observations {
  readonly perBucket: readonly number[];
}

/** The cumulative count per minute of each `le` series: one per bound, then `+Inf`. */
export function cumulative(o: Observations): number[] {
  let sum = 0;
  return o.perBucket.map((n) => (sum += n));
}

/**
 * `histogram_quantile(q, …)` of Prometheus 2.42 on buckets sorted by upper bound, `+Inf` last, with counts that
 * never decrease (what the scenarios feed it, so the sorting and monotonicity repairs are not needed): the same
 * float operations in the same order, so a scenario can render the exact value the alert returns.
 */
export function bucketQuantile(q: number, buckets: ReadonlyArray<{ readonly upperBound: number; readonly count: number }>): number {
  if (buckets.length < 2 || buckets.at(-1)!.upperBound !== Number.POSITIVE_INFINITY) return Number.NaN;
  for (let i = 1; i < buckets.length; i++) {
    if (!(buckets[i]!.upperBound > buckets[i - 1]!.upperBound) || buckets[i]!.count < buckets[i - 1]!.count) throw new Error('buckets must be sorted and cumulative');
  }
  const observations = buckets.at(-1)!.count;
  if (observations === 0) return Number.NaN;
  let rank = q * observations;
  // sort.Search over all but the +Inf bucket: the first whose count reaches the rank.
  let b = buckets.slice(0, -1).findIndex((x) => x.count >= rank);
  if (b === -1) b = buckets.length - 1;
  if (b === buckets.length - 1) return buckets[buckets.length - 2]!.upperBound;
  if (b === 0 && buckets[0]!.upperBound <= 0) return buckets[0]!.upperBound;
  let bucketStart = 0;
  const bucketEnd = buckets[b]!.upperBound;
  let count = buckets[b]!.count;
  if (b > 0) {
    bucketStart = buckets[b - 1]!.upperBound;
    count -= buckets[b - 1]!.count;
    rank -= buckets[b - 1]!.count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

/**
 * Candidates, closest first, for observations whose `q`-quantile lies strictly above `threshold` (`above`) or at or
 * below it (`below`), with `100 × resolution` observations a minute for resolutions from 100 up. The quantile
 * lands in the bucket of the threshold, interpolated at the nearest share the counts allow on that side:
 * - up to the share q of the bucket, the observations are in it and in the bucket just below it;
 * - from q up, they are in it and in the bucket just above it.
 * The caller picks the first candidate whose quantile, computed as Prometheus does, is on the right side at every
 * minute it needs (the ideal share and the float one can differ by an ulp); nudged candidates step further away.
 * Empty when no observations can: above the largest finite bound for `above` (the quantile never exceeds it), and
 * below q × the first bound for `below` (the lowest quantile any observation gives).
 */
export function* observationsAround(bounds: readonly number[], q: number, threshold: number, side: 'above' | 'below'): Generator<Observations> {
  // The bucket the quantile lands in, its lower end, and the share of it below the threshold.
  let b = bounds.findIndex((u) => (side === 'above' ? u > threshold : u >= threshold));
  if (b === -1) {
    if (side === 'above') return;
    b = bounds.length - 1;
  }
  const lo = b > 0 ? bounds[b - 1]! : 0;
  const share = Math.min(1, (threshold - lo) / (bounds[b]! - lo));
  // In the first bucket the interpolation starts at 0 and every observation is in it or above: its share is q or more.
  const withBucketAbove = share >= q || b === 0;
  if (side === 'below' && b === 0 && share < q) return;
  for (let resolution = 100; resolution <= 1e8; resolution *= 10) {
    const total = 100 * resolution;
    const rank = Math.round(q * total);
    if (Math.abs(rank - q * total) > 1e-6) throw new Error(`the quantile ${q} needs more than two decimals`);
    for (let nudge = 0; nudge < 3; nudge++) {
      const perBucket = new Array<number>(bounds.length + 1).fill(0);
      if (withBucketAbove) {
        // `inBucket` observations in bucket b, the rest above it: the quantile is at the share rank / inBucket of b.
        const inBucket =
          side === 'below' ? Math.ceil(rank / share) + nudge : share >= q ? Math.ceil(rank / share) - 1 - nudge : total - nudge; // the last: share q, the lowest
        if (inBucket < rank || inBucket > total) continue;
        perBucket[b] = inBucket;
        perBucket[b + 1] = total - inBucket;
      } else {
        // `under` observations in bucket b − 1, the rest in b: the quantile is at (rank − under) / (total − under) of b.
        const exact = (rank - total * share) / (1 - share);
        const under = side === 'above' ? Math.ceil(exact) - 1 - nudge : Math.ceil(exact) + nudge;
        if (under < 0 || under >= rank) continue;
        perBucket[b - 1] = under;
        perBucket[b] = total - under;
      }
      yield { perBucket };
    }
  }
}

/**
 * `value` with the fewest significant digits (four at least, twelve at most) that still show on which side of
 * `threshold` it lies, for a scenario name: a p99 of 9.99005 against 9.99 is `9.99005`, where the description's
 * four digits say 9.99. A value within float noise of the threshold shows as the threshold.
 */
export function digitsApart(value: number, threshold: number): number {
  for (let digits = 4; digits <= 12; digits++) {
    const shown = Number(value.toPrecision(digits));
    if (Math.sign(shown - threshold) === Math.sign(value - threshold)) return shown;
  }
  return Number(value.toPrecision(12));
}
