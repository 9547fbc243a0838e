/**
 * Prometheus 2.42 (Debian 12 package 2.42.0) self-metrics, scraped by the cdb_prometheus job.
 *
 * Names, types, HELP texts and labels must match the real exposition (checked against the running 2.42.0
 * binary); never rename them here. `rule_group` values are "<rule file path>;<group name>".
 */
import { metric } from '../../engine/catalog/metric';
import { PROMETHEUS_JOB } from './scrape';

const JOBS = [PROMETHEUS_JOB];

export const prometheusBuildInfo = metric({
  name: 'prometheus_build_info',
  type: 'info',
  help:
    "A metric with a constant '1' value labeled by version, revision, branch, goversion from which prometheus " +
    'was built, and the goos and goarch for the build.',
  unit: 'info',
  labels: ['branch', 'goarch', 'goos', 'goversion', 'revision', 'version'],
  exposedBy: JOBS,
});

export const prometheusReady = metric({
  name: 'prometheus_ready',
  type: 'gauge',
  help: 'Whether Prometheus startup was fully completed and the server is ready for normal operation.',
  unit: 'boolean',
  labels: [],
  exposedBy: JOBS,
});

export const prometheusConfigLastReloadSuccessful = metric({
  name: 'prometheus_config_last_reload_successful',
  type: 'gauge',
  help: 'Whether the last configuration reload attempt was successful.',
  unit: 'boolean',
  labels: [],
  exposedBy: JOBS,
});

export const prometheusConfigLastReloadSuccessTimestampSeconds = metric({
  name: 'prometheus_config_last_reload_success_timestamp_seconds',
  type: 'gauge',
  help: 'Timestamp of the last successful configuration reload.',
  unit: 'timestamp_seconds',
  labels: [],
  exposedBy: JOBS,
});

export const prometheusRuleEvaluationFailuresTotal = metric({
  name: 'prometheus_rule_evaluation_failures_total',
  type: 'counter',
  help: 'The total number of rule evaluation failures.',
  unit: 'count',
  labels: ['rule_group'],
  exposedBy: JOBS,
});

export const prometheusRuleEvaluationsTotal = metric({
  name: 'prometheus_rule_evaluations_total',
  type: 'counter',
  help: 'The total number of rule evaluations.',
  unit: 'count',
  labels: ['rule_group'],
  exposedBy: JOBS,
});

export const prometheusRuleGroupLastDurationSeconds = metric({
  name: 'prometheus_rule_group_last_duration_seconds',
  type: 'gauge',
  help: 'The duration of the last rule group evaluation.',
  unit: 'seconds',
  labels: ['rule_group'],
  exposedBy: JOBS,
});

export const prometheusRuleGroupIntervalSeconds = metric({
  name: 'prometheus_rule_group_interval_seconds',
  type: 'gauge',
  help: 'The interval of a rule group.',
  unit: 'seconds',
  labels: ['rule_group'],
  exposedBy: JOBS,
});

export const prometheusRuleGroupLastEvaluationTimestampSeconds = metric({
  name: 'prometheus_rule_group_last_evaluation_timestamp_seconds',
  type: 'gauge',
  help: 'The timestamp of the last rule group evaluation in seconds.',
  unit: 'timestamp_seconds',
  labels: ['rule_group'],
  exposedBy: JOBS,
});

export const prometheusRuleGroupIterationsMissedTotal = metric({
  name: 'prometheus_rule_group_iterations_missed_total',
  type: 'counter',
  help: 'The total number of rule group evaluations missed due to slow rule group evaluation.',
  unit: 'count',
  labels: ['rule_group'],
  exposedBy: JOBS,
});

export const prometheusRuleGroupIterationsTotal = metric({
  name: 'prometheus_rule_group_iterations_total',
  type: 'counter',
  help: 'The total number of scheduled rule group evaluations, whether executed or missed.',
  unit: 'count',
  labels: ['rule_group'],
  exposedBy: JOBS,
});

export const prometheusNotificationsDroppedTotal = metric({
  name: 'prometheus_notifications_dropped_total',
  type: 'counter',
  help: 'Total number of alerts dropped due to errors when sending to Alertmanager.',
  unit: 'count',
  labels: [],
  exposedBy: JOBS,
});

/** `alertmanager` is the push URL, e.g. http://cdb_alertmanager:9093/api/v2/alerts. */
export const prometheusNotificationsErrorsTotal = metric({
  name: 'prometheus_notifications_errors_total',
  type: 'counter',
  help: 'Total number of errors sending alert notifications.',
  unit: 'count',
  labels: ['alertmanager'],
  exposedBy: JOBS,
});

export const prometheusNotificationsSentTotal = metric({
  name: 'prometheus_notifications_sent_total',
  type: 'counter',
  help: 'Total number of alerts sent.',
  unit: 'count',
  labels: ['alertmanager'],
  exposedBy: JOBS,
});

export const prometheusNotificationsQueueLength = metric({
  name: 'prometheus_notifications_queue_length',
  type: 'gauge',
  help: 'The number of alert notifications in the queue.',
  unit: 'count',
  labels: [],
  exposedBy: JOBS,
});

export const prometheusNotificationsQueueCapacity = metric({
  name: 'prometheus_notifications_queue_capacity',
  type: 'gauge',
  help: 'The capacity of the alert notifications queue.',
  unit: 'count',
  labels: [],
  exposedBy: JOBS,
});

export const prometheusNotificationsAlertmanagersDiscovered = metric({
  name: 'prometheus_notifications_alertmanagers_discovered',
  type: 'gauge',
  help: 'The number of alertmanagers discovered and active.',
  unit: 'count',
  labels: [],
  exposedBy: JOBS,
});

/** `config` is the scrape job name (name="scrape") or the alerting config, e.g. "config-0" (name="notify"). */
export const prometheusSdDiscoveredTargets = metric({
  name: 'prometheus_sd_discovered_targets',
  type: 'gauge',
  help: 'Current number of discovered targets.',
  unit: 'count',
  labels: ['config', 'name'],
  labelValues: { name: ['scrape', 'notify'] },
  exposedBy: JOBS,
});

export const prometheusTargetScrapePoolsFailedTotal = metric({
  name: 'prometheus_target_scrape_pools_failed_total',
  type: 'counter',
  help: 'Total number of scrape pool creations that failed.',
  unit: 'count',
  labels: [],
  exposedBy: JOBS,
});

export const prometheusTargetScrapePoolReloadsFailedTotal = metric({
  name: 'prometheus_target_scrape_pool_reloads_failed_total',
  type: 'counter',
  help: 'Total number of failed scrape pool reloads.',
  unit: 'count',
  labels: [],
  exposedBy: JOBS,
});

/**
 * The oldest sample Prometheus holds: the Zero-Activity alerts judge once it is a window old, and fall back to the `up`
 * history of their job when it vanishes with the self-scrape.
 */
export const prometheusTsdbLowestTimestampSeconds = metric({
  name: 'prometheus_tsdb_lowest_timestamp_seconds',
  type: 'gauge',
  help: 'Lowest timestamp value stored in the database.',
  unit: 'timestamp_seconds',
  labels: [],
  exposedBy: JOBS,
});

export const prometheusTsdbHeadSeries = metric({
  name: 'prometheus_tsdb_head_series',
  type: 'gauge',
  help: 'Total number of series in the head block.',
  unit: 'count',
  labels: [],
  exposedBy: JOBS,
});

export const prometheusTsdbHeadSamplesAppendedTotal = metric({
  name: 'prometheus_tsdb_head_samples_appended_total',
  type: 'counter',
  help: 'Total number of appended samples.',
  unit: 'count',
  labels: ['type'],
  labelValues: { type: ['float', 'histogram'] },
  exposedBy: JOBS,
});

export const prometheusTsdbStorageBlocksBytes = metric({
  name: 'prometheus_tsdb_storage_blocks_bytes',
  type: 'gauge',
  help: 'The number of bytes that are currently used for local storage by all blocks.',
  unit: 'bytes',
  labels: [],
  exposedBy: JOBS,
});

/** 0 when no size-based retention is configured. */
export const prometheusTsdbRetentionLimitBytes = metric({
  name: 'prometheus_tsdb_retention_limit_bytes',
  type: 'gauge',
  help: 'Max number of bytes to be retained in the tsdb blocks, configured 0 means disabled',
  unit: 'bytes',
  labels: [],
  exposedBy: JOBS,
});

export const prometheusTsdbCompactionsFailedTotal = metric({
  name: 'prometheus_tsdb_compactions_failed_total',
  type: 'counter',
  help: 'Total number of compactions that failed for the partition.',
  unit: 'count',
  labels: [],
  exposedBy: JOBS,
});

export const prometheusTsdbReloadsFailuresTotal = metric({
  name: 'prometheus_tsdb_reloads_failures_total',
  type: 'counter',
  help: 'Number of times the database failed to reloadBlocks block data from disk.',
  unit: 'count',
  labels: [],
  exposedBy: JOBS,
});

export const prometheusTsdbWalCorruptionsTotal = metric({
  name: 'prometheus_tsdb_wal_corruptions_total',
  type: 'counter',
  help: 'Total number of WAL corruptions.',
  unit: 'count',
  labels: [],
  exposedBy: JOBS,
});

export const prometheusMetrics = [
  prometheusBuildInfo,
  prometheusTsdbLowestTimestampSeconds,
  prometheusReady,
  prometheusConfigLastReloadSuccessful,
  prometheusConfigLastReloadSuccessTimestampSeconds,
  prometheusRuleEvaluationFailuresTotal,
  prometheusRuleEvaluationsTotal,
  prometheusRuleGroupLastDurationSeconds,
  prometheusRuleGroupIntervalSeconds,
  prometheusRuleGroupLastEvaluationTimestampSeconds,
  prometheusRuleGroupIterationsMissedTotal,
  prometheusRuleGroupIterationsTotal,
  prometheusNotificationsDroppedTotal,
  prometheusNotificationsErrorsTotal,
  prometheusNotificationsSentTotal,
  prometheusNotificationsQueueLength,
  prometheusNotificationsQueueCapacity,
  prometheusNotificationsAlertmanagersDiscovered,
  prometheusSdDiscoveredTargets,
  prometheusTargetScrapePoolsFailedTotal,
  prometheusTargetScrapePoolReloadsFailedTotal,
  prometheusTsdbHeadSeries,
  prometheusTsdbHeadSamplesAppendedTotal,
  prometheusTsdbStorageBlocksBytes,
  prometheusTsdbRetentionLimitBytes,
  prometheusTsdbCompactionsFailedTotal,
  prometheusTsdbReloadsFailuresTotal,
  prometheusTsdbWalCorruptionsTotal,
];
