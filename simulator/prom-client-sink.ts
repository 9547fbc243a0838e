/**
 * The live sink: one prom-client registry per simulated job, created by the catalog's factory, so each endpoint
 * exposes exactly the metrics the catalog promises.
 */
import type { Counter, Gauge, Histogram } from 'prom-client';
import type { Catalog } from '../engine/catalog/catalog';
import type { Metric } from '../engine/catalog/metric';
import { createServiceRegistry, type ServiceRegistry } from '../engine/catalog/prom-client-registry';
import type { Labels, MetricSink, ServiceSink } from './metric-sink';

export class PromClientSink implements MetricSink {
  private readonly registries = new Map<string, ServiceRegistry>();

  constructor(private readonly catalog: Catalog) {}

  /** Metrics a job no longer exposes, by job: a service that stopped writing one (a fault). */
  private readonly hidden = new Map<string, Set<string>>();

  /** Replaces a job's registry with a fresh one, as a process restart does; hidden metrics stay hidden. */
  reset(job: string): ServiceRegistry {
    const registry = createServiceRegistry(this.catalog, job);
    this.registries.set(job, registry);
    for (const name of this.hidden.get(job) ?? []) registry.registry.removeSingleMetric(name);
    return registry;
  }

  /** Stops exposing `metric` on `job`'s endpoint; the service keeps recording it, unseen. */
  hide(job: string, metric: Metric): void {
    this.hidden.set(job, (this.hidden.get(job) ?? new Set()).add(metric.name));
    this.registry(job).registry.removeSingleMetric(metric.name);
  }

  /** Exposes a hidden metric again, with the values recorded meanwhile. */
  show(job: string, metric: Metric): void {
    if (!this.hidden.get(job)?.delete(metric.name)) return;
    const registry = this.registry(job);
    registry.registry.registerMetric(registry.instrument(metric) as Gauge<string>);
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
      zero: (metric: Metric, labels: Labels) => (registry.instrument(metric) as Histogram<string>).zero(labels),
    };
  }
}
