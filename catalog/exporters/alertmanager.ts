/**
 * Alertmanager 0.25 (Debian 12 package prometheus-alertmanager 0.25.0) self-metrics, scraped by the
 * cdb_alertmanager job.
 *
 * Names, types, HELP texts and labels must match the real exposition (checked against the running 0.25.0
 * binary); never rename them here. In 0.25 the notification counters carry only `integration` (no `reason`).
 */
import { EXPORTER_JOBS } from '../../config/services';
import { metric } from '../../engine/catalog/metric';

const JOBS = [EXPORTER_JOBS.alertmanager.job];

/**
 * Receiver integrations of 0.25. The first ten are always exposed (initialised at 0); discord and webex appear
 * once a receiver uses them.
 */
const INTEGRATIONS = [
  'email',
  'opsgenie',
  'pagerduty',
  'pushover',
  'slack',
  'sns',
  'telegram',
  'victorops',
  'webhook',
  'wechat',
  'discord',
  'webex',
];

export const alertmanagerBuildInfo = metric({
  name: 'alertmanager_build_info',
  type: 'info',
  help:
    "A metric with a constant '1' value labeled by version, revision, branch, goversion from which alertmanager " +
    'was built, and the goos and goarch for the build.',
  unit: 'info',
  labels: ['branch', 'goarch', 'goos', 'goversion', 'revision', 'version'],
  exposedBy: JOBS,
});

export const alertmanagerConfigLastReloadSuccessful = metric({
  name: 'alertmanager_config_last_reload_successful',
  type: 'gauge',
  help: 'Whether the last configuration reload attempt was successful.',
  unit: 'boolean',
  labels: [],
  exposedBy: JOBS,
});

export const alertmanagerConfigLastReloadSuccessTimestampSeconds = metric({
  name: 'alertmanager_config_last_reload_success_timestamp_seconds',
  type: 'gauge',
  help: 'Timestamp of the last successful configuration reload.',
  unit: 'timestamp_seconds',
  labels: [],
  exposedBy: JOBS,
});

export const alertmanagerClusterEnabled = metric({
  name: 'alertmanager_cluster_enabled',
  type: 'gauge',
  help: 'Indicates whether the clustering is enabled or not.',
  unit: 'boolean',
  labels: [],
  exposedBy: JOBS,
});

export const alertmanagerAlerts = metric({
  name: 'alertmanager_alerts',
  type: 'gauge',
  help: 'How many alerts by state.',
  unit: 'count',
  labels: ['state'],
  labelValues: { state: ['active', 'suppressed', 'unprocessed'] },
  exposedBy: JOBS,
});

export const alertmanagerAlertsReceivedTotal = metric({
  name: 'alertmanager_alerts_received_total',
  type: 'counter',
  help: 'The total number of received alerts.',
  unit: 'count',
  labels: ['status', 'version'],
  labelValues: { status: ['firing', 'resolved'], version: ['v1', 'v2'] },
  exposedBy: JOBS,
});

export const alertmanagerAlertsInvalidTotal = metric({
  name: 'alertmanager_alerts_invalid_total',
  type: 'counter',
  help: 'The total number of received alerts that were invalid.',
  unit: 'count',
  labels: ['version'],
  labelValues: { version: ['v1', 'v2'] },
  exposedBy: JOBS,
});

export const alertmanagerSilences = metric({
  name: 'alertmanager_silences',
  type: 'gauge',
  help: 'How many silences by state.',
  unit: 'count',
  labels: ['state'],
  labelValues: { state: ['active', 'expired', 'pending'] },
  exposedBy: JOBS,
});

/** One per notification (after retries); see alertmanagerNotificationRequestsTotal for single attempts. */
export const alertmanagerNotificationsTotal = metric({
  name: 'alertmanager_notifications_total',
  type: 'counter',
  help: 'The total number of attempted notifications.',
  unit: 'count',
  labels: ['integration'],
  labelValues: { integration: INTEGRATIONS },
  exposedBy: JOBS,
});

export const alertmanagerNotificationsFailedTotal = metric({
  name: 'alertmanager_notifications_failed_total',
  type: 'counter',
  help: 'The total number of failed notifications.',
  unit: 'count',
  labels: ['integration'],
  labelValues: { integration: INTEGRATIONS },
  exposedBy: JOBS,
});

export const alertmanagerNotificationRequestsTotal = metric({
  name: 'alertmanager_notification_requests_total',
  type: 'counter',
  help: 'The total number of attempted notification requests.',
  unit: 'count',
  labels: ['integration'],
  labelValues: { integration: INTEGRATIONS },
  exposedBy: JOBS,
});

export const alertmanagerNotificationRequestsFailedTotal = metric({
  name: 'alertmanager_notification_requests_failed_total',
  type: 'counter',
  help: 'The total number of failed notification requests.',
  unit: 'count',
  labels: ['integration'],
  labelValues: { integration: INTEGRATIONS },
  exposedBy: JOBS,
});

export const alertmanagerNotificationLatencySeconds = metric({
  name: 'alertmanager_notification_latency_seconds',
  type: 'histogram',
  help: 'The latency of notifications in seconds.',
  unit: 'seconds',
  labels: ['integration'],
  buckets: [1, 5, 10, 15, 20],
  labelValues: { integration: INTEGRATIONS },
  exposedBy: JOBS,
});

export const alertmanagerMetrics = [
  alertmanagerBuildInfo,
  alertmanagerConfigLastReloadSuccessful,
  alertmanagerConfigLastReloadSuccessTimestampSeconds,
  alertmanagerClusterEnabled,
  alertmanagerAlerts,
  alertmanagerAlertsReceivedTotal,
  alertmanagerAlertsInvalidTotal,
  alertmanagerSilences,
  alertmanagerNotificationsTotal,
  alertmanagerNotificationsFailedTotal,
  alertmanagerNotificationRequestsTotal,
  alertmanagerNotificationRequestsFailedTotal,
  alertmanagerNotificationLatencySeconds,
];
