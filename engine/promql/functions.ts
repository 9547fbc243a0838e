import { InstantVector, RangeVector, Scalar, type Expr } from './expr';

function call<L extends string>(name: string, ...args: Array<{ text: string } | number | string>): InstantVector<L> {
  const rendered = args.map((a) => (typeof a === 'number' ? formatNumber(a) : typeof a === 'string' ? JSON.stringify(a) : a.text));
  return new InstantVector<L>(`${name}(${rendered.join(', ')})`, 'atom');
}

/**
 * Prints a number the way PromQL and YAML readers expect: shortest exact decimal, no exponent for ordinary
 * magnitudes, `+Inf`/`-Inf`/`NaN` spelled as PromQL spells them.
 */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  return String(n);
}

/** Per-second average rate of a counter over the window. */
export const rate = <L extends string>(v: RangeVector<L>) => call<L>('rate', v);
/** Per-second rate from the last two samples; for fast-moving graphs only. */
export const irate = <L extends string>(v: RangeVector<L>) => call<L>('irate', v);
/** Increase of a counter over the window, extrapolated. */
export const increase = <L extends string>(v: RangeVector<L>) => call<L>('increase', v);
/** Number of counter resets in the window (process restarts, for a counter that only grows). */
export const resets = <L extends string>(v: RangeVector<L>) => call<L>('resets', v);
/** Number of times a gauge changed value in the window. */
export const changes = <L extends string>(v: RangeVector<L>) => call<L>('changes', v);
/** Per-second derivative of a gauge by linear regression. */
export const deriv = <L extends string>(v: RangeVector<L>) => call<L>('deriv', v);
/** Difference between the first and last value of a gauge in the window. */
export const delta = <L extends string>(v: RangeVector<L>) => call<L>('delta', v);
/** Value of a gauge `seconds` from now, predicted by linear regression over the window. */
export const predictLinear = <L extends string>(v: RangeVector<L>, seconds: number) => call<L>('predict_linear', v, seconds);
export const avgOverTime = <L extends string>(v: RangeVector<L>) => call<L>('avg_over_time', v);
export const maxOverTime = <L extends string>(v: RangeVector<L>) => call<L>('max_over_time', v);
export const minOverTime = <L extends string>(v: RangeVector<L>) => call<L>('min_over_time', v);
export const sumOverTime = <L extends string>(v: RangeVector<L>) => call<L>('sum_over_time', v);
export const countOverTime = <L extends string>(v: RangeVector<L>) => call<L>('count_over_time', v);
export const lastOverTime = <L extends string>(v: RangeVector<L>) => call<L>('last_over_time', v);
/** 1 for every series with a sample in the range: whether data reaches back that far. */
export const presentOverTime = <L extends string>(v: RangeVector<L>) => call<L>('present_over_time', v);
/** 1-element vector with no labels when the range has no series, empty otherwise. */
export const absentOverTime = (v: RangeVector<string>) => call<never>('absent_over_time', v);
/** 1-element vector with no labels when the selector has no series, empty otherwise. */
export const absent = (v: InstantVector<string>) => call<never>('absent', v);
/** Sample timestamps, in seconds since the epoch. */
export const timestamp = <L extends string>(v: InstantVector<L>) => call<L>('timestamp', v);
export const clampMin = <L extends string>(v: InstantVector<L>, min: number) => call<L>('clamp_min', v, min);
export const clampMax = <L extends string>(v: InstantVector<L>, max: number) => call<L>('clamp_max', v, max);
export const abs = <L extends string>(v: InstantVector<L>) => call<L>('abs', v);

/** The φ-quantile from histogram buckets; the input must keep the `le` label. */
export function histogramQuantile<L extends string>(
  phi: number,
  v: 'le' extends L ? InstantVector<L> : { readonly error: 'histogram_quantile needs the le label in its input' },
): InstantVector<Exclude<L, 'le'>> {
  if (!(phi >= 0 && phi <= 1)) throw new Error(`histogram_quantile: φ must be within [0, 1], got ${phi}`);
  return call<Exclude<L, 'le'>>('histogram_quantile', phi, v as InstantVector<L>);
}

/** Copies `source` into `destination` through a regex, as PromQL's label_replace does. */
export function labelReplace<L extends string, D extends string>(
  v: InstantVector<L>,
  destination: D,
  replacement: string,
  source: L,
  regex: string,
): InstantVector<L | D> {
  return call<L | D>('label_replace', v, destination, replacement, source, regex);
}

/** Current evaluation time in seconds since the epoch. */
export const time = (): Scalar => new Scalar('time()', 'atom');
/** A number literal. */
export const num = (n: number): Scalar => new Scalar(formatNumber(n), n < 0 ? 'additive' : 'atom');
/** Grafana's `$__range_s`, the dashboard's time range in seconds. Panel queries only: Prometheus rules have no range. */
export const rangeSeconds = (): Scalar => new Scalar('$__range_s', 'atom');
/** A one-element vector with no labels holding a scalar. */
export const vector = (s: Scalar | number): InstantVector<never> => call<never>('vector', typeof s === 'number' ? num(s) : s);

/** Escape hatch for an expression the builder has no function for; the build still parses and checks it. */
export function raw<L extends string = string>(promql: string): InstantVector<L> {
  return new InstantVector<L>(promql, 'atom');
}

/** Wraps any expression in parentheses. */
export function paren<E extends Expr>(e: E): E {
  const Ctor = e.constructor as new (text: string, precedence: 'atom') => E;
  return new Ctor(`(${e.text})`, 'atom');
}
