import type { Metric, TargetLabel } from '../catalog/metric';
import { InstantVector, RangeVector } from './expr';
import type { Duration, Window } from './duration';

/** A label matcher: a plain string means equality; the helpers below build the other three operators. */
export type Matcher = string | { readonly op: '=' | '!=' | '=~' | '!~'; readonly value: string };

/** Label matchers keyed by label name; only labels of the metric (and target labels) are accepted. */
export type Matchers<L extends string> = { readonly [K in L]?: Matcher };

/** `label!="value"` */
export const notEqual = (value: string): Matcher => ({ op: '!=', value });
/** `label=~"regex"` (Prometheus anchors the regex at both ends). */
export const matchesRegex = (value: string): Matcher => ({ op: '=~', value });
/** `label!~"regex"` */
export const notMatchesRegex = (value: string): Matcher => ({ op: '!~', value });

/** Something that can be selected by name: a catalog metric or a recording rule's output. */
export interface Selectable<N extends string = string, L extends string = string> {
  readonly name: N;
  /** Type-only: the labels a selected series carries. Never set at run time. */
  readonly __seriesLabels?: L;
}

/** Series labels a selector of `M` can match on and return. */
export type LabelsOf<M> = M extends Selectable<string, infer L> ? L : never;

function quote(value: string): string {
  return JSON.stringify(value);
}

function renderMatchers(matchers: Record<string, Matcher | undefined>): string {
  const parts = Object.entries(matchers)
    .filter((entry): entry is [string, Matcher] => entry[1] !== undefined)
    .map(([label, m]) => (typeof m === 'string' ? `${label}=${quote(m)}` : `${label}${m.op}${quote(m.value)}`));
  return parts.length === 0 ? '' : `{${parts.join(', ')}}`;
}

/** A plain series selector. Only selectors can become range selectors, with `.over(window)`. */
export class SeriesSelector<L extends string = string> extends InstantVector<L> {
  constructor(
    /** The selected series name (a metric's exposed series or a recording rule). */
    readonly seriesName: string,
    matchers: Record<string, Matcher | undefined>,
  ) {
    super(`${seriesName}${renderMatchers(matchers)}`, 'atom');
  }

  /** `selector[window]`, or with `offset`, `selector[window] offset d`: the window that ends `d` before the evaluation. */
  over(window: Window, offset?: Duration): RangeVector<L> {
    return new RangeVector<L>(`${this.text}[${window}]${offset ? ` offset ${offset}` : ''}`, 'atom');
  }
}

function selectSeries<L extends string>(seriesName: string, matchers: Record<string, Matcher | undefined>): SeriesSelector<L> {
  return new SeriesSelector<L>(seriesName, matchers);
}

/** Selects the series of a metric or recording rule: `name{label="value", ...}`. */
export function select<M extends Selectable>(metric: M, matchers: Matchers<LabelsOf<M>> = {}): SeriesSelector<LabelsOf<M>> {
  return selectSeries(metric.name, matchers);
}

/** Selects a histogram's `_bucket` series, which add the `le` label. */
export function buckets<N extends string, L extends string>(
  metric: Metric<N, L, 'histogram'>,
  matchers: Matchers<L | TargetLabel | 'le'> = {},
): SeriesSelector<L | TargetLabel | 'le'> {
  return selectSeries(`${metric.name}_bucket`, matchers);
}

/** Selects a histogram's or summary's `_count` series. */
export function observationCount<N extends string, L extends string>(
  metric: Metric<N, L, 'histogram' | 'summary'>,
  matchers: Matchers<L | TargetLabel> = {},
): SeriesSelector<L | TargetLabel> {
  return selectSeries(`${metric.name}_count`, matchers);
}

/** Selects a histogram's or summary's `_sum` series. */
export function observationSum<N extends string, L extends string>(
  metric: Metric<N, L, 'histogram' | 'summary'>,
  matchers: Matchers<L | TargetLabel> = {},
): SeriesSelector<L | TargetLabel> {
  return selectSeries(`${metric.name}_sum`, matchers);
}

/** A subquery: evaluates an instant expression over a window at a resolution, `(expr)[window:step]`. */
export function subquery<L extends string>(expr: InstantVector<L>, window: Window, step: Window | '' = ''): RangeVector<L> {
  return new RangeVector<L>(`(${expr.text})[${window}:${step}]`, 'atom');
}
