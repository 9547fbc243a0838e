/**
 * Dashboards as plain typed data. Definitions build these through the factories in `engine/dashboards`; the
 * checks read them; the Grafana emitter turns them into dashboard JSON through the foundation SDK.
 */
import type * as units from '@grafana/grafana-foundation-sdk/units';

/**
 * A Grafana unit id: one the foundation SDK lists (`s`, `bytes`, `percentunit`, ...), or a custom unit Grafana
 * formats from its id, `suffix:<text>` (`12.5 USDT`) or `prefix:<text>`.
 */
export type GrafanaUnit = (typeof units)[keyof typeof units] | `suffix:${string}` | `prefix:${string}`;

/** One query of a panel. `expr` is PromQL that may contain Grafana macros and `$variables`. */
export interface PanelQuery {
  readonly expr: string;
  /** Legend template, e.g. `{{strategy}}`. */
  readonly legend: string;
  /** Evaluate at the end of the range only (stat and table panels). */
  readonly instant: boolean;
  /**
   * The query is not shown: its value becomes the panel's `min` or `max` (Grafana's "config from query results"
   * transformation), e.g. a limit that percentage thresholds colour the shown value against.
   */
  readonly sets?: 'min' | 'max';
}

/** A threshold step: from `value` upwards the colour applies; the first step has `value: null` (base). */
export interface ThresholdStep {
  readonly value: number | null;
  readonly color: string;
}

/**
 * How a time series draws its thresholds: as lines (solid or dashed), as coloured bands behind the series, or
 * both. Grafana's default is not to draw them at all.
 */
export type ThresholdsStyle = 'line' | 'dashed' | 'area' | 'line+area' | 'dashed+area';

/** A value mapping from a number to a text (e.g. 1 → "connected"). */
export interface ValueMapping {
  readonly value: number;
  readonly text: string;
  readonly color?: string;
}

/** Silences one check for one definition, with the reason written down. There is no global off switch. */
export interface Silence {
  /** The check id, e.g. `promql/counter-without-rate`. */
  readonly check: string;
  /** Why the finding does not apply here; required. */
  readonly reason: string;
}

/** A link from a panel to another dashboard of the same project, by dashboard id. */
export interface PanelLink {
  readonly title: string;
  readonly dashboard: string;
}

export type PanelKind = 'timeseries' | 'stat' | 'table' | 'bargauge';

/** A panel. Size is in grid units (24 columns); the layout pass places it. */
export interface PanelModel {
  readonly kind: PanelKind;
  /** Unique within its dashboard; also the key from which the stable panel id is derived. */
  readonly title: string;
  readonly description: string;
  readonly unit: GrafanaUnit;
  readonly queries: readonly PanelQuery[];
  readonly width: number;
  readonly height: number;
  readonly thresholds?: readonly ThresholdStep[];
  /**
   * `absolute` (default): step values are values of the quantity. `percentage`: step values are percent of the
   * way from `min` to `max` (either may come from a query, see PanelQuery.sets).
   */
  readonly thresholdsMode?: 'absolute' | 'percentage';
  /** Timeseries only: how the thresholds are drawn. */
  readonly thresholdsStyle?: ThresholdsStyle;
  /** One colour for every value, for a quantity that is neither good nor bad (a count, an elapsed time). */
  readonly fixedColor?: string;
  readonly mappings?: readonly ValueMapping[];
  readonly min?: number;
  readonly max?: number;
  readonly decimals?: number;
  readonly links?: readonly PanelLink[];
  /** Timeseries only: stack series on top of each other. */
  readonly stacked?: boolean;
  /** Stat only: how the value is coloured. */
  readonly colorMode?: 'value' | 'background' | 'none';
  /** Stat only: how series are reduced to one value. */
  readonly reducer?: 'lastNotNull' | 'mean' | 'max' | 'min' | 'sum';
  /** Checks silenced for this panel. */
  readonly silence?: readonly Silence[];
}

/** A row: a titled band of panels laid out left to right, wrapping at 24 columns. */
export interface RowModel {
  readonly title: string;
  readonly panels: readonly PanelModel[];
}

/** A dashboard variable whose options come from `label_values(...)`. */
export interface QueryVariableModel {
  readonly name: string;
  readonly label: string;
  /** The PromQL series selector whose label values are offered. */
  readonly series: string;
  readonly labelName: string;
  readonly includeAll: boolean;
  readonly multi: boolean;
}

/** A dashboard. `id` is a short slug from which the uid and file name are derived. */
export interface DashboardModel {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Grafana folder the dashboard is provisioned into. */
  readonly folder: string;
  readonly tags: readonly string[];
  readonly rows: readonly RowModel[];
  readonly variables: readonly QueryVariableModel[];
  /** Default time range, e.g. `now-6h`. */
  readonly timeFrom: string;
  readonly refresh: string;
  /** Definition file this dashboard comes from, relative to the project root. */
  readonly source: string;
  /** Checks silenced for this dashboard and all its panels. */
  readonly silence?: readonly Silence[];
}
