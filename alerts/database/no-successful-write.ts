/** CdbDbNoSuccessfulWrite: nothing reaches PostgreSQL any more. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { absentOverTime, gt, min, mul, or, select, type Duration } from '../../engine/promql';
import { dbLastSuccessfulWriteTimestamp } from '../../catalog/cdb';
import { exporters } from '../../catalog';
import { lastWriteAge } from '../../recording-rules/database';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbDbNoSuccessfulWrite(settings: Settings): AlertModel {
  const { maxAgeSeconds, for: pending } = settings.thresholds.CdbDbNoSuccessfulWrite;
  /** The threshold as a range-selector window, in minutes when it is a whole number of them. */
  const maxAge: Duration = maxAgeSeconds % 60 === 0 ? `${maxAgeSeconds / 60}m` : `${maxAgeSeconds}s`;
  const writer = targetLabels('cdb_db_writer');
  /** The last-successful-write timestamp of `table`, in promtool notation (scenarios start at the epoch: value = time). */
  const lastWrite = (table: string, values: string) => series(select(dbLastSuccessfulWriteTimestamp, { ...writer, table }), values);
  const writerUp = series(select(exporters.up, writer), '1x60');

  const description = (age: string) =>
    `No table has had a successful write for ${age}. When the write timestamps have vanished, this shows ${maxAgeSeconds / 60} minutes, the least it can be.`;

  const cdbDbNoSuccessfulWrite = alert({
    name: 'CdbDbNoSuccessfulWrite',
    /**
     * The age of the freshest table, over the threshold; or, when no table's timestamp has been exposed for the
     * whole threshold, the threshold itself (a lower bound of the real age). See the runbook's meaning.
     */
    expr: or(
      gt(min(select(lastWriteAge)), maxAgeSeconds),
      mul(absentOverTime(select(dbLastSuccessfulWriteTimestamp).over(maxAge)), maxAgeSeconds),
    ),
    for: pending,
    severity: 'critical',
    labels: cdbLabels('database', 'cdb_db_writer'),
    summary: 'Nothing has been written to PostgreSQL for too long.',
    description: description('{{ $value | humanizeDuration }}'),
    dashboard: { dashboard: DASHBOARD_IDS.database, panel: 'Time since last successful write by table' },
    runbook: {
      meaning: `Even the most recently written table is more than ${maxAgeSeconds / 60} minutes old (\`min(table:cdb_db_last_successful_write_age_seconds:min)\`), for ${pending}: market_snapshots and signals are normally written every few seconds, so nothing is being persisted. It also fires when \`cdb_db_last_successful_write_timestamp_seconds\` has had no sample at all for ${maxAgeSeconds / 60} minutes: a writer that exposes no write time cannot prove it writes, and a vanished metric must not silence a critical alert. A writer restart hides the timestamps only until its first write, seconds later, well within that window. When the writer is not scraped at all, CdbTargetDown fires too and Alertmanager silences this alert while it lasts (same service).`,
      impact:
        'Every event of the block since the last write exists only in the writer\'s memory or is lost: no record of signals, risk decisions, orders or fills for the block review, reports built on stale data, and a restart of any service that recovers state from PostgreSQL recovers old positions. The block cannot be evaluated for the period.',
      diagnose: [
        'Open the database dashboard, panel "Time since last successful write by table": every table old means the writer or PostgreSQL; no data at all means the metric vanished.',
        'Is the writer up and scraped? `up{job="cdb_db_writer"}`, its health endpoint (`probe_success{service="cdb_db_writer"}`), and `cdb_db_last_successful_write_timestamp_seconds` in its /metrics output.',
        'Is PostgreSQL reachable? `pg_up`, and from the writer\'s side `cdb_service_dependency_up{service="cdb_db_writer", dependency="postgres"}`. Are writes failing rather than absent? `table_status:cdb_db_writes:rate5m` with status="error" (CdbDbWriteErrors).',
        'Does the writer receive anything? `sum by (topic) (rate(cdb_bus_messages_consumed_total{service="cdb_db_writer"}[5m]))` near zero while `topic:cdb_bus_messages_published:rate5m` is not means it lost its subscriptions (CdbRedisPubSubChannelsGone); publishing near zero too means market data stopped upstream (CdbMarketDataStale).',
        'Is the writer stuck? A backlog that grows (panel "Writer backlog") while nothing is written means it consumes but cannot write: read `docker logs cdb_db_writer --since 30m`.',
      ],
      mitigate: [
        'PostgreSQL down or full: restore it first (CdbPostgresDown, disk on the system dashboard); the writer resumes on its own.',
        'Writer hung with a large backlog: try to let it drain (fix PostgreSQL); restart it only if it does not recover, knowing its backlog is lost.',
        'Writer lost its bus subscription: restart cdb_db_writer; it resubscribes.',
        'Record the gap in the block log with its start and end; a block with a persistence gap is reviewed before the next one starts.',
      ],
    },
    source: import.meta.url,
    // promtool evaluates the recording-rule group and the alert group of a test in random order, so the alert sees the
    // write age of this evaluation or of the previous one. The age of stopped writes grows by 60 s per evaluation,
    // which would make the rendered description flaky; the age-based firing scenario therefore uses timestamps that
    // stay a constant age behind, and stopped writes are checked where both orders agree.
    scenarios: [
      scenario('every table\'s newest write stays 25 minutes old past the for duration', {
        input: [writerUp, lastWrite('market_snapshots', '-1500+60x40'), lastWrite('signals', '-1800+60x40')],
        at: '30m',
        fires: [{ labels: {}, description: description('25m 0s') }],
      }),
      scenario('a newest write exactly the threshold old stays quiet', {
        input: [writerUp, lastWrite('market_snapshots', `-${maxAgeSeconds}+60x40`)],
        at: '30m',
        fires: 'quiet',
      }),
      scenario('writes that stopped 19 minutes ago stay quiet while the for runs', {
        input: [writerUp, lastWrite('market_snapshots', '0+60x10 600x50'), lastWrite('signals', '0+60x10 600x50')],
        at: '29m',
        fires: 'quiet',
      }),
      scenario('a table without trades stays quiet while others are written', {
        input: [writerUp, lastWrite('market_snapshots', '0+60x60'), lastWrite('orders', '0x60')],
        at: '60m',
        fires: 'quiet',
      }),
      scenario('the write timestamps vanish while the writer is still scraped', {
        input: [writerUp, lastWrite('market_snapshots', '0+60x10')],
        at: '35m',
        fires: [{ labels: {}, description: description('15m 0s') }],
      }),
      scenario('a writer restart that hides the timestamps for 10 minutes raises no alarm', {
        input: [writerUp, lastWrite('market_snapshots', '0+60x10 _x10 1260+60x30')],
        at: '20m',
        fires: 'quiet',
      }),
    ],
  });
  return cdbDbNoSuccessfulWrite;
}
