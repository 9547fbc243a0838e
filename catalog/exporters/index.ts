/**
 * The real exporters and monitoring components of the stack, aggregated. Each file describes one exporter at the
 * version the stack runs; names there must match the real exposition.
 */
import { alertmanagerMetrics } from './alertmanager';
import { blackboxExporterMetrics } from './blackbox-exporter';
import { cadvisorMetrics } from './cadvisor';
import { grafanaMetrics } from './grafana';
import { nodeExporterMetrics } from './node-exporter';
import { postgresExporterMetrics } from './postgres-exporter';
import { processMetrics } from './process';
import { prometheusMetrics } from './prometheus';
import { redisExporterMetrics } from './redis-exporter';
import { scrapeMetrics } from './scrape';

export * from './alertmanager';
export * from './blackbox-exporter';
export * from './cadvisor';
export * from './grafana';
export * from './node-exporter';
export * from './postgres-exporter';
export * from './process';
export * from './prometheus';
export * from './redis-exporter';
export * from './scrape';

/** Every exporter metric, in a fixed order. */
export const exporterMetrics = [
  ...scrapeMetrics,
  ...processMetrics,
  ...cadvisorMetrics,
  ...nodeExporterMetrics,
  ...redisExporterMetrics,
  ...postgresExporterMetrics,
  ...blackboxExporterMetrics,
  ...prometheusMetrics,
  ...alertmanagerMetrics,
  ...grafanaMetrics,
];
