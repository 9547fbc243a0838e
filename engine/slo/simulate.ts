/**
 * A minute-by-minute model of how Prometheus evaluates the SLI rules on scenario input, used to predict when each
 * burn-rate tier fires and with which value. promtool then checks the prediction against the real rule engine.
 *
 * It follows Prometheus 2.42: range selectors include both ends ([t − w, t]), so with one sample a minute a
 * window of w minutes holds w + 1 samples; rate() extrapolation cancels out of an error ratio because errors
 * and totals are sampled at the same times from the same start.
 */
import { durationSeconds } from '../promql/duration';
import type { Duration } from '../promql/duration';
import type { SloModel } from './model';
import type { SliTimeline } from '../model/slo';

/** Cumulative counter values at each minute (from `start`), computed as promtool computes `a+bxn` segments. */
export function counterValues(perMinute: readonly number[], start = 0): number[] {
  const values: number[] = [];
  let segmentStart = 0;
  let segmentBase = start;
  let step = perMinute[1] ?? 0;
  for (let t = 0; t < perMinute.length; t++) {
    if (t > 0 && perMinute[t] !== step) {
      segmentBase = values[t - 1]! + perMinute[t]!;
      segmentStart = t;
      step = perMinute[t]!;
    }
    values.push(t === 0 ? start : segmentBase + (t - segmentStart) * step);
  }
  return values;
}

/**
 * promtool's expanding notation for counter values built by `counterValues`. Only the value at each segment's start
 * is written, so it is computed as `counterValues` computes it (the same operations, the same floating-point
 * result) without building the value of every minute: scenarios write many day-long series.
 */
export function counterNotation(perMinute: readonly number[], start = 0): string {
  const parts: string[] = [];
  // The segment `counterValues` is in: its first minute, its base value and its step.
  let segmentStart = 0;
  let segmentBase = start;
  let step = perMinute[1] ?? 0;
  let t = 0;
  while (t < perMinute.length) {
    if (t > 0) {
      const previous = t - 1 === 0 ? start : segmentBase + (t - 1 - segmentStart) * step;
      segmentBase = previous + perMinute[t]!;
      segmentStart = t;
      step = perMinute[t]!;
    }
    let end = t;
    while (end + 1 < perMinute.length && perMinute[end + 1] === step) end++;
    parts.push(`${fmt(t === 0 ? start : segmentBase + (t - segmentStart) * step)}+${fmt(step)}x${end - t}`);
    t = end + 1;
  }
  return parts.join(' ');
}

/** promtool notation of a 0/1 gauge sampled every minute. */
export function gaugeNotation(values: readonly number[]): string {
  const parts: string[] = [];
  let t = 0;
  while (t < values.length) {
    let end = t;
    while (end + 1 < values.length && values[end + 1] === values[t]) end++;
    parts.push(`${fmt(values[t]!)}x${end - t}`);
    t = end + 1;
  }
  return parts.join(' ');
}

const fmt = (n: number) => String(Number(n.toPrecision(12)));

/**
 * Window lengths in minutes, each parsed once per simulation: a simulation asks for the same few windows at every
 * minute of a timeline.
 */
function windowMinutes(): (window: Duration | string) => number {
  const known = new Map<string, number>();
  return (window) => {
    let m = known.get(window);
    if (m === undefined) known.set(window, (m = durationSeconds(window) / 60));
    return m;
  };
}

/** The SLI error ratio over `window` at minute `t`, or undefined where Prometheus would have no sample. */
export type WindowRatio = (window: Duration | string, t: number) => number | undefined;

/** Error ratios per window and minute, as the generated rules compute them. */
export function simulateSli(slo: SloModel, timeline: SliTimeline): WindowRatio {
  const minutesOf = windowMinutes();
  if (slo.sli.kind === 'availability') {
    // 5m rule: 1 − mean of the good samples in [t − 5m, t]; longer windows average the 5m rule's samples.
    const five = prefix(timeline.good.map((g) => 1 - g));
    const rule5m = timeline.good.map((_, t) => (five(t) - five(Math.max(0, t - 5) - 1)) / (t - Math.max(0, t - 5) + 1));
    const ruleSum = prefix(rule5m);
    return (window, t) => {
      const w = minutesOf(window);
      if (w === 5) return rule5m[t];
      const from = Math.max(0, t - w);
      return (ruleSum(t) - ruleSum(from - 1)) / (t - from + 1);
    };
  }
  const errors = counterValues(timeline.errors);
  const events = counterValues(timeline.events);
  return (window, t) => {
    const from = Math.max(0, t - minutesOf(window));
    if (t === from) return undefined;
    const total = events[t]! - events[from]!;
    if (total <= 0) return undefined;
    return (errors[t]! - errors[from]!) / total;
  };
}

function prefix(values: readonly number[]): (t: number) => number {
  const sums: number[] = [];
  let acc = 0;
  for (const v of values) sums.push((acc += v));
  return (t) => (t < 0 ? 0 : sums[t]!);
}

/**
 * `sum(rate(total[window]))` at minute `t`, for the minimum-traffic guard: the increase over the samples in the
 * window, extrapolated as Prometheus 2.42 does (towards the window's start by at most half a scrape interval, or to
 * where the counter would have been 0), divided by the whole window. A window longer than the timeline so far is not
 * divided by the minutes it holds: a day-long window at minute 5 sees 5 minutes of events spread over a day.
 */
export function simulateTraffic(timeline: SliTimeline): (window: Duration, t: number) => number {
  const minutesOf = windowMinutes();
  const events = counterValues(timeline.events);
  return (window, t) => {
    const w = minutesOf(window);
    const from = Math.max(0, t - w);
    if (t === from) return 0;
    const increase = events[t]! - events[from]!;
    const sampled = (t - from) * 60;
    const interval = 60;
    let toStart = (from - (t - w)) * 60;
    if (increase > 0 && events[from]! >= 0) toStart = Math.min(toStart, sampled * (events[from]! / increase));
    const extrapolated = sampled + (toStart < interval * 1.1 ? toStart : interval / 2);
    return (increase * (extrapolated / sampled)) / (w * 60);
  };
}
