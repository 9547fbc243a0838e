/**
 * prom-client instruments for one service, created from the catalog: a TypeScript service (or the simulator)
 * exposes exactly the metrics its catalog entries promise, with the declared help, labels and buckets.
 */
import { Counter, Gauge, Histogram, Registry, Summary } from 'prom-client';
import type { Catalog } from './catalog';
import { PROMETHEUS_SCRAPE_SERIES, type Metric, type MetricType } from './metric';

/** The prom-client instrument for a metric type. `info` metrics are gauges set to 1. */
export type InstrumentOf<T extends MetricType, L extends string> = T extends 'counter'
  ? Counter<L>
  : T extends 'histogram'
    ? Histogram<L>
    : T extends 'summary'
      ? Summary<L>
      : Gauge<L>;

/** A registry holding one scrape job's catalog metrics, and typed access to their instruments. */
export interface ServiceRegistry {
  readonly job: string;
  readonly registry: Registry;
  /** The instrument of a catalog metric this job exposes; throws for any other metric. */
  instrument<N extends string, L extends string, T extends MetricType>(metric: Metric<N, L, T>): InstrumentOf<T, L>;
}

type AnyInstrument = Counter<string> | Gauge<string> | Histogram<string> | Summary<string>;

function createInstrument(m: Metric, registry: Registry): AnyInstrument {
  const base = { name: m.name, help: m.help, labelNames: [...m.labels], registers: [registry] };
  switch (m.type) {
    case 'counter':
      return new Counter(base);
    case 'histogram':
      // A third-party histogram without declared buckets gets prom-client's defaults: only its _count and _sum count.
      return new Histogram({ ...base, ...(m.buckets ? { buckets: [...m.buckets] } : {}) });
    case 'summary':
      return new Summary(base);
    case 'gauge':
    case 'info':
      return new Gauge(base);
  }
}

/**
 * Creates a fresh registry with every catalog metric that `job` exposes, except the series Prometheus writes
 * itself (`up`, `scrape_*`), which a service exposing them would collide with.
 */
export function createServiceRegistry(catalog: Catalog, job: string): ServiceRegistry {
  const metrics = catalog.metricsExposedBy(job).filter((m) => !PROMETHEUS_SCRAPE_SERIES.has(m.name));
  if (metrics.length === 0) throw new Error(`no catalog metric is exposed by job "${job}"`);
  const registry = new Registry();
  const instruments = new Map<string, AnyInstrument>(metrics.map((m) => [m.name, createInstrument(m, registry)]));
  return {
    job,
    registry,
    instrument<N extends string, L extends string, T extends MetricType>(metric: Metric<N, L, T>): InstrumentOf<T, L> {
      const found = instruments.get(metric.name);
      if (!found) throw new Error(`metric ${metric.name} is not exposed by job "${job}" according to the catalog`);
      return found as unknown as InstrumentOf<T, L>;
    },
  };
}
