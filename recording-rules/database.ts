/** Layer 6, Database & Reporting: write rates and errors, latency buckets, connection use. */
import { recordingRule, ruleGroup } from '../engine/rules/recording-rule';
import { buckets, delta, div, increase, max, rate, select, sub, sum, time } from '../engine/promql';
import { dbLastSuccessfulWriteTimestamp, dbQueryDuration, dbWriteDuration, dbWrites, reportsGenerated } from '../catalog/cdb';
import { exporters } from '../catalog';

/** Rows written per second by table and outcome. */
export const writesRate = recordingRule('table_status:cdb_db_writes:rate5m', sum.by(['table', 'status'], rate(select(dbWrites).over('5m'))));

/** Share of writes that failed, per table: a small table failing completely must not hide behind busy ones. */
export const writeErrorRatio = recordingRule(
  'job_table:cdb_db_write_errors:ratio_rate5m',
  div(
    sum.by(['job', 'table'], rate(select(dbWrites, { status: 'error' }).over('5m'))),
    sum.by(['job', 'table'], rate(select(dbWrites).over('5m'))),
  ),
);

/** Write latency buckets per table. */
export const writeDurationBuckets = recordingRule(
  'table_le:cdb_db_write_duration_seconds_bucket:rate5m',
  sum.by(['table', 'le'], rate(buckets(dbWriteDuration).over('5m'))),
);

/** Read query latency buckets per query. */
export const queryDurationBuckets = recordingRule(
  'query_le:cdb_db_query_duration_seconds_bucket:rate5m',
  sum.by(['query', 'le'], rate(buckets(dbQueryDuration).over('5m'))),
);

/** Seconds since the last successful write, per table. */
export const lastWriteAge = recordingRule(
  'table:cdb_db_last_successful_write_age_seconds:min',
  sub(time(), max.by(['table'], select(dbLastSuccessfulWriteTimestamp))),
);

/** PostgreSQL connections in use as a share of max_connections. */
export const connectionsToMax = recordingRule(
  'job:pg_stat_database_numbackends:ratio_max_connections',
  div(sum.by(['job'], select(exporters.pgStatDatabaseNumbackends)), max.by(['job'], select(exporters.pgSettingsMaxConnections))),
);

/** Rows written in the last hour: the block review reads it hour by hour instead of the raw counter. */
export const writesLastHour = recordingRule('job:cdb_db_writes:increase1h', sum.by(['job'], increase(select(dbWrites).over('1h'))));

/** Reports generated in the last hour by report and outcome: panels read it instead of the raw counter. */
export const reportsLastHour = recordingRule(
  'report_status:cdb_reports_generated:increase1h',
  sum.by(['report', 'status'], increase(select(reportsGenerated).over('1h'))),
);

/** Reports generated per second by report and outcome. */
export const reportsRate = recordingRule(
  'report_status:cdb_reports_generated:rate5m',
  sum.by(['report', 'status'], rate(select(reportsGenerated).over('5m'))),
);

/** Growth of each database over the last hour, in bytes. */
export const databaseGrowthLastHour = recordingRule('datname:pg_database_size_bytes:delta1h', sum.by(['datname'], delta(select(exporters.pgDatabaseSizeBytes).over('1h'))));

export const databaseRules = ruleGroup({
  name: 'cdb-database-recording',
  file: 'database',
  source: import.meta.url,
  rules: [writesRate, writeErrorRatio, writeDurationBuckets, queryDurationBuckets, lastWriteAge, connectionsToMax, writesLastHour, reportsLastHour, reportsRate, databaseGrowthLastHour],
});
