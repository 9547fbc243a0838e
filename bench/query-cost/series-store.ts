/**
 * The backfill's sink: the traffic model writes into it as into live registries, and after each step the store
 * takes a snapshot of every series at that step's timestamp, as a scrape would. Series carry the target labels
 * Prometheus would add (job, instance, service).
 */
import type { Metric } from '../../engine/catalog/metric';
import type { Labels, MetricSink, ServiceSink } from '../../simulator/metric-sink';

/** One stored series: its exposition name, its labels in exposition order, and one value per step (NaN: absent). */
export interface StoredSeries {
  readonly family: string;
  readonly type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'info';
  readonly name: string;
  readonly labels: string;
  readonly values: Float64Array;
}

interface Histogram {
  readonly buckets: readonly number[];
  readonly counts: number[];
  sum: number;
  count: number;
}

const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labelText = (labels: Labels) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}="${escape(v)}"`)
    .join(',');

export class SeriesStore implements MetricSink {
  /** Series by exposition name and labels, in the order they first appear. */
  readonly series = new Map<string, StoredSeries>();
  private readonly scalars = new Map<string, { metric: Metric; labels: Labels; value: number; cell?: StoredSeries }>();
  private readonly histograms = new Map<string, { metric: Metric; labels: Labels; h: Histogram; cells?: StoredSeries[] }>();

  constructor(
    readonly steps: number,
    private readonly targetLabels: (job: string) => Labels,
  ) {}

  service(job: string): ServiceSink {
    const target = this.targetLabels(job);
    const key = (m: Metric, labels: Labels) => `${m.name}{${labelText({ ...labels, ...target })}}`;
    return {
      inc: (metric, labels, by = 1) => {
        const k = key(metric, labels);
        const entry = this.scalars.get(k);
        if (entry) entry.value += by;
        else this.scalars.set(k, { metric, labels: { ...labels, ...target }, value: by });
      },
      set: (metric, labels, value) => {
        const k = key(metric, labels);
        const entry = this.scalars.get(k);
        if (entry) entry.value = value;
        else this.scalars.set(k, { metric, labels: { ...labels, ...target }, value });
      },
      zero: (metric, labels) => {
        this.histogram(metric, { ...labels, ...target });
      },
      observe: (metric, labels, value) => {
        const { h } = this.histogram(metric, { ...labels, ...target });
        for (let i = 0; i < h.buckets.length; i++) if (value <= h.buckets[i]!) h.counts[i]!++;
        h.sum += value;
        h.count++;
      },
    };
  }

  private histogram(metric: Metric, labels: Labels): { h: Histogram; cells?: StoredSeries[] } {
    const k = `${metric.name}{${labelText(labels)}}`;
    let entry = this.histograms.get(k);
    if (!entry) {
      const buckets = metric.buckets ?? [];
      entry = { metric, labels, h: { buckets, counts: buckets.map(() => 0), sum: 0, count: 0 } };
      this.histograms.set(k, entry);
    }
    return entry;
  }

  /** A series to fill directly (series replayed from a real scrape, rule results), created when new. */
  seriesFor(family: string, type: StoredSeries['type'], name: string, labels: Labels): StoredSeries {
    return this.cell(family, type, name, labelText(labels));
  }

  private cell(family: string, type: StoredSeries['type'], name: string, labels: string): StoredSeries {
    const k = `${name}{${labels}}`;
    let s = this.series.get(k);
    if (!s) {
      s = { family, type, name, labels, values: new Float64Array(this.steps).fill(Number.NaN) };
      this.series.set(k, s);
    }
    return s;
  }

  /** Records every series the model has written so far at `step`. */
  snapshot(step: number): void {
    for (const entry of this.scalars.values()) {
      entry.cell ??= this.cell(entry.metric.name, entry.metric.type, entry.metric.name, labelText(entry.labels));
      entry.cell.values[step] = entry.value;
    }
    for (const entry of this.histograms.values()) {
      const { metric, labels, h } = entry;
      // Cells: one per bucket, +Inf, _sum, _count.
      entry.cells ??= [
        ...[...h.buckets.map(String), '+Inf'].map((le) => this.cell(metric.name, 'histogram', `${metric.name}_bucket`, labelText({ ...labels, le }))),
        this.cell(metric.name, 'histogram', `${metric.name}_sum`, labelText(labels)),
        this.cell(metric.name, 'histogram', `${metric.name}_count`, labelText(labels)),
      ];
      const cells = entry.cells;
      for (let i = 0; i < h.buckets.length; i++) cells[i]!.values[step] = h.counts[i]!;
      cells[h.buckets.length]!.values[step] = h.count;
      cells[h.buckets.length + 1]!.values[step] = h.sum;
      cells[h.buckets.length + 2]!.values[step] = h.count;
    }
  }
}
