/**
 * Where the traffic model writes what the services would record. The live simulator writes into prom-client
 * registries served on /metrics; the backfill writes OpenMetrics samples with timestamps.
 */
import type { Metric } from '../engine/catalog/metric';

export type Labels = Readonly<Record<string, string>>;

/** The instruments of one service. */
export interface ServiceSink {
  inc(metric: Metric, labels: Labels, by?: number): void;
  set(metric: Metric, labels: Labels, value: number): void;
  observe(metric: Metric, labels: Labels, value: number): void;
  /** Exposes a histogram's series at zero before its first observation. */
  zero(metric: Metric, labels: Labels): void;
}

export interface MetricSink {
  /** The instruments of a running service (a stopped one is never asked for). */
  service(name: string): ServiceSink;
}
