/** What a conformance check of one scrape target against the catalog finds. */

/**
 * Kinds of mismatch, each with a fixed meaning (they appear in the report and the JSON, so CI can filter on them):
 * - `missing-metric`: the catalog declares it for the job; the exposition has no family of that name.
 * - `wrong-type`: the family's TYPE is not the catalog's (untyped counts as wrong).
 * - `missing-label`: a series lacks a declared label (or has it empty, which Prometheus stores as absent).
 * - `extra-label`: a series carries a label the catalog does not declare.
 * - `target-label`: a series sets `job`, `instance` or `service` itself; the scrape configuration sets them.
 * - `label-value`: a value outside a label's closed set (`labelValues`).
 * - `buckets`: histogram bucket bounds other than the catalog's.
 * - `undeclared-metric`: a family the catalog does not declare for this job.
 * - `scrape-series`: the target exposes a series Prometheus writes itself for every target (`up`, `scrape_*`).
 * - `duplicate-series`: the same series (name and labels) twice.
 * - `no-series`: a declared family with a TYPE but no sample, so its labels and buckets could not be checked.
 * - `implausible-value`: a value the rules cannot read right: a timestamp in milliseconds or in the future, a
 *   ratio outside [0, 1], a negative count, a boolean other than 0 or 1, a one-hot gauge (`oneHot`) without
 *   exactly one of its closed set at 1. Such a value blinds the alerts that read it.
 */
export type ConformanceKind =
  | 'missing-metric'
  | 'wrong-type'
  | 'missing-label'
  | 'extra-label'
  | 'target-label'
  | 'label-value'
  | 'buckets'
  | 'undeclared-metric'
  | 'scrape-series'
  | 'duplicate-series'
  | 'no-series'
  | 'implausible-value';

/** `error` breaks the contract and fails the check; `warning` is reported and fails only with `--fail-on warning`. */
export type ConformanceSeverity = 'error' | 'warning';

export interface ConformanceFinding {
  /** The catalog metric, or the exposed family name when the catalog does not know it. */
  readonly metric: string;
  readonly kind: ConformanceKind;
  readonly severity: ConformanceSeverity;
  /** What the exposition does wrong. */
  readonly message: string;
  /** What the catalog expects instead. */
  readonly expected: string;
}

/** The outcome of one check: the findings, and what was compared, for the report's header. */
export interface ConformanceResult {
  readonly job: string;
  /** Catalog metrics the target must expose (those Prometheus writes itself excluded). */
  readonly expectedMetrics: number;
  /** Metric families in the exposition. */
  readonly exposedFamilies: number;
  /** Samples in the exposition. */
  readonly exposedSamples: number;
  readonly findings: readonly ConformanceFinding[];
}

/** Findings at or above a severity: those that fail the check. */
export function failing(findings: readonly ConformanceFinding[], failOn: ConformanceSeverity = 'error'): ConformanceFinding[] {
  return findings.filter((f) => f.severity === 'error' || failOn === 'warning');
}
