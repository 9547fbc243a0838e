/**
 * The real exporters and monitoring components of the stack, aggregated. Each file describes one exporter at the
 * version the stack runs; names there must match the real exposition.
 */
import { listedMetrics } from '../../engine/catalog/catalog';
import * as alertmanager from './alertmanager';
import * as blackboxExporter from './blackbox-exporter';
import * as cadvisor from './cadvisor';
import * as grafana from './grafana';
import * as nodeExporter from './node-exporter';
import * as postgresExporter from './postgres-exporter';
import * as processCollector from './process';
import * as prometheus from './prometheus';
import * as redisExporter from './redis-exporter';
import * as scrape from './scrape';

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

/** Every exporter metric, in a fixed order; a metric a file exports but does not list is an error. */
export const exporterMetrics = [
  ...listedMetrics(scrape, scrape.scrapeMetrics, 'scrapeMetrics in catalog/exporters/scrape.ts'),
  ...listedMetrics(processCollector, processCollector.processMetrics, 'processMetrics in catalog/exporters/process.ts'),
  ...listedMetrics(cadvisor, cadvisor.cadvisorMetrics, 'cadvisorMetrics in catalog/exporters/cadvisor.ts'),
  ...listedMetrics(nodeExporter, nodeExporter.nodeExporterMetrics, 'nodeExporterMetrics in catalog/exporters/node-exporter.ts'),
  ...listedMetrics(redisExporter, redisExporter.redisExporterMetrics, 'redisExporterMetrics in catalog/exporters/redis-exporter.ts'),
  ...listedMetrics(postgresExporter, postgresExporter.postgresExporterMetrics, 'postgresExporterMetrics in catalog/exporters/postgres-exporter.ts'),
  ...listedMetrics(blackboxExporter, blackboxExporter.blackboxExporterMetrics, 'blackboxExporterMetrics in catalog/exporters/blackbox-exporter.ts'),
  ...listedMetrics(prometheus, prometheus.prometheusMetrics, 'prometheusMetrics in catalog/exporters/prometheus.ts'),
  ...listedMetrics(alertmanager, alertmanager.alertmanagerMetrics, 'alertmanagerMetrics in catalog/exporters/alertmanager.ts'),
  ...listedMetrics(grafana, grafana.grafanaMetrics, 'grafanaMetrics in catalog/exporters/grafana.ts'),
];
