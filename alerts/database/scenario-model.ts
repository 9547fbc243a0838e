/**
 * A model of what promtool (Prometheus 2.42) computes for the database alerts' scenario input, so that each scenario
 * derives from the settings the minute its alert fires and the value its description renders, instead of copying
 * numbers that were true for the defaults. Input series are sampled once a minute from minute 0, as the scenarios
 * are; the alert is evaluated once a minute from minute 0, as promtool does. The functions follow Prometheus 2.42:
 * range selectors include both ends of their window, an instant selector looks back 5 minutes (included), `rate` and
 * `increase` extrapolate as `extrapolatedRate` does, `histogram_quantile` interpolates as `bucketQuantile` does.
 * promtool checks every scenario built from it, so a wrong model fails the tests instead of hiding a wrong alert.
 *
 * Nothing in it is specific to the database layer: it would belong next to engine/rules/derive.ts.
 */
import type { Duration } from '../../engine/promql';
import { durationSeconds } from '../../engine/promql/duration';

/** A series sampled once a minute from minute 0 (index = minute); `undefined` is a missing sample (`_`). */
export type Samples = ReadonlyArray<number | undefined>;

/** How far back an instant selector finds a sample (Prometheus' default lookback delta), in minutes. */
const LOOKBACK_MINUTES = 5;

/** `start`, then `perMinute` more every minute, for `minutes` minutes (`minutes + 1` samples, as `0+5x10` gives). */
export function linear(start: number, perMinute: number, minutes: number): number[] {
  return Array.from({ length: minutes + 1 }, (_, i) => start + perMinute * i);
}

/**
 * A counter that gains exactly `perWindow` in every `window` consecutive minutes, spread as evenly as whole
 * increments allow (19 in 5 minutes: 4, 4, 4, 4, 3, 4, …), for `minutes` minutes.
 */
export function evenCounter(perWindow: number, window: number, minutes: number): number[] {
  const base = Math.floor(perWindow / window);
  const extra = perWindow - base * window;
  const out = [0];
  for (let i = 1; i <= minutes; i++) out.push(out[i - 1]! + base + ((i - 1) % window < extra ? 1 : 0));
  return out;
}

/**
 * Samples in promtool's expanding notation (`0+5x10 50x3 _x2 7`), each run checked to expand, by promtool's
 * repeated float addition, to exactly the samples given; a run that would not is written value by value.
 */
export function promtoolValues(samples: Samples): string {
  const parts: string[] = [];
  let i = 0;
  while (i < samples.length) {
    if (samples[i] === undefined) {
      let j = i;
      while (j + 1 < samples.length && samples[j + 1] === undefined) j++;
      parts.push(j === i ? '_' : `_x${j - i + 1}`);
      i = j + 1;
      continue;
    }
    const first = samples[i]!;
    let j = i;
    const next = samples[i + 1];
    if (next !== undefined) {
      const step = next - first;
      let value = first;
      while (j + 1 < samples.length && samples[j + 1] !== undefined && value + step === samples[j + 1]) {
        value += step;
        j++;
      }
      if (j > i) {
        parts.push(step === 0 ? `${first}x${j - i}` : `${first}${step > 0 ? '+' : '-'}${Math.abs(step)}x${j - i}`);
        i = j + 1;
        continue;
      }
    }
    parts.push(String(first));
    i++;
  }
  return parts.join(' ');
}

/** The samples a range selector of `windowSeconds` reads at minute `t`: minutes in [t − window, t], both included. */
function inWindow(s: Samples, t: number, windowSeconds: number): Array<{ ms: number; v: number }> {
  const end = t * 60_000;
  const start = end - Math.round(windowSeconds * 1000);
  const out: Array<{ ms: number; v: number }> = [];
  for (let m = Math.max(0, Math.ceil(start / 60_000)); m <= t && m < s.length; m++) {
    const v = s[m];
    if (v !== undefined && m * 60_000 >= start) out.push({ ms: m * 60_000, v });
  }
  return out;
}

/** An instant selector at minute `t`: the newest sample at most 5 minutes old, or undefined. */
export function instantAt(s: Samples, t: number): number | undefined {
  for (let m = Math.min(t, s.length - 1); m >= 0 && m >= t - LOOKBACK_MINUTES; m--) if (s[m] !== undefined) return s[m];
  return undefined;
}

/** `increase(x[window])` at minute `t` of a counter (`rate` with `perSecond`), as Prometheus 2.42 extrapolates it. */
export function increaseAt(s: Samples, t: number, window: Duration | string, perSecond = false): number | undefined {
  const windowSeconds = durationSeconds(window);
  const points = inWindow(s, t, windowSeconds);
  if (points.length < 2) return undefined;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  let result = last.v - first.v;
  let previous = 0;
  for (const p of points) {
    if (p.v < previous) result += previous; // a counter reset
    previous = p.v;
  }
  let toStart = (first.ms - (t * 60_000 - Math.round(windowSeconds * 1000))) / 1000;
  const toEnd = (t * 60_000 - last.ms) / 1000;
  const sampled = (last.ms - first.ms) / 1000;
  const average = sampled / (points.length - 1);
  if (result > 0 && first.v >= 0) {
    const toZero = sampled * (first.v / result);
    if (toZero < toStart) toStart = toZero;
  }
  const threshold = average * 1.1;
  let extrapolated = sampled;
  extrapolated += toStart < threshold ? toStart : average / 2;
  extrapolated += toEnd < threshold ? toEnd : average / 2;
  // One factor for the extrapolation and the per-second division, multiplied once, as 2.42 does (since 2.40).
  let factor = extrapolated / sampled;
  if (perSecond) factor /= windowSeconds;
  return result * factor;
}

/** `rate(x[window])` at minute `t`. */
export function rateAt(s: Samples, t: number, window: Duration | string): number | undefined {
  return increaseAt(s, t, window, true);
}

/**
 * The sign of `deriv(x[window])` at minute `t` (1, 0 or −1), or undefined with fewer than two samples: the sign of
 * the least-squares slope, computed exactly for the small whole numbers the scenarios use.
 */
export function derivSignAt(s: Samples, t: number, window: Duration | string): number | undefined {
  const points = inWindow(s, t, durationSeconds(window));
  if (points.length < 2) return undefined;
  const n = points.length;
  const sumX = points.reduce((a, p) => a + p.ms / 60_000, 0);
  const sumY = points.reduce((a, p) => a + p.v, 0);
  const sumXY = points.reduce((a, p) => a + (p.ms / 60_000) * p.v, 0);
  return Math.sign(n * sumXY - sumX * sumY);
}

/** `histogram_quantile(q, …)` over the buckets of one series group, as Prometheus 2.42's `bucketQuantile`. */
export function histogramQuantileOf(q: number, buckets: ReadonlyArray<{ readonly le: number; readonly count: number }>): number {
  const b = [...buckets].sort((x, y) => x.le - y.le).map((x) => ({ ...x }));
  if (b.length < 2 || b[b.length - 1]!.le !== Number.POSITIVE_INFINITY) return Number.NaN;
  let max = Number.NEGATIVE_INFINITY;
  for (const x of b) {
    if (x.count > max) max = x.count;
    else if (x.count < max) x.count = max;
  }
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

/**
 * Whether an alert is firing at each minute 0…`until`, given whether its condition holds at each minute: it turns
 * pending at the first minute the condition holds, fires once it has held for `pending`, and resolves at the first
 * minute it does not hold.
 */
export function firingMinutes(holds: (minute: number) => boolean, pending: Duration | string | undefined, until: number): boolean[] {
  const pendingSeconds = durationSeconds(pending ?? '0s');
  const out: boolean[] = [];
  let activeSince: number | undefined;
  for (let t = 0; t <= until; t++) {
    if (holds(t)) {
      activeSince ??= t;
      out.push((t - activeSince) * 60 >= pendingSeconds);
    } else {
      activeSince = undefined;
      out.push(false);
    }
  }
  return out;
}

/** The first minute, up to `limit`, at which the alert fires; undefined if it does not. */
export function firstFiring(holds: (minute: number) => boolean, pending: Duration | string | undefined, limit: number): number | undefined {
  const i = firingMinutes(holds, pending, limit).indexOf(true);
  return i < 0 ? undefined : i;
}

/** Whether the alert is firing at minute `t`. */
export function firingAt(holds: (minute: number) => boolean, pending: Duration | string | undefined, t: number): boolean {
  return firingMinutes(holds, pending, t)[t]!;
}

/** A share for a scenario name: 0.011 → `1.1 %` (four significant digits, no float noise). */
export function percent(x: number): string {
  return `${Number((x * 100).toPrecision(4))} %`;
}

/** A number for a scenario name, without float noise: 2.0099999 → `2.01`. */
export function plain(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/** `absent_over_time(x[window])` at minute `t` over every series `x` selects: true when none has a sample in the window. */
export function absentOverTimeAt(all: readonly Samples[], t: number, window: Duration | string): boolean {
  return all.every((s) => inWindow(s, t, durationSeconds(window)).length === 0);
}
