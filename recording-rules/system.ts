/** Layer 1, System & Connectivity: per-service availability, container resources and bus traffic. */
import { recordingRule, ruleGroup } from '../engine/rules/recording-rule';
import { avg, div, gt, matchesRegex, max, min, changes, notEqual, predictLinear, rate, select, sum } from '../engine/promql';
import { REAL_FILESYSTEMS } from '../config/monitoring';
import { EXPORTER_JOBS } from '../config/services';
import { exporters } from '../catalog';
import { busMessagesConsumed, busMessagesPublished } from '../catalog/cdb';
import type { Settings } from '../config/settings';

/** cAdvisor's `name` label of the CdB containers. */
const CDB_CONTAINERS = { name: matchesRegex('cdb_.+') };

/** Fraction of a service's scrape targets that are up (1 = all up); health probes are counted apart. */
export const serviceUp = recordingRule(
  'service:up:avg',
  avg.by(['service'], select(exporters.up, { job: notEqual(EXPORTER_JOBS.blackbox.job) })),
);

/** 1 when every health endpoint probe of the service succeeds. */
export const serviceProbeSuccess = recordingRule('service:probe_success:min', min.by(['service'], select(exporters.probeSuccess)));

/** CPU cores used per CdB container. */
export const containerCpu = recordingRule(
  'name:container_cpu_usage_seconds:rate5m',
  sum.by(['name'], rate(select(exporters.containerCpuUsageSecondsTotal, CDB_CONTAINERS).over('5m'))),
);

/** Working-set memory of each CdB container as a share of its limit (containers without a limit are absent). */
export const containerMemoryToLimit = recordingRule(
  'name:container_memory_working_set_bytes:ratio_limit',
  div(
    sum.by(['name'], select(exporters.containerMemoryWorkingSetBytes, CDB_CONTAINERS)),
    gt(sum.by(['name'], select(exporters.containerSpecMemoryLimitBytes, CDB_CONTAINERS)), 0),
  ),
);

/** Container starts in the last hour: every change of the start time is a (re)start. */
export const containerRestarts = recordingRule(
  'name:container_start_time_seconds:changes1h',
  max.by(['name'], changes(select(exporters.containerStartTimeSeconds, CDB_CONTAINERS).over('1h'))),
);

/** Messages per second published to each Redis topic, all services together. */
export const busPublished = recordingRule(
  'topic:cdb_bus_messages_published:rate5m',
  sum.by(['topic'], rate(select(busMessagesPublished).over('5m'))),
);

/** Messages per second consumed from each Redis topic, all services together. */
export const busConsumed = recordingRule(
  'topic:cdb_bus_messages_consumed:rate5m',
  sum.by(['topic'], rate(select(busMessagesConsumed).over('5m'))),
);

/**
 * Free bytes each real filesystem will have at the end of a block (`block.hours` ahead) at the growth rate of the
 * last `lookback` (CdbDiskWillFillBeforeBlockEnds' setting).
 */
export function diskFreeAtBlockEnd(settings: Settings) {
  const { lookback } = settings.thresholds.CdbDiskWillFillBeforeBlockEnds;
  const hours = settings.block.hours;
  return recordingRule(
    `instance:node_filesystem_avail_bytes:predict_linear${lookback}_${hours}h`,
    predictLinear(select(exporters.nodeFilesystemAvailBytes, REAL_FILESYSTEMS).over(lookback), hours * 3600),
  );
}

export function systemRules(settings: Settings) {
  return ruleGroup({
    name: 'cdb-system-recording',
    file: 'system',
    source: import.meta.url,
    rules: [serviceUp, diskFreeAtBlockEnd(settings), serviceProbeSuccess, containerCpu, containerMemoryToLimit, containerRestarts, busPublished, busConsumed],
  });
}
