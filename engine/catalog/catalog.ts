import { exposedSeriesNames, TARGET_LABELS, type Metric } from './metric';

/** All metrics of a system, keyed by name, with lookups the checks and emitters need. */
export interface Catalog {
  /** Every metric in declaration order. */
  readonly metrics: readonly Metric[];
  /** The metric a series name belongs to (`foo_bucket` resolves to histogram `foo`), if any. */
  metricForSeries(seriesName: string): Metric | undefined;
  /** Label names valid on a series: the metric's own, the target labels, and `le`/`quantile` where they apply. */
  labelsForSeries(seriesName: string): ReadonlySet<string> | undefined;
  /** Metrics exposed by one scrape job. */
  metricsExposedBy(job: string): readonly Metric[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Builds a catalog and checks its integrity: unique valid names, counters ending in `_total`, histogram buckets
 * ascending, enumerated label values only for declared labels, no label shadowing a target label.
 * Throws one error listing every problem.
 */
export function defineCatalog(metrics: readonly Metric[]): Catalog {
  const problems = catalogProblems(metrics);
  if (problems.length > 0) throw new CatalogError(`the metric catalog is invalid:\n  - ${problems.join('\n  - ')}`);

  const bySeries = new Map<string, Metric>();
  for (const m of metrics) for (const series of exposedSeriesNames(m)) bySeries.set(series, m);

  return {
    metrics,
    metricForSeries: (name) => bySeries.get(name),
    labelsForSeries(name) {
      const m = bySeries.get(name);
      if (!m) return undefined;
      const labels = new Set<string>([...m.labels, ...TARGET_LABELS]);
      if (m.type === 'histogram' && name === `${m.name}_bucket`) labels.add('le');
      if (m.type === 'summary' && name === m.name) labels.add('quantile');
      return labels;
    },
    metricsExposedBy: (job) => metrics.filter((m) => m.exposedBy.includes(job)),
  };
}

/** A catalog that cannot be built; thrown while the definitions load, its message names each problem. */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';
}

const isMetric = (value: unknown): value is Metric => typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'metric';

/**
 * The metrics a catalog file lists, after making sure it lists every metric it exports: `list` decides the order,
 * and a metric declared and exported but left out of it would silently not exist for the build. `where` names the
 * list for the message, e.g. `riskMetrics in catalog/cdb/risk.ts`.
 */
export function listedMetrics(module: Readonly<Record<string, unknown>>, list: readonly Metric[], where: string): readonly Metric[] {
  const listed = new Set(list);
  const missing = Object.entries(module).filter(([, value]) => isMetric(value) && !listed.has(value));
  if (missing.length > 0) {
    throw new CatalogError(
      `${where} leaves out ${missing.map(([name, m]) => `${name} (${(m as Metric).name})`).join(', ')}: add ${missing.length === 1 ? 'it' : 'them'} to the list, which decides the catalog; a metric not in it does not exist for dashboards, rules and alerts`,
    );
  }
  return list;
}

/** Prometheus naming conventions a metric breaks (suffixes for counters and base units). */
function namingProblems(m: Metric): string[] {
  const problems: string[] = [];
  if (m.type === 'counter' && !m.name.endsWith('_total')) problems.push('counter names end in _total');
  if (m.type !== 'counter' && m.name.endsWith('_total')) problems.push('only counters end in _total');
  if (m.unit === 'seconds' && m.type !== 'counter' && !/_seconds$/.test(m.name)) problems.push('a metric in seconds ends in _seconds');
  if (m.unit === 'bytes' && !/_bytes(_total)?$/.test(m.name)) problems.push('a metric in bytes ends in _bytes');
  return problems;
}

/** Every integrity problem of a list of metrics, as sentences naming the metric. */
export function catalogProblems(metrics: readonly Metric[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const m of metrics) {
    const where = `metric ${m.name}`;
    if (!METRIC_NAME.test(m.name)) problems.push(`${where}: name is not a valid Prometheus metric name`);
    for (const series of exposedSeriesNames(m)) {
      const owner = seen.get(series);
      if (owner) problems.push(`${where}: series ${series} is already exposed by metric ${owner}`);
      seen.set(series, m.name);
    }
    if (m.help.trim() === '') problems.push(`${where}: help text is empty`);
    if (m.namingException !== undefined) {
      if (m.namingException.trim() === '') problems.push(`${where}: namingException needs a reason`);
    } else {
      problems.push(...namingProblems(m).map((p) => `${where}: ${p}`));
    }
    if (m.exposedBy.length === 0) problems.push(`${where}: exposedBy names no scrape job`);
    const labels = new Set<string>();
    for (const l of m.labels) {
      if (!LABEL_NAME.test(l) || l.startsWith('__')) problems.push(`${where}: label "${l}" is not a valid label name`);
      if ((TARGET_LABELS as readonly string[]).includes(l)) problems.push(`${where}: label "${l}" is set by the scrape config`);
      if (labels.has(l)) problems.push(`${where}: label "${l}" is declared twice`);
      if (l === 'le' || l === 'quantile') problems.push(`${where}: label "${l}" is reserved for histograms and summaries`);
      labels.add(l);
    }
    for (const l of Object.keys(m.labelValues ?? {})) {
      if (!labels.has(l)) problems.push(`${where}: labelValues names "${l}", which is not one of its labels`);
    }
    if (m.bucketsUndeclared !== undefined) {
      if (m.type !== 'histogram') problems.push(`${where}: only histograms have buckets to leave undeclared`);
      else if (m.buckets) problems.push(`${where}: declares buckets and bucketsUndeclared; keep one`);
      else if (m.bucketsUndeclared.trim() === '') problems.push(`${where}: bucketsUndeclared needs a reason`);
    } else if (m.type === 'histogram') {
      const b = m.buckets ?? [];
      if (b.length === 0) problems.push(`${where}: a histogram needs buckets (or, for a third-party one, bucketsUndeclared with the reason)`);
      if (b.some((x, i) => i > 0 && x <= b[i - 1]!)) problems.push(`${where}: buckets must be strictly ascending`);
    } else if (m.buckets) {
      problems.push(`${where}: only histograms have buckets`);
    }
  }
  return problems;
}
