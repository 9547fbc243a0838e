/** Layer 6, Database & Reporting: metrics of cdb_db_writer and the reports of cdb_paper_runner. */
import { metric } from '../../engine/catalog/metric';

/** Tables the writer persists to. */
export const DB_TABLES = ['market_snapshots', 'signals', 'risk_decisions', 'orders', 'fills', 'positions', 'reports'] as const;

/**
 * The tables that hold the paper trades themselves: a row lost there is a trade missing from the block's record,
 * however few rows the table gets. Their writes are sparse (one per order), so no volume-based alert sees them.
 */
export const TRADE_TABLES = ['orders', 'fills', 'positions'] as const satisfies ReadonlyArray<(typeof DB_TABLES)[number]>;

/**
 * `cdb_db_writes_total` is exposed for every table and status from the writer's start, at 0 before the first row:
 * a missing series is broken instrumentation, not a table without writes (the alerts on trade tables rely on it).
 */

export const dbWrites = metric({
  name: 'cdb_db_writes_total',
  type: 'counter',
  help: 'Rows written to PostgreSQL, by table and outcome.',
  unit: 'count',
  labels: ['table', 'status'],
  labelValues: { table: DB_TABLES, status: ['success', 'error'] },
  exposedBy: ['cdb_db_writer'],
});

export const dbWriteDuration = metric({
  name: 'cdb_db_write_duration_seconds',
  type: 'histogram',
  help: 'Time to write one batch to PostgreSQL, by table.',
  unit: 'seconds',
  labels: ['table'],
  labelValues: { table: DB_TABLES },
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  exposedBy: ['cdb_db_writer'],
});

export const dbWriterBacklog = metric({
  name: 'cdb_db_writer_backlog',
  type: 'gauge',
  help: 'Events consumed from the bus and not yet written to PostgreSQL.',
  unit: 'count',
  labels: [],
  exposedBy: ['cdb_db_writer'],
});

export const dbLastSuccessfulWriteTimestamp = metric({
  name: 'cdb_db_last_successful_write_timestamp_seconds',
  type: 'gauge',
  help: 'Time of the last successful write, by table, in seconds since the epoch.',
  unit: 'timestamp_seconds',
  labels: ['table'],
  labelValues: { table: DB_TABLES },
  exposedBy: ['cdb_db_writer'],
});

export const dbQueryDuration = metric({
  name: 'cdb_db_query_duration_seconds',
  type: 'histogram',
  help: 'Time of read queries against PostgreSQL (state recovery, reports), by query.',
  unit: 'seconds',
  labels: ['query'],
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  exposedBy: ['cdb_db_writer', 'cdb_paper_runner'],
});

export const reportsGenerated = metric({
  name: 'cdb_reports_generated_total',
  type: 'counter',
  help: 'Block reports generated, by report and outcome.',
  unit: 'count',
  labels: ['report', 'status'],
  labelValues: { report: ['hourly', 'daily', 'block'], status: ['success', 'error'] },
  exposedBy: ['cdb_paper_runner'],
});

export const lastReportTimestamp = metric({
  name: 'cdb_last_report_timestamp_seconds',
  type: 'gauge',
  help: 'Time the last report of each kind was generated, in seconds since the epoch.',
  unit: 'timestamp_seconds',
  labels: ['report'],
  labelValues: { report: ['hourly', 'daily', 'block'] },
  exposedBy: ['cdb_paper_runner'],
});

export const databaseMetrics = [
  dbWrites,
  dbWriteDuration,
  dbWriterBacklog,
  dbLastSuccessfulWriteTimestamp,
  dbQueryDuration,
  reportsGenerated,
  lastReportTimestamp,
];
