/**
 * `process_start_time_seconds` from the process collector of the Prometheus Go client, which every Go component
 * of the stack exposes on its own /metrics. The name must match the real exposition; never rename it here.
 *
 * exposedBy lists only the jobs whose exposition really carries it: Prometheus, Alertmanager, node_exporter,
 * redis_exporter and postgres_exporter (checked on the running Debian 12 binaries), cAdvisor and Grafana (Go,
 * default process collector). Not blackbox_http: that job scrapes /probe, not the exporter's own /metrics. Not the
 * CdB application services: whether they expose it depends on their client library's default collectors, which
 * belongs to their own catalog entries.
 */
import { EXPORTER_JOBS } from '../../config/services';
import { metric } from '../../engine/catalog/metric';
import { GRAFANA_JOB, PROMETHEUS_JOB } from './scrape';

/** Scrape jobs whose target is a Go binary exposing the client_golang process collector. */
export const GO_PROCESS_JOBS: readonly string[] = [
  PROMETHEUS_JOB,
  GRAFANA_JOB,
  EXPORTER_JOBS.alertmanager.job,
  EXPORTER_JOBS.cadvisor.job,
  EXPORTER_JOBS.node.job,
  EXPORTER_JOBS.redis.job,
  EXPORTER_JOBS.postgres.job,
];

/** Changes when the process restarts. */
export const processStartTimeSeconds = metric({
  name: 'process_start_time_seconds',
  type: 'gauge',
  help: 'Start time of the process since unix epoch in seconds.',
  unit: 'timestamp_seconds',
  labels: [],
  exposedBy: GO_PROCESS_JOBS,
});

export const processMetrics = [processStartTimeSeconds];
