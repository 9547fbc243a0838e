/**
 * Compares what one scrape target exposes with what the catalog promises for its job: a pure function of the
 * catalog, the job and the parsed exposition, returning findings. It never formats a report (render.ts does).
 *
 * Naming of the two formats is reconciled here: a catalog counter `foo_total` is the 0.0.4 family `foo_total` or
 * the OpenMetrics family `foo`; a catalog info metric `foo_info` is a 0.0.4 gauge `foo_info` or the OpenMetrics
 * info family `foo`. `_created` series (OpenMetrics, and the separate `foo_created` gauges some 0.0.4 clients
 * write) belong to their counter, histogram or summary and carry its labels.
 */
import type { Catalog } from '../catalog/catalog';
import { PROMETHEUS_SCRAPE_SERIES, TARGET_LABELS, type Metric, type MetricType } from '../catalog/metric';
import type { ConformanceFinding, ConformanceKind, ConformanceResult, ConformanceSeverity } from './finding';
import type { Exposition, FamilyType, MetricFamily, Sample } from './parse-exposition';

export interface CompareOptions {
  /**
   * Severity of a family the catalog does not declare for the job. The catalog is the contract, so it fails the
   * check; `warning` suits exporters, whose catalog entries list only the metrics the observability reads.
   * @default 'error'
   */
  readonly undeclared?: ConformanceSeverity;
  /** The time of the scrape, in seconds since the epoch: timestamps after it are in the future. @default now */
  readonly now?: number;
}

/** How far ahead of the scrape a timestamp may be (clock skew between hosts) before it is implausible. */
export const FUTURE_TOLERANCE_SECONDS = 300;
/** A seconds timestamp this large lies past the year 5000: it is in milliseconds. */
const MILLISECONDS_FROM = 1e11;

/** Exposed TYPEs that honour a catalog type. */
const ACCEPTED_TYPES: Record<MetricType, readonly FamilyType[]> = {
  counter: ['counter'],
  gauge: ['gauge'],
  histogram: ['histogram'],
  summary: ['summary'],
  info: ['gauge', 'info'],
};

/** Order of kinds within one metric in the report: the worst first. */
const KIND_ORDER: readonly ConformanceKind[] = [
  'missing-metric',
  'scrape-series',
  'undeclared-metric',
  'wrong-type',
  'target-label',
  'missing-label',
  'extra-label',
  'label-value',
  'buckets',
  'duplicate-series',
  'no-series',
  'implausible-value',
];

const untypedWords = (type: FamilyType) => (type === 'untyped' || type === 'unknown' ? `without a TYPE line (${type})` : `as ${type}`);
const list = (xs: readonly string[]) => xs.join(', ');
const quoted = (xs: Iterable<string>) => [...xs].map((x) => `"${x}"`).join(', ');
const series = (n: number) => `${n} series`;

/** `name{a="b"}` as in the exposition, for examples in messages. */
function seriesText(s: Sample): string {
  const labels = Object.entries(s.labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return `${s.name}{${labels.join(',')}}`;
}

/** A bucket bound as a reader expects it: `0.005`, `1`, `+Inf`. */
function bound(n: number): string {
  return n === Infinity ? '+Inf' : String(n);
}

function describeType(t: MetricType): string {
  return t === 'info' ? 'info (a gauge of value 1, or an OpenMetrics info family)' : t;
}

function describeLabels(m: Metric): string {
  return m.labels.length === 0 ? 'no labels of its own' : `labels ${list(m.labels)}`;
}

/** What the catalog declares for a metric, in one phrase. */
function describeMetric(m: Metric): string {
  const buckets = m.type === 'histogram' && m.buckets ? `, buckets ${list([...(m.buckets ?? []), Infinity].map(bound))}` : '';
  return `a ${m.type} with ${describeLabels(m)}${buckets}`;
}

/** How a family relates to the catalog: the metric itself, or the `_created` series of one. */
interface Match {
  readonly metric: Metric;
  readonly role: 'metric' | 'created';
}

function matchFamily(family: MetricFamily, byName: ReadonlyMap<string, Metric>, catalog: Catalog): Match | undefined {
  const direct = byName.get(family.name);
  if (direct) return { metric: direct, role: 'metric' };
  const openMetrics = family.type === 'counter' ? byName.get(`${family.name}_total`) : family.type === 'info' ? byName.get(`${family.name}_info`) : undefined;
  if (openMetrics) return { metric: openMetrics, role: 'metric' };
  if (family.name.endsWith('_created') && ['gauge', 'untyped', 'unknown'].includes(family.type)) {
    const base = family.name.slice(0, -'_created'.length);
    const owner = [byName.get(base), byName.get(`${base}_total`)].find(
      (m) => m && (m.type === 'counter' ? m.name === `${base}_total` : (m.type === 'histogram' || m.type === 'summary') && m.name === base),
    );
    if (owner) return { metric: owner, role: 'created' };
  }
  // Samples no TYPE line claimed (`foo_bucket` alone) still belong to the catalog metric of their series name.
  const bySeries = family.typeDeclared ? undefined : catalog.metricForSeries(family.name);
  return bySeries ? { metric: bySeries, role: 'metric' } : undefined;
}

/** Builds a merged finding's message from how many series showed it, one example series and the values seen. */
type Describe = (count: number, example: string, values: Set<string>) => string;

interface Tally {
  readonly finding: Omit<ConformanceFinding, 'message'>;
  readonly example: string;
  readonly values: Set<string>;
  readonly describe: Describe;
  count: number;
}

/** Collects findings, merging the ones about the same label or value so that each problem is one line. */
class FindingSink {
  private readonly tallies = new Map<string, Tally>();
  private readonly plain: ConformanceFinding[] = [];

  add(finding: ConformanceFinding): void {
    this.plain.push(finding);
  }

  /** One finding per metric, kind and key, however many series show it; its message is built at the end. */
  tally(key: string, finding: Omit<ConformanceFinding, 'message'>, example: Sample, describe: Describe, value?: string): void {
    const id = `${finding.metric}\0${finding.kind}\0${key}`;
    let t = this.tallies.get(id);
    if (!t) {
      t = { finding, count: 0, example: seriesText(example), values: new Set(), describe };
      this.tallies.set(id, t);
    }
    t.count++;
    if (value !== undefined) t.values.add(value);
  }

  all(): ConformanceFinding[] {
    const tallied = [...this.tallies.values()].map((t) => ({ ...t.finding, message: t.describe(t.count, t.example, t.values) }));
    return [...this.plain, ...tallied];
  }
}

/** Label findings of one sample: target labels, undeclared ones, missing ones and values outside closed sets. */
function checkSampleLabels(sink: FindingSink, m: Metric, sample: Sample, extra: string | undefined): void {
  const base = { metric: m.name, severity: 'error' as const };
  for (const label of Object.keys(sample.labels)) {
    if ((TARGET_LABELS as readonly string[]).includes(label)) {
      sink.tally(label, { ...base, kind: 'target-label', expected: `no ${label} label: ${list(TARGET_LABELS)} come from the scrape configuration` }, sample, (n, e) =>
        `sets the target label "${label}" itself on ${series(n)} (e.g. ${e}); Prometheus keeps the target's value and renames this one to exported_${label}`,
      );
    } else if (label !== extra && !m.labels.includes(label)) {
      sink.tally(label, { ...base, kind: 'extra-label', expected: describeLabels(m) }, sample, (n, e) => `label "${label}" is not declared, on ${series(n)} (e.g. ${e})`);
    }
  }
  for (const label of extra ? [...m.labels, extra] : m.labels) {
    const value = sample.labels[label];
    if (value === undefined || value === '') {
      const expected = label === extra ? `"${label}" on every ${sample.name} series` : describeLabels(m);
      sink.tally(label, { ...base, kind: 'missing-label', expected }, sample, (n, e) =>
        `label "${label}" is missing${value === '' ? ' (empty, which Prometheus stores as absent)' : ''} on ${series(n)} (e.g. ${e})`,
      );
      continue;
    }
    const closed = m.labelValues?.[label];
    if (closed && !closed.includes(value)) {
      sink.tally(label, { ...base, kind: 'label-value', expected: `${label} one of ${list(closed)}` }, sample, (n, _e, values) =>
        `label "${label}" takes ${values.size === 1 ? 'the value' : 'values'} ${quoted(values)} outside its closed set, on ${series(n)}`,
      value);
    }
  }
}

/** Histogram bucket layouts of a family that differ from the catalog's, one finding per distinct layout. */
function checkBuckets(sink: FindingSink, m: Metric, family: MetricFamily): void {
  const layouts = new Map<string, string[]>();
  for (const s of family.samples) {
    if (s.name !== `${family.name}_bucket` || s.labels.le === undefined) continue;
    const { le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)));
    const n = Number(le === '+Inf' ? Infinity : le);
    layouts.set(key, [...(layouts.get(key) ?? []), Number.isNaN(n) ? le : bound(n)]);
  }
  const expected = list([...(m.buckets ?? []), Infinity].map(bound));
  if (layouts.size === 0) {
    sink.add({ metric: m.name, kind: 'buckets', severity: 'error', message: `no ${family.name}_bucket series, only ${list([...new Set(family.samples.map((s) => s.name))])}`, expected: `buckets ${expected}` });
  }
  for (const [, bounds] of layouts) {
    const numeric = [...new Set(bounds)].sort((a, b) => Number(a.replace('+Inf', 'Infinity')) - Number(b.replace('+Inf', 'Infinity')));
    const got = list(numeric);
    if (got === expected) continue;
    sink.tally(got, { metric: m.name, kind: 'buckets', severity: 'error', expected: `buckets ${expected}` }, family.samples[0]!, (n) => `bucket bounds are ${got}, on ${series(n)}`);
  }
}

/** The same series twice in one family. */
function checkDuplicates(sink: FindingSink, metric: string, family: MetricFamily): void {
  const seen = new Set<string>();
  for (const s of family.samples) {
    const key = `${s.name}${JSON.stringify(Object.entries(s.labels).sort(([a], [b]) => a.localeCompare(b)))}`;
    if (seen.has(key)) {
      sink.tally(key, { metric, kind: 'duplicate-series', severity: 'error', expected: 'each series once' }, s, (n, e) => `series ${e} appears ${n + 1} times`);
    }
    seen.add(key);
  }
}

/** One exposed family that the catalog declares for this job. */
function checkFamily(sink: FindingSink, match: Match, family: MetricFamily): void {
  const m = match.metric;
  checkDuplicates(sink, m.name, family);
  if (match.role === 'created') {
    for (const s of family.samples) checkSampleLabels(sink, m, s, undefined);
    return;
  }
  if (!ACCEPTED_TYPES[m.type].includes(family.type)) {
    sink.add({ metric: m.name, kind: 'wrong-type', severity: 'error', message: `exposed ${untypedWords(family.type)}${family.name === m.name ? '' : ` (family ${family.name})`}`, expected: describeType(m.type) });
    return; // labels are judged against the type the catalog declares; a wrong type first needs fixing
  }
  if (family.samples.length === 0) {
    if (m.labels.length > 0 || m.type === 'histogram') {
      sink.add({
        metric: m.name,
        kind: 'no-series',
        severity: 'warning',
        message: `a TYPE line but no series, so its ${m.type === 'histogram' ? (m.labels.length > 0 ? 'labels and buckets' : 'buckets') : 'labels'} could not be checked`,
        expected: 'at least one series: initialise each known label combination at start-up',
      });
    }
    return;
  }
  for (const s of family.samples) {
    const extra = family.type === 'histogram' && s.name === `${family.name}_bucket` ? 'le' : family.type === 'summary' && s.name === family.name ? 'quantile' : undefined;
    checkSampleLabels(sink, m, s, extra);
  }
  if (m.type === 'histogram' && m.bucketsUndeclared === undefined) checkBuckets(sink, m, family);
}

/**
 * Values of one family the rules would misread. Histograms and summaries are left out: their samples are counts
 * and sums, not values of the metric's unit.
 */
function checkValues(sink: FindingSink, m: Metric, family: MetricFamily, now: number): void {
  if (m.type === 'histogram' || m.type === 'summary') return;
  const base = { metric: m.name, kind: 'implausible-value' as const, severity: 'error' as const };
  const bad = (key: string, expected: string, s: Sample, describe: Describe) => sink.tally(key, { ...base, expected }, s, describe, String(s.value));
  const values = (vs: Set<string>) => [...vs].slice(0, 3).join(', ');
  for (const s of family.samples.filter((x) => x.name === family.name || x.name === m.name)) {
    const v = s.value;
    if (Number.isNaN(v)) {
      bad('nan', 'a number', s, (n, e) => `NaN on ${series(n)} (e.g. ${e}): every comparison with it is false`);
    } else if (m.unit === 'timestamp_seconds') {
      if (v >= MILLISECONDS_FROM) {
        bad('ms', 'seconds since the epoch', s, (n, e, vs) => `a timestamp in milliseconds (${values(vs)}) on ${series(n)} (e.g. ${e}): the age computed from it is negative and never grows`);
      } else if (v > now + FUTURE_TOLERANCE_SECONDS) {
        bad('future', `seconds since the epoch, at most ${FUTURE_TOLERANCE_SECONDS} s ahead of the scrape`, s, (n, e, vs) =>
          `a timestamp in the future (${values(vs)}, the scrape was at ${Math.round(now)}) on ${series(n)} (e.g. ${e}): ages computed from it stay negative`);
      } else if (v < 0) {
        bad('negative', 'seconds since the epoch', s, (n, e) => `a negative timestamp on ${series(n)} (e.g. ${e})`);
      }
    } else if (m.unit === 'ratio' && (v < 0 || v > 1)) {
      bad('ratio', 'a ratio in [0, 1] (not a percentage)', s, (n, e, vs) => `a ratio outside [0, 1] (${values(vs)}) on ${series(n)} (e.g. ${e})${[...vs].some((x) => Number(x) > 1 && Number(x) <= 100) ? ': a percentage?' : ''}`);
    } else if (m.unit === 'boolean' && v !== 0 && v !== 1) {
      bad('boolean', '0 or 1', s, (n, e, vs) => `a boolean other than 0 or 1 (${values(vs)}) on ${series(n)} (e.g. ${e})`);
    } else if ((m.type === 'counter' || m.unit === 'count' || m.unit === 'bytes' || m.unit === 'seconds') && v < 0) {
      bad('negative', 'a value of 0 or more', s, (n, e, vs) => `a negative ${m.type === 'counter' ? 'counter' : m.unit} (${values(vs)}) on ${series(n)} (e.g. ${e})`);
    }
  }
  if (m.oneHot) checkOneHot(sink, m, m.oneHot, family);
}

/** A one-hot gauge: per combination of its other labels, every value of the closed set once, exactly one at 1. */
function checkOneHot(sink: FindingSink, m: Metric, label: string, family: MetricFamily): void {
  const closed = m.labelValues?.[label as keyof typeof m.labelValues] ?? [];
  const groups = new Map<string, Sample[]>();
  for (const s of family.samples) {
    const { [label]: _state, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)));
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const expected = `exactly one of ${label}=${closed.join('|')} at 1, the others at 0`;
  for (const samples of groups.values()) {
    const active = samples.filter((s) => s.value === 1).map((s) => s.labels[label] ?? '');
    const missing = closed.filter((v) => !samples.some((s) => s.labels[label] === v));
    const problems = [
      ...(active.length === 0 ? [`no ${label} at 1`] : []),
      ...(active.length > 1 ? [`${active.length} values at 1 (${active.join(', ')})`] : []),
      ...(active.length === 1 && !closed.includes(active[0]!) ? [`the active ${label} "${active[0]}" is outside its closed set`] : []),
      ...(missing.length > 0 ? [`no series for ${missing.map((v) => `${label}="${v}"`).join(', ')}`] : []),
    ];
    if (problems.length === 0) continue;
    sink.add({ metric: m.name, kind: 'implausible-value', severity: 'error', message: `${problems.join('; ')} (e.g. ${seriesText(samples.find((x) => x.value === 1) ?? samples[0]!)}): the rules cannot confirm the ${label}`, expected });
  }
}

/**
 * Every way an exposition breaks the catalog's contract for `job`: missing metrics, wrong types, missing,
 * extra and target labels, values outside closed sets, other histogram buckets, implausible values, and families
 * the catalog does not declare for the job. The series Prometheus writes itself (`up`, `scrape_*`) are not expected from the target.
 */
export function compareExposition(catalog: Catalog, job: string, exposition: Exposition, options: CompareOptions = {}): ConformanceResult {
  const expected = catalog.metricsExposedBy(job).filter((m) => !PROMETHEUS_SCRAPE_SERIES.has(m.name));
  if (expected.length === 0) throw new Error(`no catalog metric is exposed by job "${job}"`);
  const byName = new Map(catalog.metrics.map((m) => [m.name, m]));
  const order = new Map(catalog.metrics.map((m, i) => [m.name, i]));
  const sink = new FindingSink();
  const present = new Set<string>();
  const now = options.now ?? Date.now() / 1000;

  exposition.families.forEach((family, i) => {
    if (PROMETHEUS_SCRAPE_SERIES.has(family.name)) {
      sink.add({
        metric: family.name,
        kind: 'scrape-series',
        severity: 'error',
        message: 'exposed by the target, but Prometheus writes this series itself for every target and the two collide',
        expected: 'not exposed: Prometheus writes it',
      });
      return;
    }
    const match = matchFamily(family, byName, catalog);
    if (!match || !match.metric.exposedBy.includes(job)) {
      const elsewhere = match ? `the catalog declares it only for ${list(match.metric.exposedBy)}` : 'the catalog does not declare it';
      const name = match?.metric.name ?? family.name;
      if (!match) order.set(name, catalog.metrics.length + i);
      sink.add({
        metric: name,
        kind: 'undeclared-metric',
        severity: options.undeclared ?? 'error',
        message: `exposed ${untypedWords(family.type)} with ${series(family.samples.length)}, but ${elsewhere}`,
        expected: `only the catalog's metrics for ${job}: declare it there, or stop exposing it`,
      });
      return;
    }
    if (match.role === 'metric') present.add(match.metric.name);
    checkFamily(sink, match, family);
    if (match.role === 'metric' && ACCEPTED_TYPES[match.metric.type].includes(family.type)) checkValues(sink, match.metric, family, now);
  });

  for (const m of expected) {
    if (!present.has(m.name)) sink.add({ metric: m.name, kind: 'missing-metric', severity: 'error', message: 'not exposed', expected: describeMetric(m) });
  }

  const findings = sink
    .all()
    .sort((a, b) => (order.get(a.metric) ?? Infinity) - (order.get(b.metric) ?? Infinity) || a.metric.localeCompare(b.metric) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  return {
    job,
    expectedMetrics: expected.length,
    exposedFamilies: exposition.families.length,
    exposedSamples: exposition.families.reduce((n, f) => n + f.samples.length, 0),
    findings,
  };
}
