/** Layer 1 alerts: System & Connectivity. */
import { layerAlertGroup } from '../common';
import { cdbTargetDown } from './target-down';
import { cdbScrapeTargetVanished } from './scrape-target-vanished';
import { cdbHealthEndpointFailing } from './health-endpoint-failing';
import { cdbBlackboxExporterDown } from './blackbox-exporter-down';
import { cdbContainerRestarting } from './container-restarting';
import { cdbContainerCpuNearLimit } from './container-cpu-near-limit';
import { cdbContainerMemoryNearLimitCritical, cdbContainerMemoryNearLimitWarning } from './container-memory-near-limit';
import { cdbDiskWillFillBeforeBlockEnds } from './disk-will-fill-before-block-ends';
import { cdbRedisDown } from './redis-down';
import { cdbRedisPubSubChannelsGone } from './redis-pubsub-channels-gone';
import { cdbBusTopicNotConsumed } from './bus-topic-not-consumed';
import { cdbPostgresDown } from './postgres-down';
import { cdbPostgresNearMaxConnectionsCritical, cdbPostgresNearMaxConnectionsWarning } from './postgres-near-max-connections';
import { cdbPrometheusRuleEvaluationFailures } from './prometheus-rule-evaluation-failures';
import { cdbPrometheusConfigReloadFailed } from './prometheus-config-reload-failed';
import { cdbAlertmanagerConfigReloadFailed } from './alertmanager-config-reload-failed';
import { cdbAlertmanagerNotificationsFailing } from './alertmanager-notifications-failing';
import { watchdog } from './watchdog';

export const systemAlerts = layerAlertGroup(
  'system',
  [
    cdbTargetDown,
    cdbScrapeTargetVanished,
    cdbHealthEndpointFailing,
    cdbBlackboxExporterDown,
    cdbContainerRestarting,
    cdbContainerCpuNearLimit,
    cdbContainerMemoryNearLimitWarning,
    cdbContainerMemoryNearLimitCritical,
    cdbDiskWillFillBeforeBlockEnds,
    cdbRedisDown,
    cdbRedisPubSubChannelsGone,
    cdbBusTopicNotConsumed,
    cdbPostgresDown,
    cdbPostgresNearMaxConnectionsWarning,
    cdbPostgresNearMaxConnectionsCritical,
    cdbPrometheusRuleEvaluationFailures,
    cdbPrometheusConfigReloadFailed,
    cdbAlertmanagerConfigReloadFailed,
    cdbAlertmanagerNotificationsFailing,
    watchdog,
  ],
  import.meta.url,
);
