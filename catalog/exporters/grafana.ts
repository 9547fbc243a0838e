/**
 * Grafana's own /metrics, scraped by the cdb_grafana job: only the few series whose name, type and labels have
 * been stable across Grafana releases (checked against grafana/grafana pkg/infra/metrics and
 * pkg/middleware/request_metrics.go). Names must match the real exposition; never rename them here.
 */
import { metric } from '../../engine/catalog/metric';
import { GRAFANA_JOB } from './scrape';

const JOBS = [GRAFANA_JOB];

export const grafanaBuildInfo = metric({
  name: 'grafana_build_info',
  type: 'info',
  help:
    "A metric with a constant '1' value labeled by version, revision, branch, and goversion from which " +
    'Grafana was built',
  unit: 'info',
  labels: ['version', 'revision', 'branch', 'goversion', 'edition'],
  labelValues: { edition: ['oss', 'enterprise'] },
  exposedBy: JOBS,
});

/**
 * Recent Grafana releases add the labels `status_source` and `slo_group` and the buckets 10 and 25 (older ones
 * stop at 5); only the labels and buckets every release has are declared.
 */
export const grafanaHttpRequestDurationSeconds = metric({
  name: 'grafana_http_request_duration_seconds',
  type: 'histogram',
  help: 'Histogram of latencies for HTTP requests.',
  unit: 'seconds',
  labels: ['handler', 'status_code', 'method'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  exposedBy: JOBS,
});

export const grafanaMetrics = [grafanaBuildInfo, grafanaHttpRequestDurationSeconds];
