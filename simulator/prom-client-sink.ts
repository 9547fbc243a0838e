/**
 * The live sink: one prom-client registry per simulated job, created by the catalog's factory, so each endpoint
 * exposes exactly the metrics the catalog promises. Counters and histograms start at zero for every label
 * combination the job can produce, as a well-instrumented service does, so error series exist before an error.
 */
import type { Counter, Gauge, Histogram } from 'prom-client';
import type { Catalog } from '../engine/catalog/catalog';
import type { Metric } from '../engine/catalog/metric';
import { createServiceRegistry, type ServiceRegistry } from '../engine/catalog/prom-client-registry';
import type { Labels, MetricSink, ServiceSink } from './metric-sink';
import { labelCombinations } from './vocabulary';

export class PromClientSink implements MetricSink {
  private readonly registries = new Map<string, ServiceRegistry>();

  constructor(private readonly catalog: Catalog) {}

  /** Replaces a job's registry with a fresh one, as a process restart does. */
  reset(job: string): ServiceRegistry {
    const registry = createServiceRegistry(this.catalog, job);
    for (const metric of this.catalog.metricsExposedBy(job)) {
      if (metric.type !== 'counter' && metric.type !== 'histogram') continue;
      for (const labels of labelCombinations(metric) ?? []) {
        const instrument = registry.instrument(metric);
        if (metric.type === 'counter') (instrument as Counter<string>).labels(labels).inc(0);
        else (instrument as Histogram<string>).zero(labels);
      }
    }
    this.registries.set(job, registry);
    return registry;
  }

  registry(job: string): ServiceRegistry {
    return this.registries.get(job) ?? this.reset(job);
  }

  service(job: string): ServiceSink {
    const registry = this.registry(job);
    return {
      inc: (metric: Metric, labels: Labels, by = 1) => (registry.instrument(metric) as Counter<string>).labels(labels).inc(by),
      set: (metric: Metric, labels: Labels, value: number) => (registry.instrument(metric) as Gauge<string>).labels(labels).set(value),
      observe: (metric: Metric, labels: Labels, value: number) =>
        (registry.instrument(metric) as Histogram<string>).labels(labels).observe(value),
    };
  }
}
