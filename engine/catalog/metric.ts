/**
 * A metric in the catalog: the instrumentation contract between a service and everything that observes it.
 *
 * The name and label names are type parameters so that selectors built from a metric are checked by the
 * TypeScript compiler: `metric.select({ strategy: 'x' })` only compiles when `strategy` is one of its labels.
 */

/** Prometheus metric types the catalog knows. `info` is a gauge whose value is always 1 and whose labels carry data. */
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'info';

/**
 * Base units, following Prometheus naming practice (seconds, bytes, ratios; never milliseconds or percent).
 * `quote_currency` is an amount in the trading pair's quote currency (e.g. USDT).
 */
export type MetricUnit =
  | 'seconds'
  | 'timestamp_seconds'
  | 'bytes'
  | 'ratio'
  | 'boolean'
  | 'count'
  | 'quote_currency'
  | 'info';

/** Labels Prometheus attaches to every scraped series from its scrape configuration. */
export const TARGET_LABELS = ['job', 'instance', 'service'] as const;
/** A label attached to every scraped series by the scrape configuration, not by the service. */
export type TargetLabel = (typeof TARGET_LABELS)[number];

/**
 * Series Prometheus writes itself for every target at each scrape. The catalog declares them so that queries can
 * select them, but a target must never expose them: a scraped `up 0` would collide with the real `up`.
 */
export const PROMETHEUS_SCRAPE_SERIES: ReadonlySet<string> = new Set([
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
  'scrape_timeout_seconds',
  'scrape_sample_limit',
  'scrape_body_size_bytes',
]);

/** What a catalog entry declares. */
export interface MetricSpec<N extends string, L extends string, T extends MetricType = MetricType> {
  /** Full metric name as exposed (counters end in `_total`; histograms give the base name without `_bucket`). */
  readonly name: N;
  readonly type: T;
  /** The HELP text exposed with the metric. */
  readonly help: string;
  readonly unit: MetricUnit;
  /** Label names the service sets on the metric (target labels such as `job` are implied). */
  readonly labels: readonly L[];
  /** Bucket upper bounds for histograms, ascending, without `+Inf`. */
  readonly buckets?: readonly number[];
  /**
   * Why a third-party histogram's buckets are not declared: they are configured where it runs (e.g. an exporter's
   * or a framework's `http_request_duration_seconds`). Its `_count` and `_sum` are then selectable as they are, but
   * nothing may rely on its bucket bounds (no latency SLO, no quantile threshold check), and conformance checks none.
   */
  readonly bucketsUndeclared?: string;
  /**
   * Closed sets of values for labels whose values the instrumentation fixes (e.g. `mode: ['paper', 'live']`).
   * Labels not listed here may take any value.
   */
  readonly labelValues?: { readonly [K in L]?: readonly string[] };
  /**
   * A label whose closed set names states of which exactly one is active: one series per value, exactly one of them
   * at 1 and the others at 0 (e.g. `mode` of an execution-mode gauge). Conformance rejects any other pattern.
   */
  readonly oneHot?: L;
  /** Scrape jobs that expose this metric (a CdB service name, or an exporter job). */
  readonly exposedBy: readonly string[];
  /**
   * Why this real exporter metric breaks Prometheus naming conventions (e.g. a counter without `_total`).
   * Only for third-party metrics whose names are not ours to change; the catalog then skips the naming rules.
   */
  readonly namingException?: string;
}

/** A catalog entry. Carries its name and label names in its type. */
export interface Metric<N extends string = string, L extends string = string, T extends MetricType = MetricType>
  extends MetricSpec<N, L, T> {
  readonly kind: 'metric';
  /** Type-only: the labels a selected series carries (its own and the target labels). Never set at run time. */
  readonly __seriesLabels?: L | TargetLabel;
}

/** Declares a catalog metric; `const` type parameters keep the literal name and label names. */
export function metric<const N extends string, const L extends string = never, const T extends MetricType = MetricType>(
  spec: MetricSpec<N, L, T>,
): Metric<N, L, T> {
  return Object.freeze({ kind: 'metric' as const, ...spec, labels: Object.freeze([...spec.labels]) });
}

/** The series names a metric of this type produces in the exposition format. */
export function exposedSeriesNames(m: Metric): string[] {
  switch (m.type) {
    case 'histogram':
      return [`${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`];
    case 'summary':
      return [m.name, `${m.name}_sum`, `${m.name}_count`];
    default:
      return [m.name];
  }
}
