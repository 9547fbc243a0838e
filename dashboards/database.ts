/** Layer 6 dashboard: is everything that happens persisted, is PostgreSQL keeping up, are the reports produced. */
import { dashboard, labelValuesVariable, row } from '../engine/dashboards/dashboard';
import { barGauge, query, stat, thresholds, warnThenFail, timeseries } from '../engine/dashboards/panels';
import { histogramQuantile, increase, matchesRegex, max, rate, select, sub, sum, time } from '../engine/promql';
import { exporters } from '../catalog';
import { dbWriterBacklog, dbWrites, lastReportTimestamp } from '../catalog/cdb';
import {
  connectionsToMax,
  lastWriteAge,
  queryDurationBuckets,
  writeDurationBuckets,
  writeErrorRatio,
  writesRate,
  reportsLastHour,
  reportsRate,
  databaseGrowthLastHour,
} from '../recording-rules/database';
import { ageStat, DASHBOARD_IDS, FOLDERS, layerTags, layerTitle, countOverRange, upDownStat, zeroActivitySeconds } from './common';
import type { Settings } from '../config/settings';
import type { DashboardModel } from '../engine/model/dashboard';

export function databaseDashboard(settings: Settings): DashboardModel {
  /** The `$table` variable: restricts the per-table panels to the chosen tables. */
  const TABLE_VARIABLE = 'table';
  const SELECTED_TABLES = { table: matchesRegex(`$${TABLE_VARIABLE}`) };

  /** Write error ratio: orange where CdbDbWriteErrors fires; five times that loses data on every table. */
  const WRITE_ERROR_RATIO_WARN = settings.thresholds.CdbDbWriteErrors.ratio;
  const WRITE_ERROR_RATIO_BAD = 5 * WRITE_ERROR_RATIO_WARN;

  /** Failed rows per second that turn the error graph red: one failed row in a 5-minute rate is 0.0033/s, above it. */
  const WRITE_ERRORS_PER_SECOND_BAD = 0.001;

  /** Writer backlog in events: a tenth of CdbDbWriterBacklogGrowing's minimum is a burst; the minimum means the writer no longer keeps up. */
  const BACKLOG_BAD = settings.thresholds.CdbDbWriterBacklogGrowing.minBacklog;
  const BACKLOG_WARN = BACKLOG_BAD / 10;

  /**
   * Age of the last successful write per table. market_snapshots and signals are written every few seconds, while
   * orders, fills and positions only change with trades; one threshold set must suit both, so orange is an hour and
   * red the Zero-Activity Incident.
   */
  const WRITE_AGE_WARN_SECONDS = 3600;

  /** Batch write and read query latency, in seconds. */
  const WRITE_LATENCY_WARN_SECONDS = 0.5;
  const WRITE_LATENCY_BAD_SECONDS = 2;
  const QUERY_LATENCY_WARN_SECONDS = 1;
  const QUERY_LATENCY_BAD_SECONDS = 5;

  /** Longest open transaction: minutes-long transactions hold locks and stop vacuum. */
  const LONG_TRANSACTION_WARN_SECONDS = 60;
  const LONG_TRANSACTION_BAD_SECONDS = 300;

  const HOUR = 3600;
  /** Red on the write ages: the paper-trade Zero-Activity window, as orders and fills are written only with trades. */
  const ZERO_ACTIVITY_SECONDS = zeroActivitySeconds(settings).trades;

  /** Expected report cadence: hourly and daily reports, and the block report once per 72-hour block. */
  const REPORT_AGES = [
    { report: 'hourly', title: 'Time since last hourly report', warnAfter: 1.5 * HOUR, failAfter: 3 * HOUR },
    { report: 'daily', title: 'Time since last daily report', warnAfter: 25 * HOUR, failAfter: 48 * HOUR },
    { report: 'block', title: 'Time since last block report', warnAfter: 73 * HOUR, failAfter: 96 * HOUR },
  ] as const;

  const writes = row('Writes', [
    timeseries({
      title: 'Writes by table and status',
      description: 'Rows written to PostgreSQL per second, by table and outcome (5-minute rate). A table dropping to zero while its layer is active means its events are no longer persisted.',
      unit: 'ops',
      width: 8,
      queries: [query(select(writesRate, SELECTED_TABLES), '{{table}} · {{status}}')],
    }),
    timeseries({
      title: 'Write errors by table',
      description: 'Rows per second whose write failed, by table (5-minute rate). Anything above zero is data the block review will miss.',
      unit: 'ops',
      width: 8,
      queries: [query(select(writesRate, { ...SELECTED_TABLES, status: 'error' }), '{{table}}')],
      thresholds: thresholds('green', [WRITE_ERRORS_PER_SECOND_BAD, 'red']),
      thresholdsStyle: 'dashed',
    }),
    timeseries({
      title: 'Write error ratio',
      description: `Share of all writes that failed (5-minute rates). Above ${WRITE_ERROR_RATIO_WARN * 100} % look at the writer logs; above ${WRITE_ERROR_RATIO_BAD * 100} % the block's record is incomplete.`,
      unit: 'percentunit',
      width: 8,
      min: 0,
      queries: [query(select(writeErrorRatio), '{{table}}')],
      thresholds: warnThenFail('green', WRITE_ERROR_RATIO_WARN, WRITE_ERROR_RATIO_BAD),
      thresholdsStyle: 'dashed',
    }),
  ]);

  const writer = row('Writer', [
    timeseries({
      title: 'Writer backlog',
      description: `Events consumed from the bus and not yet written. Steady growth means cdb_db_writer falls behind; above ${BACKLOG_BAD} events a crash would lose them.`,
      unit: 'short',
      width: 12,
      min: 0,
      queries: [query(select(dbWriterBacklog), '{{instance}}')],
      thresholds: warnThenFail('green', BACKLOG_WARN, BACKLOG_BAD),
      thresholdsStyle: 'dashed',
    }),
    barGauge({
      title: 'Time since last successful write by table',
      description: `Time since each table was last written successfully. Busy tables (market_snapshots, signals) should show seconds; trade tables may be hours old. Red at ${ZERO_ACTIVITY_SECONDS / HOUR} hours: nothing reaches that table.`,
      unit: 's',
      width: 12,
      queries: [query(select(lastWriteAge, SELECTED_TABLES), '{{table}}')],
      thresholds: warnThenFail('green', WRITE_AGE_WARN_SECONDS, ZERO_ACTIVITY_SECONDS),
    }),
  ]);

  const latency = row('Latency', [
    timeseries({
      title: 'Write latency p99 by table',
      description: `99th percentile of the time to write one batch, by table (5-minute rates). Above ${WRITE_LATENCY_WARN_SECONDS} s the writer backlog starts to grow; above ${WRITE_LATENCY_BAD_SECONDS} s PostgreSQL is struggling.`,
      unit: 's',
      width: 12,
      queries: [query(histogramQuantile(0.99, select(writeDurationBuckets, SELECTED_TABLES)), '{{table}}')],
      thresholds: warnThenFail('green', WRITE_LATENCY_WARN_SECONDS, WRITE_LATENCY_BAD_SECONDS),
      thresholdsStyle: 'dashed',
    }),
    timeseries({
      title: 'Query latency p99 by query',
      description: `99th percentile of read queries (state recovery, reports), by query (5-minute rates). Above ${QUERY_LATENCY_BAD_SECONDS} s recovery after a restart and report generation become slow.`,
      unit: 's',
      width: 12,
      queries: [query(histogramQuantile(0.99, select(queryDurationBuckets)), '{{query}}')],
      thresholds: warnThenFail('green', QUERY_LATENCY_WARN_SECONDS, QUERY_LATENCY_BAD_SECONDS),
      thresholdsStyle: 'dashed',
    }),
  ]);

  const postgres = row('PostgreSQL', [
    upDownStat({
      title: 'PostgreSQL reachable',
      description: 'Whether postgres_exporter can connect to PostgreSQL. DOWN: every write fails and the panels below go stale.',
      expr: select(exporters.pgUp),
    }),
    stat({
      title: 'Connections used of max',
      description: 'Connections in use as a share of max_connections. At 100 % new connections, and so writes and reports, fail.',
      unit: 'percentunit',
      width: 6,
      queries: [select(connectionsToMax)],
      thresholds: warnThenFail('green', 0.8, 0.9),
    }),
    stat({
      title: 'Deadlocks in range',
      description: 'Deadlocks PostgreSQL detected over the selected time range. Any deadlock aborted a transaction; writes of that batch may be lost.',
      unit: 'short',
      width: 6,
      colorMode: 'background',
      queries: [sum(increase(select(exporters.pgStatDatabaseDeadlocks).over('$__range')))],
      thresholds: thresholds('green', [1, 'red']),
    }),
    stat({
      title: 'Longest open transaction',
      description: `Age of the longest-running transaction. Above ${LONG_TRANSACTION_WARN_SECONDS} s it holds locks that block writes; above ${LONG_TRANSACTION_BAD_SECONDS} s it also stops vacuum and the database bloats.`,
      unit: 's',
      width: 6,
      queries: [max(select(exporters.pgStatActivityMaxTxDuration))],
      thresholds: warnThenFail('green', LONG_TRANSACTION_WARN_SECONDS, LONG_TRANSACTION_BAD_SECONDS),
    }),
    timeseries({
      title: 'Connections vs max_connections',
      description: 'Backends connected to PostgreSQL, by database, against the max_connections setting. Connections climbing towards the limit mean a service leaks connections.',
      unit: 'short',
      width: 12,
      min: 0,
      queries: [
        query(sum.by(['datname'], select(exporters.pgStatDatabaseNumbackends)), '{{datname}}'),
        query(max(select(exporters.pgSettingsMaxConnections)), 'max_connections'),
      ],
    }),
    timeseries({
      title: 'Transactions by database',
      description: 'Transactions per second committed and rolled back, by database. Rollbacks rising against commits mean writes are failing and being retried.',
      unit: 'ops',
      width: 12,
      queries: [
        query(sum.by(['datname'], rate(select(exporters.pgStatDatabaseXactCommit).over('$__rate_interval'))), '{{datname}} commit'),
        query(sum.by(['datname'], rate(select(exporters.pgStatDatabaseXactRollback).over('$__rate_interval'))), '{{datname}} rollback'),
      ],
    }),
  ]);

  const size = row('Database size', [
    timeseries({
      title: 'Database size',
      description: 'Disk space used by each database. It grows through a block; compare with the free disk space on the System dashboard to see whether the block can finish.',
      unit: 'bytes',
      width: 12,
      queries: [query(sum.by(['datname'], select(exporters.pgDatabaseSizeBytes)), '{{datname}}')],
      links: [{ title: 'Disk space (System)', dashboard: DASHBOARD_IDS.system }],
    }),
    timeseries({
      title: 'Database growth per hour',
      description: 'Bytes each database grew over the preceding hour. A jump means a table receives far more rows than usual (a loop, a retry storm); negative values follow a vacuum or a cleanup.',
      unit: 'bytes',
      width: 12,
      queries: [query(select(databaseGrowthLastHour), '{{datname}}')],
    }),
  ]);

  const reports = row('Reports', [
    ...REPORT_AGES.map((r) =>
      ageStat({
        title: r.title,
        description: `Time since the last ${r.report} report was generated. Orange after ${r.warnAfter / HOUR} hours, red after ${r.failAfter / HOUR} hours: the report is overdue. No data: it was never generated since the runner started.`,
        expr: sub(time(), max(select(lastReportTimestamp, { report: r.report }))),
        warnAfter: r.warnAfter,
        failAfter: r.failAfter,
      }),
    ),
    stat({
      title: 'Report failures in range',
      description: 'Reports whose generation failed over the selected time range. Any failure means a block review will lack data.',
      unit: 'short',
      width: 6,
      colorMode: 'background',
      queries: [sum(countOverRange(reportsRate, { status: 'error' }))],
      thresholds: thresholds('green', [1, 'red']),
    }),
    timeseries({
      title: 'Reports generated by report and status',
      description: 'Reports generated over the preceding hour, by report and outcome. An hourly report line below 1, or any error line above 0, means reports go missing.',
      unit: 'short',
      width: 24,
      queries: [query(select(reportsLastHour), '{{report}} · {{status}}')],
    }),
  ]);

  return dashboard({
    id: DASHBOARD_IDS.database,
    title: layerTitle('database'),
    description:
      'Layer 6: rows written and write errors, writer backlog, time since the last write per table, write and query latency, PostgreSQL connections, transactions, deadlocks and size, and the hourly, daily and block reports.',
    folder: FOLDERS.layers,
    tags: layerTags('database'),
    rows: [writes, writer, latency, postgres, size, reports],
    variables: [labelValuesVariable({ name: TABLE_VARIABLE, label: 'Table', series: select(dbWrites), labelName: 'table' })],
    source: import.meta.url,
  });
}
