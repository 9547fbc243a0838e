/** CdbContainerCpuNearLimit: a CdB container uses nearly all of its CPU quota. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { div, gt, max, select } from '../../engine/promql';
import { exporters } from '../../catalog';
import { containerCpu } from '../../recording-rules/system';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels } from '../common';
import { CDB_CONTAINERS, containerLabels, serviceFromContainerName } from './containers';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbContainerCpuNearLimit(settings: Settings): AlertModel {
  const { ratio, for: pending } = settings.thresholds.CdbContainerCpuNearLimit;
  /**
   * CPUs a container may use: CFS quota / period. cAdvisor exposes the quota only for containers that have one;
   * `> 0` also drops a quota of -1 (unlimited), so containers without a limit never match.
   */
  const cpusAllowed = div(
    gt(max.by(['name'], select(exporters.containerSpecCpuQuota, CDB_CONTAINERS)), 0),
    max.by(['name'], select(exporters.containerSpecCpuPeriod, CDB_CONTAINERS)),
  );

  const core = containerLabels('cdb_core');
  const risk = containerLabels('cdb_risk');
  type Container = ReturnType<typeof containerLabels>;
  const usage = (c: Container, values: string) => series(select(exporters.containerCpuUsageSecondsTotal, { ...c, cpu: 'total' }), values);
  /** A CFS quota of half a CPU (`cpus: 0.5` in the compose file). */
  const halfCpu = (c: Container) => [
    series(select(exporters.containerSpecCpuQuota, c), '50000x60'),
    series(select(exporters.containerSpecCpuPeriod, c), '100000x60'),
  ];
  const description = (name: string, value: string) =>
    `Container ${name} uses ${value} of its CPU quota: the kernel throttles it and its stage of the flow falls behind.`;

  const cdbContainerCpuNearLimit = alert({
    name: 'CdbContainerCpuNearLimit',
    expr: gt(serviceFromContainerName(div(select(containerCpu), cpusAllowed)), ratio),
    for: pending,
    severity: 'warning',
    labels: cdbLabels('system'),
    summary: 'A CdB container is using nearly all of its CPU quota.',
    description: description('{{ $labels.name }}', '{{ $value | humanizePercentage }}'),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'CPU by container' },
    runbook: {
      meaning: `For ${pending}, the container's CPU use (5-minute rate of container_cpu_usage_seconds_total) has been above ${Math.round(ratio * 100)} % of the CPUs its CFS quota allows (container_spec_cpu_quota / container_spec_cpu_period). Only containers with a CPU limit are watched. The \`service\` label is the container name.`,
      impact:
        'A container at its quota is throttled: cdb_ws falls behind the exchange feed (stale prices, CdbMarketDataStale), cdb_core and cdb_risk add latency to every signal, cdb_db_writer builds a backlog. Over a 72-hour block this shows up as latency alerts and skewed execution prices rather than an outage.',
      diagnose: [
        'Open the system dashboard, "CPU by container": a step up after a deploy points at the code; a slow climb points at growing state (more symbols, a growing in-memory buffer).',
        'Check how often it is throttled: `rate(container_cpu_cfs_throttled_periods_total{name="<container>"}[5m]) / rate(container_cpu_cfs_periods_total{name="<container>"}[5m])`.',
        'Check whether the load is real work: the layer\'s own dashboard (message rate for cdb_ws, evaluations per strategy for cdb_core, decisions for cdb_risk, write rate for cdb_db_writer).',
        '`docker stats --no-stream <container>` for the live view.',
      ],
      mitigate: [
        'If the load is legitimate, raise the container\'s `cpus` limit in the compose file and recreate it between blocks, or now if latency alerts already fire.',
        'If a deploy made it expensive, roll it back.',
        'If the host itself is saturated (node_load1 above the core count), a higher limit does not help: reduce the work (fewer symbols screened) instead.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario('a container at 95% of its quota for the for duration fires', {
        input: [usage(core, '0+28.5x60'), ...halfCpu(core)],
        at: '30m',
        fires: [{ labels: { name: core.name, service: core.name }, description: description(core.name, '95%') }],
      }),
      scenario('a container at 85% of its quota stays quiet', {
        input: [usage(core, '0+25.5x60'), ...halfCpu(core)],
        at: '30m',
        fires: 'quiet',
      }),
      scenario('a spike shorter than the for duration stays quiet', {
        input: [usage(core, '0+10x20 228.5+28.5x40'), ...halfCpu(core)],
        at: '30m',
        fires: 'quiet',
      }),
      scenario('a container without a CPU quota stays quiet at any use', {
        input: [usage(risk, '0+120x60')],
        at: '30m',
        fires: 'quiet',
      }),
    ],
  });
  return cdbContainerCpuNearLimit;
}
