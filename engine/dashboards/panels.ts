/**
 * Panel factories: the small facade definitions use instead of the foundation SDK's builders. Each call returns
 * fresh plain data, so nothing is shared between dashboards.
 */
import type { Expr } from '../promql/expr';
import type {
  GrafanaUnit,
  PanelLink,
  PanelModel,
  PanelQuery,
  ThresholdsStyle,
  ThresholdStep,
  ValueMapping,
} from '../model/dashboard';

/** A panel query before the panel decides whether it is instant. */
export interface QuerySpec {
  readonly expr: string;
  readonly legend: string;
  readonly instant?: boolean;
  readonly sets?: PanelQuery['sets'];
}

/**
 * A query for a panel: a typed expression (or PromQL text with Grafana macros) and its legend.
 * Instant by default in stat, table and bar gauge panels, range queries in time series. With `sets`, the query is
 * not shown: its value becomes the panel's min or max (e.g. a limit that percentage thresholds colour against).
 */
export function query(expr: Expr<string> | string, legend = '', options: { instant?: boolean; sets?: PanelQuery['sets'] } = {}): QuerySpec {
  return { expr: String(expr), legend, ...options };
}

type QueryInput = QuerySpec | Expr<string>;

function toQuery(q: QueryInput, instantByDefault: boolean): PanelQuery {
  const spec = 'legend' in q ? q : query(q);
  return { expr: spec.expr, legend: spec.legend, instant: spec.instant ?? instantByDefault, ...(spec.sets ? { sets: spec.sets } : {}) };
}

/** The colour of a quantity that is neither good nor bad: a count, a rate, an elapsed time, a target. */
export const NEUTRAL = 'blue';

/**
 * How a stat or bar gauge colours its value. Without a choice Grafana applies its default thresholds (green, red
 * from 80), which mean nothing for almost any quantity, so every one says: `thresholds` that mean something for
 * the quantity (P&L red below 0, a ratio against its alert's threshold), or one `fixedColor` (usually NEUTRAL).
 */
export type ValueColoring =
  | {
      readonly thresholds: readonly ThresholdStep[];
      /** @default 'absolute' */
      readonly thresholdsMode?: 'absolute' | 'percentage';
      readonly fixedColor?: never;
    }
  | { readonly fixedColor: string; readonly thresholds?: never; readonly thresholdsMode?: never };

/**
 * The thresholds of a time series and how they are drawn: Grafana draws none unless told, so a time series either
 * has no thresholds or says how to draw them (`line`, `dashed`, `area`, or a line over the area).
 */
export type DrawnThresholds =
  | { readonly thresholds?: never; readonly thresholdsStyle?: never }
  | { readonly thresholds: readonly ThresholdStep[]; readonly thresholdsStyle: ThresholdsStyle };

/** What every panel factory accepts. */
export interface PanelOptions {
  readonly title: string;
  /** What the panel shows and what a bad value means; shown as the panel's info tooltip. */
  readonly description: string;
  readonly unit: GrafanaUnit;
  readonly queries: readonly QueryInput[];
  /** Columns out of 24. */
  readonly width?: number;
  /** Grid rows (30 px each). */
  readonly height?: number;
  readonly mappings?: readonly ValueMapping[];
  readonly min?: number;
  readonly max?: number;
  readonly decimals?: number;
  readonly links?: readonly PanelLink[];
  /** Checks silenced for this panel, each with its reason. */
  readonly silence?: PanelModel['silence'];
}

/** A time series graph; its thresholds, if any, are drawn as `thresholdsStyle` says. @default width 12, height 8 */
export function timeseries(options: PanelOptions & DrawnThresholds & { readonly stacked?: boolean }): PanelModel {
  const { queries, width = 12, height = 8, ...rest } = options;
  return { kind: 'timeseries', ...rest, width, height, queries: queries.map((q) => toQuery(q, false)) };
}

/** A single big number, coloured by its thresholds or one fixed colour. Queries are instant. @default width 6, height 4 */
export function stat(
  options: PanelOptions &
    ValueColoring & {
    readonly colorMode?: PanelModel['colorMode'];
    readonly reducer?: PanelModel['reducer'];
  },
): PanelModel {
  const { queries, width = 6, height = 4, ...rest } = options;
  return { kind: 'stat', ...rest, width, height, queries: queries.map((q) => toQuery(q, true)) };
}

/** A table of instant values, one row per series. @default width 12, height 8 */
export function table(options: PanelOptions & { readonly thresholds?: readonly ThresholdStep[] }): PanelModel {
  const { queries, width = 12, height = 8, ...rest } = options;
  return { kind: 'table', ...rest, width, height, queries: queries.map((q) => toQuery(q, true)) };
}

/** Horizontal bars of instant values, one per series, coloured by thresholds or one fixed colour. @default width 12, height 8 */
export function barGauge(options: PanelOptions & ValueColoring): PanelModel {
  const { queries, width = 12, height = 8, ...rest } = options;
  return { kind: 'bargauge', ...rest, width, height, queries: queries.map((q) => toQuery(q, true)) };
}

/** Threshold steps from a base colour and `[value, colour]` pairs: `thresholds('green', [0.5, 'orange'], [1, 'red'])`. */
export function thresholds(base: string, ...steps: Array<[number, string]>): ThresholdStep[] {
  return [{ value: null, color: base }, ...steps.map(([value, color]) => ({ value, color }))];
}

/**
 * `base` below `warn`, orange from `warn`, red from `fail`. A warning level at or above the failing one (a fixed
 * warning with a failing level from the settings moved below it) has nothing left to warn of: red alone then.
 */
export function warnThenFail(base: string, warn: number, fail: number): ThresholdStep[] {
  return warn < fail ? thresholds(base, [warn, 'orange'], [fail, 'red']) : thresholds(base, [fail, 'red']);
}
