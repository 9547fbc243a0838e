/**
 * Mixes of observation durations whose histogram quantile lies just above or just below a latency threshold that
 * need not be a bucket bound. `histogram_quantile` interpolates linearly inside the bucket its rank falls in, so
 * the quantile of a mix is lower + (upper − lower) × a / b, where a is the rank's position among the b
 * observations of that bucket; the mixes below choose a and b (and how many observations lie below and above the
 * bucket) to bring that fraction as close to the threshold as whole counts a minute allow.
 *
 * Generic, not CdB-specific: it belongs next to engine/rules/derive.ts (CdbExecutionLatencyHigh could use it).
 */

/** Observations a minute by duration in seconds: each pair lands in the first bucket whose bound is ≥ it. */
export type Mix = ReadonlyArray<readonly [seconds: number, count: number]>;

/** A mix and the quantile it has in exact arithmetic (the float one may differ in its last bits: check it). */
export interface QuantileMix {
  readonly mix: Mix;
  readonly quantile: number;
}

/**
 * Mixes whose `q` quantile over the finite bucket bounds `bounds` is above (`side` 'above') or at most ('below')
 * `threshold`, closest first, with 100, 1,000 and 10,000 observations a minute (`q` × total must be whole). Empty
 * when no mix can do it: no quantile exceeds the largest finite bound, and none is below q × the first bound.
 */
export function quantileMixes(bounds: readonly number[], q: number, threshold: number, side: 'above' | 'below'): QuantileMix[] {
  const over = 2 * bounds[bounds.length - 1]!; // a duration in the +Inf bucket
  const out: QuantileMix[] = [];
  for (const total of [100, 1000, 10000]) {
    const rank = Math.round(q * total);
    const spare = total - rank; // observations that may lie above the rank's bucket
    bounds.forEach((upper, k) => {
      const lower = k === 0 ? 0 : bounds[k - 1]!;
      if (side === 'above' ? !(lower <= threshold && threshold < upper) : !(lower < threshold && threshold <= upper)) return;
      const phi = (threshold - lower) / (upper - lower);
      for (let d = 0; d <= spare; d++) {
        // a of the rank's observations fall inside the bucket, which holds a + d observations; rank − a lie below
        // it (none can below the first bucket) and spare − d above it.
        let a: number;
        if (k === 0) a = rank;
        else if (phi >= 1) a = rank;
        else if (side === 'above') a = d === 0 ? 1 : Math.floor((phi * d) / (1 - phi)) + 1;
        else a = d === 0 ? 0 : Math.floor((phi * d) / (1 - phi));
        if (a < 1 || a > rank) continue;
        const fraction = a / (a + d);
        if (side === 'above' ? !(fraction > phi) : !(fraction <= phi)) continue;
        const mix: [number, number][] = [];
        if (rank - a > 0) mix.push([lower, rank - a]);
        mix.push([upper, a + d]);
        if (spare - d > 0) mix.push([over, spare - d]);
        out.push({ mix, quantile: lower + (upper - lower) * fraction });
      }
    });
  }
  // Beyond the largest bound every quantile is that bound.
  if (side === 'below' && threshold >= bounds[bounds.length - 1]!) out.push({ mix: [[over, 100]], quantile: bounds[bounds.length - 1]! });
  const distance = (m: QuantileMix) => Math.abs(m.quantile - threshold);
  return out.sort((x, y) => distance(x) - distance(y));
}
