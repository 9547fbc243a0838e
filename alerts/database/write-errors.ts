/** CdbDbWriteErrors: cdb_db_writer fails to persist a share of the rows it writes. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { and, ge, gt, increase, select, sum } from '../../engine/promql';
import { dbWrites } from '../../catalog/cdb';
import { writeErrorRatio } from '../../recording-rules/database';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbDbWriteErrors(settings: Settings): AlertModel {
  const { ratio, minWrites5m, for: pending } = settings.thresholds.CdbDbWriteErrors;
  const writer = targetLabels('cdb_db_writer');

  /** Rows of `table` written with `status`, `perMinute` every minute for `minutes` minutes. */
  const writes = (table: string, status: 'success' | 'error', perMinute: number, minutes = 40) =>
    series(select(dbWrites, { ...writer, table, status }), `0+${perMinute}x${minutes}`);

  const description = (table: string, share: string) => `${share} of the rows written to table ${table} failed over the last 5 minutes.`;

  const cdbDbWriteErrors = alert({
    name: 'CdbDbWriteErrors',
    expr: and(gt(select(writeErrorRatio), ratio), ge(sum.by(['job', 'table'], increase(select(dbWrites).over('5m'))), minWrites5m), { on: ['job', 'table'] }),
    for: pending,
    severity: 'warning',
    labels: cdbLabels('database', 'cdb_db_writer'),
    summary: 'Writes to PostgreSQL are failing.',
    description: description('{{ $labels.table }}', '{{ $value | humanizePercentage }}'),
    dashboard: { dashboard: DASHBOARD_IDS.database, panel: 'Write error ratio' },
    runbook: {
      meaning: `More than ${ratio * 100} % of the rows cdb_db_writer tried to write to one table failed (5-minute rates, per table, once the table had ${minWrites5m} writes in 5 minutes), for ${pending}. Per table, so a small trade table failing completely is not hidden by the busy market-data tables. A single failed batch around a restart stays below the \`for\`.`,
      impact:
        'Every failed row is an event of the block (a market snapshot, signal, risk decision, order or fill) that is not in PostgreSQL: the block report and the block review work from an incomplete record, and a restart that recovers state from the database recovers the wrong positions.',
      diagnose: [
        'Open the database dashboard, panel "Write errors by table": one table failing points at its schema or its data (a migration, a constraint, an oversized value); all tables failing points at PostgreSQL itself.',
        'Query the failing tables: `table_status:cdb_db_writes:rate5m{status="error"}`.',
        'Check PostgreSQL: `pg_up` (CdbPostgresDown), connections against the limit (`job:pg_stat_database_numbackends:ratio_max_connections`, panel "Connections used of max"), deadlocks ("Deadlocks in range") and the longest open transaction (locks that make writes time out).',
        'Read the error messages in the writer logs: `docker logs cdb_db_writer --since 30m | grep -i error`; compare the first error with the last deploy or migration.',
        'Check the disk of the PostgreSQL volume on the system dashboard ("Disk space free"): a full disk makes every write fail.',
      ],
      mitigate: [
        'PostgreSQL down, out of connections or out of disk: fix that first (see its own alert); the writer retries what is still in its backlog.',
        'One table failing after a deploy or migration: roll back the cdb_db_writer image or the migration.',
        'Watch CdbDbWriterBacklogGrowing meanwhile: rows the writer gave up on are lost, rows still in the backlog are not.',
        'Record the period and tables affected in the block log; if a trade table (orders, fills, positions) lost rows, the block review must say so.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario('5 % of rows failing fire', {
        input: [writes('market_snapshots', 'success', 95), writes('market_snapshots', 'error', 5)],
        at: '30m',
        fires: [{ labels: { job: 'cdb_db_writer', table: 'market_snapshots' }, description: description('market_snapshots', '5%') }],
      }),
      scenario('every write failing fires at 100 %', {
        input: [
          writes('market_snapshots', 'success', 0),
          writes('market_snapshots', 'error', 60),
          writes('signals', 'success', 0),
          writes('signals', 'error', 40),
        ],
        at: '30m',
        fires: [
          { labels: { job: 'cdb_db_writer', table: 'market_snapshots' }, description: description('market_snapshots', '100%') },
          { labels: { job: 'cdb_db_writer', table: 'signals' }, description: description('signals', '100%') },
        ],
      }),
      scenario('a small table failing is not hidden by a busy one', {
        input: [writes('market_snapshots', 'success', 900), writes('orders', 'success', 91), writes('orders', 'error', 9)],
        at: '30m',
        fires: [{ labels: { job: 'cdb_db_writer', table: 'orders' }, description: description('orders', '9%') }],
      }),
      scenario('0.9 % of a table failing, just under the threshold, stays quiet', {
        input: [writes('orders', 'success', 991), writes('orders', 'error', 9)],
        at: '30m',
        fires: 'quiet',
      }),
      scenario('a table with too few writes to judge stays quiet', {
        input: [writes('fills', 'success', 1), writes('fills', 'error', 1)],
        at: '30m',
        fires: 'quiet',
      }),
      scenario('a single failed batch at a restart raises no alarm', {
        input: [
          writes('market_snapshots', 'success', 100),
          series(select(dbWrites, { ...writer, table: 'market_snapshots', status: 'error' }), '0x9 50x30'),
        ],
        at: '14m',
        fires: 'quiet',
      }),
      scenario('an idle writer (no rows at all, 0/0) stays quiet', {
        input: [writes('market_snapshots', 'success', 0), writes('market_snapshots', 'error', 0)],
        at: '30m',
        fires: 'quiet',
      }),
    ],
  });
  return cdbDbWriteErrors;
}
