/**
 * cAdvisor (gcr.io/cadvisor/cadvisor, v0.40 or later: container_oom_events_total appeared in v0.40):
 * container_* metrics of the docker containers, as defined in google/cadvisor metrics/prometheus.go.
 *
 * Names, types, HELP texts and labels must match the real exposition; never rename them here.
 * Every container series carries `id` (cgroup path), `name` (docker container name, e.g. cdb_core; absent on
 * non-docker cgroups such as id="/") and `image`. cAdvisor may add `container_label_*` / `container_env_*` labels
 * depending on its flags; those are not declared here.
 */
import { EXPORTER_JOBS } from '../../config/services';
import { metric } from '../../engine/catalog/metric';

const JOBS = [EXPORTER_JOBS.cadvisor.job];

export const containerCpuUsageSecondsTotal = metric({
  name: 'container_cpu_usage_seconds_total',
  type: 'counter',
  help: 'Cumulative cpu time consumed in seconds.',
  unit: 'seconds',
  // `cpu` is "total" unless cAdvisor runs with per-CPU metrics enabled (then cpu00, cpu01, ...).
  labels: ['id', 'name', 'image', 'cpu'],
  exposedBy: JOBS,
});

/** Only exposed for containers with a CPU quota. */
export const containerCpuCfsPeriodsTotal = metric({
  name: 'container_cpu_cfs_periods_total',
  type: 'counter',
  help: 'Number of elapsed enforcement period intervals.',
  unit: 'count',
  labels: ['id', 'name', 'image'],
  exposedBy: JOBS,
});

/** Only exposed for containers with a CPU quota. */
export const containerCpuCfsThrottledPeriodsTotal = metric({
  name: 'container_cpu_cfs_throttled_periods_total',
  type: 'counter',
  help: 'Number of throttled period intervals.',
  unit: 'count',
  labels: ['id', 'name', 'image'],
  exposedBy: JOBS,
});

export const containerMemoryWorkingSetBytes = metric({
  name: 'container_memory_working_set_bytes',
  type: 'gauge',
  help: 'Current working set in bytes.',
  unit: 'bytes',
  labels: ['id', 'name', 'image'],
  exposedBy: JOBS,
});

export const containerMemoryUsageBytes = metric({
  name: 'container_memory_usage_bytes',
  type: 'gauge',
  help: 'Current memory usage in bytes, including all memory regardless of when it was accessed',
  unit: 'bytes',
  labels: ['id', 'name', 'image'],
  exposedBy: JOBS,
});

/** 0 when the container has no memory limit. */
export const containerSpecMemoryLimitBytes = metric({
  name: 'container_spec_memory_limit_bytes',
  type: 'gauge',
  help: 'Memory limit for the container.',
  unit: 'bytes',
  labels: ['id', 'name', 'image'],
  exposedBy: JOBS,
});

/**
 * CFS quota in microseconds per period; only exposed for containers with a CPU quota. No catalog unit fits
 * microseconds: only quota / period (= CPUs allowed) is meaningful.
 */
export const containerSpecCpuQuota = metric({
  name: 'container_spec_cpu_quota',
  type: 'gauge',
  help: 'CPU quota of the container.',
  unit: 'count',
  labels: ['id', 'name', 'image'],
  exposedBy: JOBS,
});

/** CFS period in microseconds (see containerSpecCpuQuota). */
export const containerSpecCpuPeriod = metric({
  name: 'container_spec_cpu_period',
  type: 'gauge',
  help: 'CPU period of the container.',
  unit: 'count',
  labels: ['id', 'name', 'image'],
  exposedBy: JOBS,
});

export const containerLastSeen = metric({
  name: 'container_last_seen',
  type: 'gauge',
  help: 'Last time a container was seen by the exporter',
  unit: 'timestamp_seconds',
  labels: ['id', 'name', 'image'],
  exposedBy: JOBS,
});

/** Changes when the container is recreated or restarted: the restart signal. */
export const containerStartTimeSeconds = metric({
  name: 'container_start_time_seconds',
  type: 'gauge',
  help: 'Start time of the container since unix epoch in seconds.',
  unit: 'timestamp_seconds',
  labels: ['id', 'name', 'image'],
  exposedBy: JOBS,
});

export const containerFsUsageBytes = metric({
  name: 'container_fs_usage_bytes',
  type: 'gauge',
  help: 'Number of bytes that are consumed by the container on this filesystem.',
  unit: 'bytes',
  labels: ['id', 'name', 'image', 'device'],
  exposedBy: JOBS,
});

export const containerFsLimitBytes = metric({
  name: 'container_fs_limit_bytes',
  type: 'gauge',
  help: 'Number of bytes that can be consumed by the container on this filesystem.',
  unit: 'bytes',
  labels: ['id', 'name', 'image', 'device'],
  exposedBy: JOBS,
});

export const containerNetworkReceiveBytesTotal = metric({
  name: 'container_network_receive_bytes_total',
  type: 'counter',
  help: 'Cumulative count of bytes received',
  unit: 'bytes',
  labels: ['id', 'name', 'image', 'interface'],
  exposedBy: JOBS,
});

export const containerNetworkTransmitBytesTotal = metric({
  name: 'container_network_transmit_bytes_total',
  type: 'counter',
  help: 'Cumulative count of bytes transmitted',
  unit: 'bytes',
  labels: ['id', 'name', 'image', 'interface'],
  exposedBy: JOBS,
});

/**
 * Known to stay at 0 when docker replaces an OOM-killed container (google/cadvisor#3015): pair it with
 * node_vmstat_oom_kill and with restarts seen through container_start_time_seconds.
 */
export const containerOomEventsTotal = metric({
  name: 'container_oom_events_total',
  type: 'counter',
  help: 'Count of out of memory events observed for the container',
  unit: 'count',
  labels: ['id', 'name', 'image'],
  exposedBy: JOBS,
});

export const cadvisorMetrics = [
  containerCpuUsageSecondsTotal,
  containerCpuCfsPeriodsTotal,
  containerCpuCfsThrottledPeriodsTotal,
  containerMemoryWorkingSetBytes,
  containerMemoryUsageBytes,
  containerSpecMemoryLimitBytes,
  containerSpecCpuQuota,
  containerSpecCpuPeriod,
  containerLastSeen,
  containerStartTimeSeconds,
  containerFsUsageBytes,
  containerFsLimitBytes,
  containerNetworkReceiveBytesTotal,
  containerNetworkTransmitBytesTotal,
  containerOomEventsTotal,
];
