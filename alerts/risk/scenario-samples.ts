/**
 * Scenario inputs as one sample a minute from minute 0, with what Prometheus 2.42 computes from them: the increase
 * and rate of a counter over a window. The risk and paper-execution scenarios derive their inputs and expectations
 * from these, so the series promtool reads and the numbers a scenario expects come from one array. (Generic: it
 * belongs with engine/rules/derive.ts.)
 */
import { durationSeconds, type Duration } from '../../engine/promql/duration';

/** Samples of one series, one a minute: `samples[t]` is the value at minute t. */
export type Samples = readonly number[];

/** A counter at 0 at minute 0 that grows by `perMinute(t)` from minute t − 1 to minute t, up to minute `until`. */
export function counter(until: number, perMinute: (minute: number) => number): number[] {
  const samples = [0];
  for (let t = 1; t <= until; t++) samples.push(samples[t - 1]! + perMinute(t));
  return samples;
}

/** A gauge with `valueAt(t)` at every minute t up to `until`. */
export function gauge(until: number, valueAt: (minute: number) => number): number[] {
  return Array.from({ length: until + 1 }, (_, t) => valueAt(t));
}

/**
 * `samples` in promtool's expanding notation, one term per run of equal steps (`0+3x20 60x9`), a lone value as
 * itself. The terms expand back to exactly `samples`.
 */
export function promtoolValues(samples: Samples): string {
  const terms: string[] = [];
  let i = 0;
  while (i < samples.length) {
    const start = samples[i]!;
    const step = i + 1 < samples.length ? samples[i + 1]! - start : undefined;
    // A run needs two equal steps unless it is constant: a single step is better written as two lone values.
    if (step === undefined || (step !== 0 && (i + 2 >= samples.length || samples[i + 2]! - samples[i + 1]! !== step))) {
      terms.push(String(start));
      i += 1;
      continue;
    }
    let j = i + 1;
    while (j + 1 < samples.length && samples[j + 1]! - samples[j]! === step) j++;
    terms.push(step === 0 ? `${start}x${j - i}` : `${start}${step > 0 ? '+' : '-'}${Math.abs(step)}x${j - i}`);
    i = j + 1;
  }
  return terms.join(' ');
}

/**
 * `increase(counter[window])` at minute `t`, for a counter sampled every minute from minute 0 that starts at 0 and
 * never decreases: the last sample minus the first in [t − window, t] (both ends included in Prometheus 2.x). It
 * needs no extrapolation: either the window is fully sampled, or it starts before minute 0 and the counter's 0 at
 * minute 0 stops the extrapolation there. Undefined with fewer than two samples in the window.
 */
export function increaseAt(samples: Samples, t: number, windowMinutes: number): number | undefined {
  if (!Number.isInteger(t) || t < 0 || t >= samples.length) throw new Error(`minute ${t} is outside the ${samples.length} samples`);
  if (samples[0] !== 0) throw new Error('the counter must start at 0 at minute 0');
  const first = Math.max(0, t - windowMinutes);
  for (let i = first + 1; i <= t; i++) if (samples[i]! < samples[i - 1]!) throw new Error(`the counter decreases at minute ${i}`);
  if (t - first < 1) return undefined;
  // Prometheus multiplies by the extrapolation factor, exactly 1 here.
  return samples[t]! - samples[first]!;
}

/** `rate(counter[window])` at minute `t` (see increaseAt): the increase divided by the window's seconds. */
export function rateAt(samples: Samples, t: number, windowMinutes: number): number | undefined {
  const increase = increaseAt(samples, t, windowMinutes);
  return increase === undefined ? undefined : increase / (windowMinutes * 60);
}

/** A share as a percentage for a scenario name: `91 %`, `0.11 %`, without float noise. */
export function percent(share: number): string {
  return `${Number((share * 100).toPrecision(10))} %`;
}

/** `n` with its noun, singular for 1: `1 rejection`, `4 rejections`. */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/**
 * The length of a burst, from minute 1, after which the alert's condition holds at every minute from `from` to
 * `last` and no longer at `last + 1`: the condition lags the burst by the windows the expression reads, so the
 * burst ends before `last`. `holdsAfter(minutes)` tells whether the condition holds at a minute when the burst
 * lasts `minutes`. Undefined when no burst ends the condition exactly then (the lag is longer than allowed).
 */
export function burstEndingAt(holdsAfter: (minutes: number) => (minute: number) => boolean, from: number, last: number): number | undefined {
  for (let minutes = 1; minutes <= last; minutes++) {
    const holds = holdsAfter(minutes);
    let heldThrough = true;
    for (let t = from; t <= last && heldThrough; t++) heldThrough = holds(t);
    if (heldThrough && !holds(last + 1)) return minutes;
  }
  return undefined;
}

/** How a firing minute relates to `for`, for a scenario name: `after for 15m`, or `at once, with no for`. */
export function afterFor(pending: Duration | undefined): string {
  return durationSeconds(pending ?? '0s') === 0 ? 'at once, with no for' : `after for ${pending}`;
}
