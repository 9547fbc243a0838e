/** Layer 1 alerts: System & Connectivity. */
import { layerAlertGroup } from '../common';
import type { Settings } from '../../config/settings';
import { cdbTargetDown } from './target-down';
import { cdbScrapeTargetVanished } from './scrape-target-vanished';
import { cdbHealthEndpointFailing } from './health-endpoint-failing';
import { cdbHealthUnknown } from './health-unknown';
import { cdbTargetFlapping } from './target-flapping';
import { cdbBlackboxExporterDown } from './blackbox-exporter-down';
import { cdbContainerRestarting } from './container-restarting';
import { cdbContainerCpuNearLimit } from './container-cpu-near-limit';
import { cdbContainerMemoryNearLimit } from './container-memory-near-limit';
import { cdbDiskWillFillBeforeBlockEnds } from './disk-will-fill-before-block-ends';
import { cdbDiskNearlyFull } from './disk-nearly-full';
import { cdbExporterMetricsMissing } from './exporter-metrics-missing';
import { cdbRedisDown } from './redis-down';
import { cdbRedisPubSubChannelsGone } from './redis-pubsub-channels-gone';
import { cdbBusTopicNotConsumed } from './bus-topic-not-consumed';
import { cdbBusPublishCounterMissing } from './bus-publish-counter-missing';
import { cdbPostgresDown } from './postgres-down';
import { cdbPostgresNearMaxConnections } from './postgres-near-max-connections';
import { cdbPrometheusRuleEvaluationFailures } from './prometheus-rule-evaluation-failures';
import { cdbPrometheusConfigReloadFailed } from './prometheus-config-reload-failed';
import { cdbAlertmanagerConfigReloadFailed } from './alertmanager-config-reload-failed';
import { cdbAlertmanagerNotificationsFailing } from './alertmanager-notifications-failing';
import { watchdog } from './watchdog';

export function systemAlerts(settings: Settings) {
  return layerAlertGroup(
    'system',
    [
      cdbTargetDown(settings),
      cdbScrapeTargetVanished(settings),
      cdbHealthEndpointFailing(settings),
      cdbHealthUnknown(settings),
      ...cdbTargetFlapping(settings),
      cdbBlackboxExporterDown(settings),
      cdbContainerRestarting(settings),
      cdbContainerCpuNearLimit(settings),
      ...cdbContainerMemoryNearLimit(settings),
      cdbDiskWillFillBeforeBlockEnds(settings),
      cdbDiskNearlyFull(settings),
      cdbExporterMetricsMissing(settings),
      cdbRedisDown(settings),
      cdbRedisPubSubChannelsGone(settings),
      cdbBusTopicNotConsumed(settings),
      cdbBusPublishCounterMissing(settings),
      cdbPostgresDown(settings),
      ...cdbPostgresNearMaxConnections(settings),
      cdbPrometheusRuleEvaluationFailures(settings),
      cdbPrometheusConfigReloadFailed(settings),
      cdbAlertmanagerConfigReloadFailed(settings),
      cdbAlertmanagerNotificationsFailing(settings),
      watchdog(),
    ],
    import.meta.url,
  );
}
