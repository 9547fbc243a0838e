/** Layer 1 dashboard: are all services up and healthy, will the host and containers last the 72-hour block. */
import { dashboard, row } from '../engine/dashboards/dashboard';
import { barGauge, query, stat, thresholds, warnThenFail, timeseries } from '../engine/dashboards/panels';
import { div, increase, min, notMatchesRegex, select, sum } from '../engine/promql';
import { serviceDependencyUp, serviceHealthy } from '../catalog/cdb';
import { exporters } from '../catalog';
import {
  busConsumed,
  busPublished,
  containerCpu,
  containerMemoryToLimit,
  containerRestarts,
  diskFreeAtBlockEnd,
  serviceProbeSuccess,
  serviceUp,
} from '../recording-rules/system';
import { connectionsToMax } from '../recording-rules/database';
import { DASHBOARD_IDS, diskPredictionPanel, FOLDERS, layerTags, layerTitle, stateStat, upDownStat } from './common';
import { REAL_FILESYSTEMS } from '../config/monitoring';
import type { Settings } from '../config/settings';
import type { DashboardModel } from '../engine/model/dashboard';

export function systemDashboard(settings: Settings): DashboardModel {
  /** Filesystems that matter for disk space: not the in-memory ones. */

  const services = row('Services', [
    stateStat({
      title: 'Health endpoint by service',
      description: 'Result of the blackbox probe of each service health endpoint. Red: the endpoint fails or does not answer.',
      width: 24,
      queries: [query(select(serviceProbeSuccess), '{{service}}')],
      zero: { text: 'FAILING', color: 'red' },
      one: { text: 'OK', color: 'green' },
    }),
    barGauge({
      title: 'Scrape targets up by service',
      description: 'Share of each service scrape targets that Prometheus reached at the last scrape. Below 100 %: metrics are missing.',
      unit: 'percentunit',
      width: 24,
      height: 7,
      min: 0,
      max: 1,
      queries: [query(select(serviceUp), '{{service}}')],
      thresholds: thresholds('red', [0.99, 'green']),
    }),
  ]);

  /** What the services say about themselves: their own health verdict and whether they reach their dependencies. */
  const selfHealth = row('Self-reported health', [
    stateStat({
      title: 'Self-reported health by service',
      description: 'What each service reports about itself (cdb_service_healthy). DOWN while its health probe still answers means a degraded service.',
      width: 12,
      queries: [query(min.by(['service'], select(serviceHealthy)), '{{service}}')],
      zero: { text: 'DOWN', color: 'red' },
      one: { text: 'UP', color: 'green' },
    }),
    stateStat({
      title: 'Dependencies reachable',
      description: 'Whether each service reaches Redis, PostgreSQL and the exchange from inside (cdb_service_dependency_up). A red tile names the broken link.',
      width: 12,
      queries: [query(min.by(['service', 'dependency'], select(serviceDependencyUp)), '{{service}} → {{dependency}}')],
      zero: { text: 'UNREACHABLE', color: 'red' },
      one: { text: 'OK', color: 'green' },
    }),
  ]);

  const containers = row('Containers', [
    timeseries({
      title: 'Container restarts in the last hour',
      description: 'Starts of each CdB container within the last hour. Anything above 0 during a block is a crash or a manual restart.',
      unit: 'short',
      width: 8,
      queries: [query(select(containerRestarts), '{{name}}')],
      thresholds: thresholds('green', [1, 'red']),
      thresholdsStyle: 'dashed',
    }),
    timeseries({
      title: 'CPU by container',
      description: 'CPU cores used by each CdB container (5-minute rate). A container pinned at its quota slows its whole layer.',
      unit: 'short',
      width: 8,
      queries: [query(select(containerCpu), '{{name}}')],
    }),
    timeseries({
      title: 'Memory used of limit',
      description: 'Working-set memory of each CdB container as a share of its limit. Near 100 % the kernel OOM-kills the container.',
      unit: 'percentunit',
      width: 8,
      min: 0,
      max: 1,
      queries: [query(select(containerMemoryToLimit), '{{name}}')],
      thresholds: warnThenFail('green', 0.8, 0.9),
      thresholdsStyle: 'dashed',
    }),
  ]);

  const host = row('Host', [
    timeseries({
      title: 'Disk space free',
      description: 'Free share of each real filesystem of the host. Logs and the database grow through a block; below 10 % act now.',
      unit: 'percentunit',
      width: 8,
      min: 0,
      max: 1,
      queries: [
        query(
          div(select(exporters.nodeFilesystemAvailBytes, REAL_FILESYSTEMS), select(exporters.nodeFilesystemSizeBytes, REAL_FILESYSTEMS)),
          '{{mountpoint}}',
        ),
      ],
      thresholds: thresholds('red', [0.1, 'orange'], [0.2, 'green']),
      thresholdsStyle: 'area',
    }),
    timeseries({
      title: diskPredictionPanel(settings),
      description: `Free bytes each filesystem will have in ${settings.block.hours} hours at the growth rate of the last ${settings.thresholds.CdbDiskWillFillBeforeBlockEnds.lookback}. Below zero: the disk fills before the block ends.`,
      unit: 'bytes',
      width: 8,
      queries: [
        query(select(diskFreeAtBlockEnd(settings)), '{{mountpoint}}'),
      ],
      thresholds: thresholds('red', [0, 'green']),
      thresholdsStyle: 'area',
    }),
    timeseries({
      title: 'Host memory available',
      description: 'Share of host memory available to new work. Below 10 % the host starts swapping or OOM-killing.',
      unit: 'percentunit',
      width: 8,
      min: 0,
      max: 1,
      queries: [query(div(select(exporters.nodeMemoryMemAvailableBytes), select(exporters.nodeMemoryMemTotalBytes)), 'available')],
      thresholds: thresholds('red', [0.1, 'orange'], [0.2, 'green']),
      thresholdsStyle: 'area',
    }),
  ]);

  const dataStores = row('Redis and PostgreSQL', [
    upDownStat({ title: 'Redis', description: 'Whether redis_exporter reaches Redis, the message bus between all layers.', expr: select(exporters.redisUp), width: 4 }),
    upDownStat({ title: 'PostgreSQL', description: 'Whether postgres_exporter reaches PostgreSQL, where orders, fills and reports are kept.', expr: select(exporters.pgUp), width: 4 }),
    stat({
      title: 'Redis pub/sub channels',
      description: 'Active Redis pub/sub channels. Zero while services run means the bus subscriptions are gone.',
      unit: 'short',
      width: 4,
      queries: [select(exporters.redisPubsubChannels)],
      thresholds: thresholds('red', [1, 'green']),
    }),
    stat({
      title: 'PostgreSQL connections used',
      description: 'Connections in use as a share of max_connections. At 100 % new connections, and so writes, fail.',
      unit: 'percentunit',
      width: 4,
      queries: [select(connectionsToMax)],
      thresholds: warnThenFail('green', 0.8, 0.9),
    }),
    timeseries({
      title: 'Redis memory used',
      description: 'Memory used by Redis. Steady growth during a block means messages pile up unconsumed.',
      unit: 'bytes',
      width: 8,
      height: 4,
      queries: [query(select(exporters.redisMemoryUsedBytes), 'used')],
    }),
  ]);

  const bus = row('Message bus', [
    timeseries({
      title: 'Messages published per topic',
      description: 'Messages per second published to each Redis topic, in event-flow order: market data, signals, risk decisions, orders, fills.',
      unit: 'ops',
      width: 12,
      queries: [query(select(busPublished), '{{topic}}')],
    }),
    timeseries({
      title: 'Messages consumed per topic',
      description: 'Messages per second consumed from each Redis topic. Consumed well below published means a consumer is behind or gone.',
      unit: 'ops',
      width: 12,
      queries: [query(select(busConsumed), '{{topic}}')],
    }),
  ]);

  const monitoring = row('Monitoring stack', [
    upDownStat({
      title: 'Prometheus config loaded',
      description: 'Whether the last Prometheus configuration reload succeeded. DOWN: Prometheus runs an older configuration.',
      expr: select(exporters.prometheusConfigLastReloadSuccessful),
    }),
    upDownStat({
      title: 'Alertmanager config loaded',
      description: 'Whether the last Alertmanager configuration reload succeeded. DOWN: routing runs an older configuration.',
      expr: select(exporters.alertmanagerConfigLastReloadSuccessful),
    }),
    stat({
      title: 'Rule evaluation failures (1h)',
      description: 'Rule evaluations that failed in the last hour. Any failure means some recording rule or alert is blind.',
      unit: 'short',
      width: 6,
      queries: [sum(increase(select(exporters.prometheusRuleEvaluationFailuresTotal).over('1h')))],
      thresholds: thresholds('green', [1, 'red']),
    }),
    stat({
      title: 'Notifications failed (1h)',
      description: 'Alert notifications Alertmanager failed to deliver in the last hour. Any failure means pages may not arrive.',
      unit: 'short',
      width: 6,
      queries: [sum(increase(select(exporters.alertmanagerNotificationsFailedTotal).over('1h')))],
      thresholds: thresholds('green', [1, 'red']),
    }),
  ]);

  return dashboard({
    id: DASHBOARD_IDS.system,
    title: layerTitle('system'),
    description: 'Layer 1: container health, restarts, CPU, memory and disk, health endpoints, Redis and PostgreSQL reachability, and the monitoring stack itself.',
    folder: FOLDERS.layers,
    tags: layerTags('system'),
    rows: [services, selfHealth, containers, host, dataStores, bus, monitoring],
    source: import.meta.url,
  });
}
