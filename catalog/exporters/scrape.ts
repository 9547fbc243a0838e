/**
 * Series that Prometheus 2.42 itself writes for every scrape target, whatever the target exposes:
 * `up`, `scrape_duration_seconds`, `scrape_samples_scraped`, `scrape_samples_post_metric_relabeling` and
 * `scrape_series_added`. They carry only the target labels (job, instance, service).
 *
 * Names must match what Prometheus really writes (checked against a running Prometheus 2.42); never rename them.
 * These series have no HELP line in any exposition: the help texts below paraphrase the Prometheus documentation.
 */
import { APPLICATION_SERVICES, EXPORTER_JOBS } from '../../config/services';
import { metric } from '../../engine/catalog/metric';

/** Job of Prometheus scraping its own /metrics. */
export const PROMETHEUS_JOB = 'cdb_prometheus';
/** Job scraping Grafana's own /metrics. */
export const GRAFANA_JOB = 'cdb_grafana';

/** Every scrape job of the stack: the application services, Prometheus, Grafana and the exporters. */
export const ALL_SCRAPE_JOBS: readonly string[] = [
  ...APPLICATION_SERVICES,
  PROMETHEUS_JOB,
  GRAFANA_JOB,
  ...Object.values(EXPORTER_JOBS).map((e) => e.job),
];

export const up = metric({
  name: 'up',
  type: 'gauge',
  help: 'Written by Prometheus per target: 1 if the last scrape succeeded, 0 if it failed.',
  unit: 'boolean',
  labels: [],
  exposedBy: ALL_SCRAPE_JOBS,
});

export const scrapeDurationSeconds = metric({
  name: 'scrape_duration_seconds',
  type: 'gauge',
  help: 'Written by Prometheus per target: duration of the last scrape.',
  unit: 'seconds',
  labels: [],
  exposedBy: ALL_SCRAPE_JOBS,
});

export const scrapeSamplesScraped = metric({
  name: 'scrape_samples_scraped',
  type: 'gauge',
  help: 'Written by Prometheus per target: number of samples the target exposed in the last scrape.',
  unit: 'count',
  labels: [],
  exposedBy: ALL_SCRAPE_JOBS,
});

export const scrapeSamplesPostMetricRelabeling = metric({
  name: 'scrape_samples_post_metric_relabeling',
  type: 'gauge',
  help: 'Written by Prometheus per target: number of samples remaining after metric relabeling.',
  unit: 'count',
  labels: [],
  exposedBy: ALL_SCRAPE_JOBS,
});

export const scrapeSeriesAdded = metric({
  name: 'scrape_series_added',
  type: 'gauge',
  help: 'Written by Prometheus per target: approximate number of new series in the last scrape.',
  unit: 'count',
  labels: [],
  exposedBy: ALL_SCRAPE_JOBS,
});

export const scrapeMetrics = [
  up,
  scrapeDurationSeconds,
  scrapeSamplesScraped,
  scrapeSamplesPostMetricRelabeling,
  scrapeSeriesAdded,
];
