/**
 * A minute-by-minute model of how promtool (Prometheus 2.42) evaluates the expressions of the market-data,
 * signal-engine and Zero-Activity alerts on scenario input. The scenarios of those alerts use it to derive, from
 * the settings, the minute an alert starts firing and the value its description renders, instead of copying
 * numbers that were true for the defaults; promtool then checks every prediction against the real rule engine.
 *
 * It follows Prometheus 2.42 to the float: promtool expands `a+bxn` by repeated addition; range selectors hold
 * the samples in [t − w, t] (both ends); an instant selector takes the newest sample of the last 5 minutes;
 * rate/increase extrapolate as `extrapolatedRate` does; `histogram_quantile` interpolates as `bucketQuantile` does;
 * an alert fires at the first evaluation at which its condition has held for `for`. The scenarios sample and
 * evaluate once a minute, so minute `t` is the evaluation at `t` minutes.
 *
 * Generic, not CdB-specific: it belongs next to engine/rules/derive.ts.
 */
import { durationSeconds, formatNumber } from '../../engine/promql';

/** Samples of one series, one a minute: index = minute, undefined where promtool's notation omits one (`_`). */
export type Samples = readonly (number | undefined)[];

const MINUTE_MS = 60_000;
/** Milliseconds of a window, parsed once: the model reads the same few windows at every minute of day-long scenarios. */
const windowMs = new Map<string, number>();
function msOf(window: string): number {
  let ms = windowMs.get(window);
  if (ms === undefined) windowMs.set(window, (ms = durationSeconds(window) * 1000));
  return ms;
}
const LOOKBACK_MS = 5 * MINUTE_MS;
const NUMBER = '[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?';
const ITEM = new RegExp(`^(${NUMBER})(?:([+-](?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?))?(?:x(\\d+))?$`);

/** The samples promtool reads from series notation (`0+60x10 600x20`, `_x5 1x3`). */
export function expand(values: string): Samples {
  const out: (number | undefined)[] = [];
  for (const item of values.trim().split(/\s+/)) {
    if (item === '_') out.push(undefined);
    else if (/^_x\d+$/.test(item)) out.push(...new Array<undefined>(Number(item.slice(2))).fill(undefined)); // `_xn`: n gaps
    else {
      const m = ITEM.exec(item);
      if (!m) throw new Error(`series notation the model does not read: "${item}" in "${values}"`);
      let value = Number(m[1]);
      const step = m[2] === undefined ? 0 : Number(m[2]);
      const times = m[3] === undefined ? 0 : Number(m[3]);
      // `axn` and `a+bxn` are n + 1 samples; promtool adds the step to the previous value each time.
      for (let i = 0; i <= times; i++, value += step) out.push(value);
    }
  }
  return out;
}

/** Series notation pieces, joined by `notation`. */
export const gap = (samples: number): string => (samples <= 0 ? '' : `_x${samples}`);
/** `samples` samples of `value`. */
export const hold = (value: number, samples: number): string => (samples <= 0 ? '' : samples === 1 ? formatNumber(value) : `${formatNumber(value)}x${samples - 1}`);
/** `samples` samples from `start`, each `step` above the one before. */
export const ramp = (start: number, step: number, samples: number): string =>
  step === 0 || samples <= 1 ? hold(start, samples) : `${formatNumber(start)}${step < 0 ? '' : '+'}${formatNumber(step)}x${samples - 1}`;
export const notation = (...pieces: string[]): string => pieces.filter((p) => p !== '').join(' ');

/**
 * A counter sampled every minute from minute 0 to minute `minutes`, starting at `start` and rising by
 * `rise(t)` into minute t, in notation whose pieces promtool adds up exactly as the model does.
 */
export function counter(rise: (minute: number) => number, minutes: number, start = 0): string {
  const pieces: string[] = [];
  let t = 0;
  let value = start;
  while (t <= minutes) {
    const step = t < minutes ? rise(t + 1) : 0;
    let end = t; // the last minute of this piece
    while (end < minutes && rise(end + 1) === step) end++;
    pieces.push(ramp(value, step, end - t + 1));
    for (let i = t; i < end; i++) value += step;
    if (end < minutes) value += rise(end + 1);
    t = end + 1;
  }
  return notation(...pieces);
}

/** The newest sample at or before minute `t` and at most 5 minutes old, as an instant selector reads it. */
export function instant(samples: Samples, t: number): number | undefined {
  for (let i = Math.min(t, samples.length - 1); i >= 0 && (t - i) * MINUTE_MS <= LOOKBACK_MS; i--) if (samples[i] !== undefined) return samples[i];
  return undefined;
}

/**
 * Per series, indexed once: the previous and next sample of every minute, how many samples precede it, and the
 * running sum of counter-reset corrections, so that day-long windows cost no more to read than short ones.
 */
interface SampleIndex {
  readonly prev: Int32Array;
  readonly next: Int32Array;
  readonly corrections: Float64Array;
  /** Samples up to and including each minute. */
  readonly counts: Int32Array;
  /** Whole values only: the running sums are then exact, and equal to Prometheus' sample-by-sample additions. */
  readonly integral: boolean;
}
const indexes = new WeakMap<Samples, SampleIndex>();
function indexOf(samples: Samples): SampleIndex {
  let index = indexes.get(samples);
  if (index) return index;
  const n = samples.length;
  const prev = new Int32Array(n);
  const next = new Int32Array(n);
  const corrections = new Float64Array(n);
  const counts = new Int32Array(n);
  let last = -1;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (samples[i] !== undefined) {
      if (last >= 0 && samples[i]! < samples[last]!) sum += samples[last]!;
      last = i;
      count++;
    }
    prev[i] = last;
    corrections[i] = sum;
    counts[i] = count;
  }
  last = n;
  for (let i = n - 1; i >= 0; i--) {
    if (samples[i] !== undefined) last = i;
    next[i] = last;
  }
  index = { prev, next, corrections, counts, integral: samples.every((v) => v === undefined || (Number.isInteger(v) && Math.abs(v) < 2 ** 40)) };
  indexes.set(samples, index);
  return index;
}

/** The first and last sample a range selector of `window` reads at minute `t` ([t − window, t]), and how many. */
function windowSpan(samples: Samples, t: number, window: string): { first: number; last: number } | undefined {
  if (samples.length === 0) return undefined;
  const from = Math.max(0, Math.ceil((t * MINUTE_MS - msOf(window)) / MINUTE_MS));
  const to = Math.min(t, samples.length - 1);
  if (from > to) return undefined;
  const { prev, next } = indexOf(samples);
  const first = next[from]!;
  const last = prev[to]!;
  return first <= last && first < samples.length && last >= 0 ? { first, last } : undefined;
}

/** True when the series has no sample in [t − window, t] (`absent_over_time`). */
export function absentOverTime(samples: Samples, t: number, window: string): boolean {
  return windowSpan(samples, t, window) === undefined;
}

/** `rate` (per second) or `increase` of a counter over `window` at minute `t`; undefined with fewer than two samples. */
export function extrapolated(samples: Samples, t: number, window: string, fn: 'rate' | 'increase'): number | undefined {
  const span = windowSpan(samples, t, window);
  if (!span || span.first === span.last) return undefined;
  const { first, last } = span;
  const rangeMs = msOf(window);
  const rangeStart = t * MINUTE_MS - rangeMs;
  const index = indexOf(samples);
  const firstValue = samples[first]!;
  // Prometheus 2.42 (the version with native histograms): the counter corrections are added to last − first one by
  // one, and a rate multiplies by (interval / sampled) / range rather than dividing afterwards.
  let result = samples[last]! - firstValue;
  if (index.integral) result += index.corrections[last]! - index.corrections[first]!;
  else {
    for (let k = first, p = first; k <= last; k++) {
      if (samples[k] === undefined) continue;
      if (samples[k]! < samples[p]!) result += samples[p]!;
      p = k;
    }
  }
  const count = index.counts[last]! - index.counts[first]! + 1;
  let toStart = (first * MINUTE_MS - rangeStart) / 1000;
  const toEnd = (t * MINUTE_MS - last * MINUTE_MS) / 1000;
  const sampled = ((last - first) * MINUTE_MS) / 1000;
  const average = sampled / (count - 1);
  if (result > 0 && firstValue >= 0) {
    const toZero = sampled * (firstValue / result);
    if (toZero < toStart) toStart = toZero;
  }
  const threshold = average * 1.1;
  let interval = sampled;
  interval += toStart < threshold ? toStart : average / 2;
  interval += toEnd < threshold ? toEnd : average / 2;
  let factor = interval / sampled;
  if (fn === 'rate') factor /= rangeMs / 1000;
  return result * factor;
}

/** `histogram_quantile(q, …)` of one histogram: cumulative counts by upper bound (`+Inf` included). */
export function bucketQuantile(q: number, buckets: ReadonlyArray<{ readonly le: number; readonly count: number }>): number {
  const b = [...buckets].sort((x, y) => x.le - y.le).map((x) => ({ ...x }));
  if (b.length === 0 || b[b.length - 1]!.le !== Number.POSITIVE_INFINITY) return Number.NaN;
  let max = Number.NEGATIVE_INFINITY; // ensureMonotonic
  for (const x of b) {
    if (x.count > max) max = x.count;
    else if (x.count < max) x.count = max;
  }
  if (b.length < 2) return Number.NaN;
  const observations = b[b.length - 1]!.count;
  if (observations === 0) return Number.NaN;
  let rank = q * observations;
  let i = 0;
  while (i < b.length - 1 && !(b[i]!.count >= rank)) i++;
  if (i === b.length - 1) return b[b.length - 2]!.le;
  if (i === 0 && b[0]!.le <= 0) return b[0]!.le;
  let start = 0;
  let count = b[i]!.count;
  if (i > 0) {
    start = b[i - 1]!.le;
    count -= b[i - 1]!.count;
    rank -= b[i - 1]!.count;
  }
  return start + (b[i]!.le - start) * (rank / count);
}

/** Minutes an alert's condition must hold before it fires: a `for` of 90s needs 2 evaluations a minute apart. */
export function pendingMinutes(pending: string | undefined): number {
  return Math.ceil(durationSeconds(pending ?? '0s') / 60 - 1e-9);
}

/** Whether an alert whose condition at minute t is `holds(t)` is firing at minute `at`. */
export function firingAt(holds: (t: number) => boolean, pending: string | undefined, at: number): boolean {
  const from = at - pendingMinutes(pending);
  if (from < 0) return false;
  for (let t = from; t <= at; t++) if (!holds(t)) return false;
  return true;
}

/** The first minute, up to `horizon`, at which the alert fires; undefined if it does not. */
export function firstFiring(holds: (t: number) => boolean, pending: string | undefined, horizon: number): number | undefined {
  const need = pendingMinutes(pending);
  let streak = 0;
  for (let t = 0; t <= horizon; t++) {
    streak = holds(t) ? streak + 1 : 0;
    if (streak > need) return t;
  }
  return undefined;
}
