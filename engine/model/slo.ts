/**
 * SLOs as definitions declare them: plain typed data. The SLO engine (engine/slo) validates them with zod and
 * expands them into recording rules, alerts and scenarios.
 */
import type { Metric } from '../catalog/metric';
import type { InstantVector } from '../promql/expr';
import type { SeriesSelector } from '../promql/selector';
import type { Window } from '../promql/duration';
import type { ScenarioSeries } from './alerts';

/** An expression of events over a window, for SLIs that a plain selector cannot express. */
export type WindowQuery = (window: Window) => InstantVector<string>;

/** Error events over total events (e.g. failed orders over submitted orders). */
export interface RatioSli {
  readonly kind: 'ratio';
  /** Counter (selector) of bad events, or a query of their per-second rate over a window. */
  readonly errors: SeriesSelector<string> | WindowQuery;
  /** Counter (selector) of all events, or a query of their per-second rate over a window. */
  readonly total: SeriesSelector<string> | WindowQuery;
  /** Series whose absence means the SLI is missing; defaults to `total` when it is a selector. */
  readonly presence?: SeriesSelector<string>;
}

/** Events slower than a bucket bound of a histogram are errors. */
export interface LatencySli {
  readonly kind: 'latency';
  readonly histogram: Metric<string, string, 'histogram'>;
  /** The latency threshold in seconds; must be one of the histogram's bucket bounds. */
  readonly threshold: number;
  /** Equality matchers restricting the histogram's series. */
  readonly matchers?: Readonly<Record<string, string>>;
}

/** A 0/1 signal counted over time: the share of time it is 0 is the error ratio (availability, freshness). */
export interface AvailabilitySli {
  readonly kind: 'availability';
  /** A 0/1 gauge selector (e.g. `up{job="cdb_core"}`) or a 0/1 expression (e.g. `age < bool 60`). */
  readonly good: SeriesSelector<string> | InstantVector<string>;
  /** Series whose absence means the SLI is missing; defaults to `good` when it is a selector. */
  readonly presence?: SeriesSelector<string>;
}

export type SliSpec = RatioSli | LatencySli | AvailabilitySli;

/** What an SLO definition declares. */
export interface SloSpec {
  /** `[a-z0-9-]`, unique; the `slo_id` label. */
  readonly id: string;
  /** Layer the SLO belongs to (its alerts carry it as `layer`). */
  readonly layer: string;
  /** Service the SLO is about (its alerts carry it as `service`). */
  readonly service: string;
  readonly name: string;
  readonly description: string;
  /** Why this objective and period: one sentence, shown in the docs. */
  readonly reasoning: string;
  /** Target in percent, strictly between 0 and 100 (e.g. 99.9). */
  readonly objective: number;
  /** A whole number of days or weeks. @default '30d' */
  readonly period?: string;
  readonly sli: SliSpec;
  /** Events per second below which burn-rate alerts stay quiet (ratio and latency SLIs). */
  readonly minTrafficRate?: number;
  /**
   * Whether the SLI's events flow all the time (ratio and latency SLIs; availability SLIs count time, not events).
   * Without events the error ratio has no sample and every burn-rate tier is blind, so the engine writes
   * `<prefix>SloTrafficStopped` for the counters that exist but stop increasing:
   * - `continuous`: no event over the longest short window of the paging tiers (30m; both page tiers are blind by
   *   then) is an outage of the service itself, and pages (critical);
   * - `sparse`: events may stop for hours for a good reason (orders only follow approved signals); no event over the
   *   longest short window of any tier (6h) opens a ticket (warning), and the pages stay with the alerts that know
   *   how long a quiet period may last (the Zero-Activity alerts).
   * Declare `sparse` only with that reason in `reasoning`: a quiet service then pages nobody through its SLO.
   * @default 'continuous'
   */
  readonly traffic?: 'continuous' | 'sparse';
  /** Extra labels on every series and alert of the SLO. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Extra annotations on the SLO's alerts. */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * How the period window is computed: `derived` averages the 5m rule over the period (cheap), `raw` evaluates
   * the SLI over the period from raw data (exact for event ratios, expensive). @default 'derived'
   */
  readonly periodWindow?: 'derived' | 'raw';
  /**
   * Scenario input series for a timeline of events and errors (or good samples), when the SLI's selectors do not
   * say how to build them: regex matchers, or errors and total being series of one metric.
   */
  readonly scenarioInput?: (timeline: SliTimeline) => ScenarioSeries[];
  /** `import.meta.url` of the definition file. */
  readonly source: string;
}

/** What happens in each minute of an SLO scenario, index = minute since the start (sample at t = 0 included). */
export interface SliTimeline {
  readonly minutes: number;
  /** Events counted in the minute ending at t (ratio and latency SLIs). */
  readonly events: readonly number[];
  /** Bad events among them. */
  readonly errors: readonly number[];
  /** The 0/1 good signal sampled at t (availability SLIs). */
  readonly good: readonly number[];
}

/** How the project names and links SLO alerts. */
export interface SloAlertConventions {
  /** Prefix of alert names, e.g. `Cdb` gives `CdbSloBurnRatePageFast`. */
  readonly alertPrefix: string;
  /** The SLO dashboard and its burn-rate panel, for `dashboard_url`; the `slo_id` variable is set. */
  readonly dashboard?: { readonly id: string; readonly panel: string };
}
