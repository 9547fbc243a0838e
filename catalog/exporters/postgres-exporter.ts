/**
 * prometheus-postgres-exporter 0.11 (Debian 12 package 0.11.1) watching cdb_postgres (PostgreSQL 15).
 *
 * Names, types, HELP texts and labels must match the real exposition (checked against the running 0.11.1
 * binary); never rename them here. HELP texts are quoted as exposed (long ones shortened).
 * Series read from the database carry `server` (host:port); pg_stat_database_* also `datid` and `datname`.
 *
 * pg_stat_database_xact_commit, pg_stat_database_xact_rollback and pg_stat_database_deadlocks are real
 * counters whose names do not end in `_total`; pg_stat_activity_max_tx_duration is in seconds without a
 * `_seconds` suffix. They are declared as exposed.
 */
import { EXPORTER_JOBS } from '../../config/services';
import { metric } from '../../engine/catalog/metric';

const JOBS = [EXPORTER_JOBS.postgres.job];

/** 0 when the exporter cannot connect to PostgreSQL (the exporter itself is then still `up`). */
export const pgUp = metric({
  name: 'pg_up',
  type: 'gauge',
  help:
    'Whether the last scrape of metrics from PostgreSQL was able to connect to the server (1 for yes, 0 for no).',
  unit: 'boolean',
  labels: [],
  exposedBy: JOBS,
});

export const pgExporterLastScrapeError = metric({
  name: 'pg_exporter_last_scrape_error',
  type: 'gauge',
  help: 'Whether the last scrape of metrics from PostgreSQL resulted in an error (1 for error, 0 for success).',
  unit: 'boolean',
  labels: [],
  exposedBy: JOBS,
});

export const pgStatDatabaseNumbackends = metric({
  name: 'pg_stat_database_numbackends',
  type: 'gauge',
  help: 'Number of backends currently connected to this database.',
  unit: 'count',
  labels: ['datid', 'datname', 'server'],
  exposedBy: JOBS,
});

/** A counter without `_total`, as exposed. */
export const pgStatDatabaseXactCommit = metric({
  name: 'pg_stat_database_xact_commit',
  type: 'counter',
  help: 'Number of transactions in this database that have been committed',
  unit: 'count',
  labels: ['datid', 'datname', 'server'],
  exposedBy: JOBS,
  namingException: 'postgres_exporter 0.11 exposes this counter without the _total suffix.',
});

/** A counter without `_total`, as exposed. */
export const pgStatDatabaseXactRollback = metric({
  name: 'pg_stat_database_xact_rollback',
  type: 'counter',
  help: 'Number of transactions in this database that have been rolled back',
  unit: 'count',
  labels: ['datid', 'datname', 'server'],
  exposedBy: JOBS,
  namingException: 'postgres_exporter 0.11 exposes this counter without the _total suffix.',
});

/** A counter without `_total`, as exposed. */
export const pgStatDatabaseDeadlocks = metric({
  name: 'pg_stat_database_deadlocks',
  type: 'counter',
  help: 'Number of deadlocks detected in this database',
  unit: 'count',
  labels: ['datid', 'datname', 'server'],
  exposedBy: JOBS,
  namingException: 'postgres_exporter 0.11 exposes this counter without the _total suffix.',
});

export const pgSettingsMaxConnections = metric({
  name: 'pg_settings_max_connections',
  type: 'gauge',
  help: 'Sets the maximum number of concurrent connections.',
  unit: 'count',
  labels: ['server'],
  exposedBy: JOBS,
});

export const pgDatabaseSizeBytes = metric({
  name: 'pg_database_size_bytes',
  type: 'gauge',
  help: 'Disk space used by the database',
  unit: 'bytes',
  labels: ['datname', 'server'],
  exposedBy: JOBS,
});

/** Values of pg_stat_activity.state, as the exporter enumerates them (every state is always exposed). */
const ACTIVITY_STATES = [
  'active',
  'disabled',
  'fastpath function call',
  'idle',
  'idle in transaction',
  'idle in transaction (aborted)',
];

export const pgStatActivityCount = metric({
  name: 'pg_stat_activity_count',
  type: 'gauge',
  help: 'number of connections in this state',
  unit: 'count',
  labels: ['datname', 'server', 'state'],
  labelValues: { state: ACTIVITY_STATES },
  exposedBy: JOBS,
});

/** In seconds, though the name has no `_seconds` suffix. */
export const pgStatActivityMaxTxDuration = metric({
  name: 'pg_stat_activity_max_tx_duration',
  type: 'gauge',
  help: 'max duration in seconds any active transaction has been running',
  unit: 'seconds',
  labels: ['datname', 'server', 'state'],
  labelValues: { state: ACTIVITY_STATES },
  exposedBy: JOBS,
  namingException: 'postgres_exporter 0.11 names this gauge in seconds without the _seconds suffix.',
});

/**
 * Not built into 0.11: it comes from the `pg_postmaster` query of the packaged example queries.yaml
 * (/usr/share/doc/prometheus-postgres-exporter/examples/queries.yaml), which the exporter must be given with
 * --extend.query-path.
 */
export const pgPostmasterStartTimeSeconds = metric({
  name: 'pg_postmaster_start_time_seconds',
  type: 'gauge',
  help: 'Time at which postmaster started',
  unit: 'timestamp_seconds',
  labels: ['server'],
  exposedBy: JOBS,
});

export const postgresExporterMetrics = [
  pgUp,
  pgExporterLastScrapeError,
  pgStatDatabaseNumbackends,
  pgStatDatabaseXactCommit,
  pgStatDatabaseXactRollback,
  pgStatDatabaseDeadlocks,
  pgSettingsMaxConnections,
  pgDatabaseSizeBytes,
  pgStatActivityCount,
  pgStatActivityMaxTxDuration,
  pgPostmasterStartTimeSeconds,
];
