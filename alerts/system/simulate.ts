/**
 * What Prometheus 2.42 computes from a scenario's input series, minute by minute, so that the system alerts derive
 * their scenarios (the minute an alert fires, the value its description shows) from the settings instead of copying
 * numbers that were true for the defaults. It models just what these alerts read: promtool's expansion of a
 * series' values, instant selection with the 5-minute lookback, range selection (closed at both ends in 2.42),
 * increase/rate with their extrapolation, changes, predict_linear, and an alert going from pending to firing.
 * promtool holds the model to Prometheus: a number computed wrongly here fails its scenario.
 */
import { durationSeconds, type Duration } from '../../engine/promql/duration';
import { promqlSelectors } from '../../engine/promql/analyze';

/** How far back an instant selector finds a sample (Prometheus' default `--query.lookback-delta`, which promtool uses). */
export const LOOKBACK_MINUTES = 5;

/** One input series: its values in promtool's notation, and the values promtool expands that notation to. */
export interface Samples {
  /** promtool's notation, e.g. `1 0x20` or `0+10x30`. */
  readonly notation: string;
  /** Seconds between two samples (the scenario's `interval`). */
  readonly interval: number;
  /** The value of sample i, at i × interval seconds, computed as promtool computes it. */
  readonly values: readonly number[];
}

/** A value as promtool reads it: decimal notation, never an exponent (which the series lexer does not take). */
function decimal(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`not a finite sample value: ${v}`);
  const text = String(v);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const [, sign, head, tail = '', exp] = m;
  const digits = head! + tail;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  return `${sign}${digits.padEnd(point, '0')}`;
}

/** A stretch of samples in promtool's notation: `start`, then `count - 1` more, each `step` above the one before. */
interface Run {
  readonly start: number;
  readonly step: number;
  readonly count: number;
}

function notate(runs: readonly Run[]): string {
  return runs
    .map((r) => {
      if (r.count === 1) return decimal(r.start);
      const step = r.step === 0 ? '' : r.step > 0 ? `+${decimal(r.step)}` : `-${decimal(-r.step)}`;
      return `${decimal(r.start)}${step}x${r.count - 1}`;
    })
    .join(' ');
}

/** promtool's expansion: `a+bxN` is a, then a += b N times, in float64 arithmetic. */
function expand(runs: readonly Run[]): number[] {
  const out: number[] = [];
  for (const r of runs) {
    let v = r.start;
    for (let i = 0; i < r.count; i++) {
      out.push(v);
      v += r.step;
    }
  }
  return out;
}

/** The number of samples from minute 0 through minute `through`, one every `interval` seconds. */
function sampleCount(through: number, interval: number): number {
  const n = (through * 60) / interval;
  if (!Number.isInteger(n) || n < 0) throw new Error(`minute ${through} is not a sample time at one sample every ${interval}s`);
  return n + 1;
}

/** The index of the first sample at or after `minute`. */
function sampleIndex(minute: number, interval: number): number {
  return Math.ceil((minute * 60) / interval - 1e-9);
}

/**
 * A gauge sampled from minute 0 through minute `through`: each `[minute, value]` sets the value from that minute on
 * (the first must be minute 0).
 */
export function gauge(through: number, steps: ReadonlyArray<readonly [minute: number, value: number]>, interval = 60): Samples {
  const n = sampleCount(through, interval);
  if (steps[0]?.[0] !== 0) throw new Error('a gauge needs its value at minute 0');
  const values = Array.from({ length: n }, (_, i) => [...steps].reverse().find(([m]) => sampleIndex(m, interval) <= i)![1]);
  const runs: Run[] = [];
  for (const v of values) {
    const last = runs[runs.length - 1];
    if (last && last.start === v) runs[runs.length - 1] = { ...last, count: last.count + 1 };
    else runs.push({ start: v, step: 0, count: 1 });
  }
  return { notation: notate(runs), interval, values: expand(runs) };
}

/**
 * A counter sampled from minute 0 through minute `through`, `initial` at minute 0: each `[minute, increment]` makes
 * every sample from that minute on `increment` above the one before it (0: the counter stays where it is).
 */
export function counter(
  through: number,
  slopes: ReadonlyArray<readonly [minute: number, increment: number]>,
  options: { readonly interval?: number; readonly initial?: number } = {},
): Samples {
  const interval = options.interval ?? 60;
  const n = sampleCount(through, interval);
  const increment = (i: number) => [...slopes].reverse().find(([m]) => sampleIndex(m, interval) <= i)?.[1] ?? 0;
  const runs: { start: number; step: number | undefined; count: number }[] = [];
  let value = options.initial ?? 0;
  for (let i = 0; i < n; i++) {
    const step = i === 0 ? undefined : increment(i);
    const last = runs[runs.length - 1];
    if (i > 0) value += step!;
    if (last && (last.step === undefined ? last.count === 1 : last.step === step)) {
      last.step = step;
      last.count++;
    } else runs.push({ start: value, step: undefined, count: 1 });
  }
  const fixed = runs.map((r) => ({ start: r.start, step: r.step ?? 0, count: r.count }));
  return { notation: notate(fixed), interval, values: expand(fixed) };
}

interface Point {
  /** Milliseconds since the start of the scenario. */
  readonly t: number;
  readonly v: number;
}

function points(s: Samples): Point[] {
  return s.values.map((v, i) => ({ t: i * s.interval * 1000, v }));
}

/** The value an instant selector returns at `minute`: the latest sample no older than the lookback, if any. */
export function latest(s: Samples, minute: number): number | undefined {
  const t = minute * 60_000;
  const found = points(s).filter((p) => p.t <= t).pop();
  return found && found.t >= t - LOOKBACK_MINUTES * 60_000 ? found.v : undefined;
}

/** The samples a range selector `[window]` returns at `minute`: those from minute − window to minute, both ends included. */
function range(s: Samples, minute: number, window: Duration | string): Point[] {
  const end = minute * 60_000;
  const start = end - Math.round(durationSeconds(window) * 1000);
  return points(s).filter((p) => p.t >= start && p.t <= end);
}

/** Prometheus 2.42's extrapolatedRate: increase() (`isRate` false) or rate() of a counter over `[window]` at `minute`. */
function extrapolated(s: Samples, minute: number, window: Duration | string, isRate: boolean): number | undefined {
  const ps = range(s, minute, window);
  if (ps.length < 2) return undefined;
  const first = ps[0]!;
  const last = ps[ps.length - 1]!;
  const rangeEnd = minute * 60_000;
  const rangeStart = rangeEnd - Math.round(durationSeconds(window) * 1000);
  let result = last.v - first.v;
  let previous = 0;
  for (const p of ps) {
    if (p.v < previous) result += previous;
    previous = p.v;
  }
  let durationToStart = (first.t - rangeStart) / 1000;
  const durationToEnd = (rangeEnd - last.t) / 1000;
  const sampledInterval = (last.t - first.t) / 1000;
  const averageBetweenSamples = sampledInterval / (ps.length - 1);
  if (result > 0 && first.v >= 0) {
    const durationToZero = sampledInterval * (first.v / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const threshold = averageBetweenSamples * 1.1;
  let extrapolateTo = sampledInterval;
  extrapolateTo += durationToStart < threshold ? durationToStart : averageBetweenSamples / 2;
  extrapolateTo += durationToEnd < threshold ? durationToEnd : averageBetweenSamples / 2;
  let factor = extrapolateTo / sampledInterval;
  if (isRate) factor /= durationSeconds(window);
  return result * factor;
}

/** `increase(x[window])` at `minute`; undefined when the window holds fewer than two samples. */
export function increase(s: Samples, minute: number, window: Duration | string): number | undefined {
  return extrapolated(s, minute, window, false);
}

/** `rate(x[window])` at `minute`; undefined when the window holds fewer than two samples. */
export function rate(s: Samples, minute: number, window: Duration | string): number | undefined {
  return extrapolated(s, minute, window, true);
}

/** `changes(x[window])` at `minute`; undefined when the window holds no sample. */
export function changes(s: Samples, minute: number, window: Duration | string): number | undefined {
  const ps = range(s, minute, window);
  if (ps.length === 0) return undefined;
  return ps.slice(1).filter((p, i) => p.v !== ps[i]!.v).length;
}

/** Go's kahanSumInc as Prometheus 2.42 uses it (Neumaier's variant): the new sum and compensation. */
function kahanInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  return [t, Math.abs(sum) >= Math.abs(inc) ? c + (sum - t + inc) : c + (inc - t + sum)];
}

/**
 * `predict_linear(x[window], horizonSeconds)` at `minute`: Prometheus 2.42's least squares with Kahan-compensated
 * sums and the intercept at `minute` (held to promtool: the plain sums differ in the last digits).
 */
export function predictLinear(s: Samples, minute: number, window: Duration | string, horizonSeconds: number): number | undefined {
  const ps = range(s, minute, window);
  if (ps.length < 2) return undefined;
  if (ps.every((p) => p.v === ps[0]!.v)) return ps[0]!.v;
  const at = minute * 60_000;
  let n = 0;
  let [sumX, cX, sumY, cY, sumXY, cXY, sumX2, cX2] = [0, 0, 0, 0, 0, 0, 0, 0];
  for (const p of ps) {
    const x = (p.t - at) / 1000;
    n += 1;
    [sumX, cX] = kahanInc(x, sumX, cX);
    [sumY, cY] = kahanInc(p.v, sumY, cY);
    [sumXY, cXY] = kahanInc(x * p.v, sumXY, cXY);
    [sumX2, cX2] = kahanInc(x * x, sumX2, cX2);
  }
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  const intercept = sumY / n - (slope * sumX) / n;
  return slope * horizonSeconds + intercept;
}

/**
 * What an alert is at each minute from 0 through `until`, evaluated once a minute from minute 0, when its condition
 * holds at the minutes `holds` says: pending from the first minute it holds, firing once it has held for `pending`.
 */
export function alertStates(holds: (minute: number) => boolean, pending: Duration | string | undefined, until: number): AlertState[] {
  const hold = durationSeconds(pending ?? '0s') * 1000;
  let activeAt: number | undefined;
  const out: AlertState[] = [];
  for (let t = 0; t <= until; t++) {
    if (!holds(t)) {
      activeAt = undefined;
      out.push('inactive');
      continue;
    }
    activeAt ??= t;
    out.push((t - activeAt) * 60_000 >= hold ? 'firing' : 'pending');
  }
  return out;
}

export type AlertState = 'inactive' | 'pending' | 'firing';

/** What the alert is at `minute`. */
export function alertState(holds: (minute: number) => boolean, pending: Duration | string | undefined, minute: number): AlertState {
  return alertStates(holds, pending, minute)[minute]!;
}

/** The first minute, from 0 through `until`, at which the alert fires; undefined if it does not. */
export function firstFiring(holds: (minute: number) => boolean, pending: Duration | string | undefined, until: number): number | undefined {
  const i = alertStates(holds, pending, until).indexOf('firing');
  return i < 0 ? undefined : i;
}

/** The first minute, from `from` through `until`, at which the condition holds; undefined if it does not. */
export function firstHolding(holds: (minute: number) => boolean, from: number, until: number): number | undefined {
  for (let t = from; t <= until; t++) if (holds(t)) return t;
  return undefined;
}

/**
 * The window of the one range selector in a recording rule's expression (`rate(x[5m])` → `5m`), so that a scenario
 * reading the rule follows the rule's window instead of copying it.
 */
export function ruleWindow(rule: { readonly expr: string }): Duration {
  const windows = [...new Set(promqlSelectors(rule.expr).flatMap((s) => (s.window ? [s.window] : [])))];
  if (windows.length !== 1) throw new Error(`expected one range window in ${rule.expr}, found ${windows.join(', ') || 'none'}`);
  return windows[0] as Duration;
}

/**
 * Throws unless the model agrees that the alert `fires` or stays `quiet` at `minute`: a derivation that would not
 * prove what its scenario says fails the build, naming the scenario, before promtool runs.
 */
export function expectAlert(
  scenario: string,
  holds: (minute: number) => boolean,
  pending: Duration | string | undefined,
  minute: number,
  expected: 'fires' | 'quiet',
): void {
  const state = alertState(holds, pending, minute);
  if ((state === 'firing') !== (expected === 'fires')) throw new Error(`scenario "${scenario}": expected the alert to ${expected === 'fires' ? 'fire' : 'stay quiet'} at minute ${minute}, the model says ${state}`);
}
