/**
 * prometheus-node-exporter 1.5 (Debian 12 package 1.5.0): host metrics, default collectors.
 *
 * Names, types, HELP texts and labels must match the real exposition (checked against the running 1.5.0
 * binary); never rename them here.
 */
import { EXPORTER_JOBS } from '../../config/services';
import { metric } from '../../engine/catalog/metric';

const JOBS = [EXPORTER_JOBS.node.job];

export const nodeFilesystemAvailBytes = metric({
  name: 'node_filesystem_avail_bytes',
  type: 'gauge',
  help: 'Filesystem space available to non-root users in bytes.',
  unit: 'bytes',
  labels: ['device', 'fstype', 'mountpoint'],
  exposedBy: JOBS,
});

export const nodeFilesystemSizeBytes = metric({
  name: 'node_filesystem_size_bytes',
  type: 'gauge',
  help: 'Filesystem size in bytes.',
  unit: 'bytes',
  labels: ['device', 'fstype', 'mountpoint'],
  exposedBy: JOBS,
});

export const nodeFilesystemReadonly = metric({
  name: 'node_filesystem_readonly',
  type: 'gauge',
  help: 'Filesystem read-only status.',
  unit: 'boolean',
  labels: ['device', 'fstype', 'mountpoint'],
  exposedBy: JOBS,
});

export const nodeMemoryMemAvailableBytes = metric({
  name: 'node_memory_MemAvailable_bytes',
  type: 'gauge',
  help: 'Memory information field MemAvailable_bytes.',
  unit: 'bytes',
  labels: [],
  exposedBy: JOBS,
});

export const nodeMemoryMemTotalBytes = metric({
  name: 'node_memory_MemTotal_bytes',
  type: 'gauge',
  help: 'Memory information field MemTotal_bytes.',
  unit: 'bytes',
  labels: [],
  exposedBy: JOBS,
});

export const nodeCpuSecondsTotal = metric({
  name: 'node_cpu_seconds_total',
  type: 'counter',
  help: 'Seconds the CPUs spent in each mode.',
  unit: 'seconds',
  labels: ['cpu', 'mode'],
  labelValues: { mode: ['idle', 'iowait', 'irq', 'nice', 'softirq', 'steal', 'system', 'user'] },
  exposedBy: JOBS,
});

export const nodeLoad1 = metric({
  name: 'node_load1',
  type: 'gauge',
  help: '1m load average.',
  unit: 'count',
  labels: [],
  exposedBy: JOBS,
});

export const nodeLoad5 = metric({
  name: 'node_load5',
  type: 'gauge',
  help: '5m load average.',
  unit: 'count',
  labels: [],
  exposedBy: JOBS,
});

export const nodeBootTimeSeconds = metric({
  name: 'node_boot_time_seconds',
  type: 'gauge',
  help: 'Node boot time, in unixtime.',
  unit: 'timestamp_seconds',
  labels: [],
  exposedBy: JOBS,
});

export const nodeTimeSeconds = metric({
  name: 'node_time_seconds',
  type: 'gauge',
  help: 'System time in seconds since epoch (1970).',
  unit: 'timestamp_seconds',
  labels: [],
  exposedBy: JOBS,
});

export const nodeDiskIoTimeSecondsTotal = metric({
  name: 'node_disk_io_time_seconds_total',
  type: 'counter',
  help: 'Total seconds spent doing I/Os.',
  unit: 'seconds',
  labels: ['device'],
  exposedBy: JOBS,
});

export const nodeNetworkReceiveBytesTotal = metric({
  name: 'node_network_receive_bytes_total',
  type: 'counter',
  help: 'Network device statistic receive_bytes.',
  unit: 'bytes',
  labels: ['device'],
  exposedBy: JOBS,
});

export const nodeNetworkTransmitBytesTotal = metric({
  name: 'node_network_transmit_bytes_total',
  type: 'counter',
  help: 'Network device statistic transmit_bytes.',
  unit: 'bytes',
  labels: ['device'],
  exposedBy: JOBS,
});

/**
 * Kernel-wide count of OOM kills. Exposed as `untyped` and without `_total`, but it only ever grows (it resets
 * at boot): declared as a counter so that rate()/increase() apply. The reliable OOM signal on docker hosts.
 */
export const nodeVmstatOomKill = metric({
  name: 'node_vmstat_oom_kill',
  type: 'counter',
  help: '/proc/vmstat information field oom_kill.',
  unit: 'count',
  labels: [],
  exposedBy: JOBS,
  namingException: 'node_exporter exposes /proc/vmstat counters untyped and without _total.',
});

export const nodeExporterMetrics = [
  nodeFilesystemAvailBytes,
  nodeFilesystemSizeBytes,
  nodeFilesystemReadonly,
  nodeMemoryMemAvailableBytes,
  nodeMemoryMemTotalBytes,
  nodeCpuSecondsTotal,
  nodeLoad1,
  nodeLoad5,
  nodeBootTimeSeconds,
  nodeTimeSeconds,
  nodeDiskIoTimeSecondsTotal,
  nodeNetworkReceiveBytesTotal,
  nodeNetworkTransmitBytesTotal,
  nodeVmstatOomKill,
];
