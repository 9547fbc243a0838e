/**
 * prometheus-blackbox-exporter 0.23 (Debian 12 package 0.23.0): results of the `http_2xx` probes of the health
 * endpoints, scraped by the blackbox_http job on /probe (the `service` target label names the probed service).
 *
 * Names, types, HELP texts and labels must match the real exposition (checked against a real /probe answer of
 * the 0.23.0 binary); never rename them here. The exporter's own /metrics is not scraped by this job.
 */
import { EXPORTER_JOBS } from '../../config/services';
import { metric } from '../../engine/catalog/metric';

const JOBS = [EXPORTER_JOBS.blackbox.job];

export const probeSuccess = metric({
  name: 'probe_success',
  type: 'gauge',
  help: 'Displays whether or not the probe was a success',
  unit: 'boolean',
  labels: [],
  exposedBy: JOBS,
});

export const probeDurationSeconds = metric({
  name: 'probe_duration_seconds',
  type: 'gauge',
  help: 'Returns how long the probe took to complete in seconds',
  unit: 'seconds',
  labels: [],
  exposedBy: JOBS,
});

/** An HTTP status code (0 when no response came back); no catalog unit fits a code. */
export const probeHttpStatusCode = metric({
  name: 'probe_http_status_code',
  type: 'gauge',
  help: 'Response HTTP status code',
  unit: 'count',
  labels: [],
  exposedBy: JOBS,
});

export const probeHttpDurationSeconds = metric({
  name: 'probe_http_duration_seconds',
  type: 'gauge',
  help: 'Duration of http request by phase, summed over all redirects',
  unit: 'seconds',
  labels: ['phase'],
  labelValues: { phase: ['connect', 'processing', 'resolve', 'tls', 'transfer'] },
  exposedBy: JOBS,
});

export const blackboxExporterMetrics = [
  probeSuccess,
  probeDurationSeconds,
  probeHttpStatusCode,
  probeHttpDurationSeconds,
];
