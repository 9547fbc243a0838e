/** CdbDbWriterBacklogGrowing: cdb_db_writer no longer keeps up with the events on the bus. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { and, deriv, gt, select } from '../../engine/promql';
import { dbWriterBacklog } from '../../catalog/cdb';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbDbWriterBacklogGrowing(settings: Settings): AlertModel {
  const { minBacklog, window, for: pending } = settings.thresholds.CdbDbWriterBacklogGrowing;
  const writer = targetLabels('cdb_db_writer');
  const backlog = (values: string) => series(select(dbWriterBacklog, writer), values);

  const description = (service: string, instance: string, events: string) =>
    `${service} on ${instance} has ${events} events waiting to be written to PostgreSQL, and the backlog is still growing.`;

  const cdbDbWriterBacklogGrowing = alert({
    name: 'CdbDbWriterBacklogGrowing',
    // The series carries job, instance and service itself: no static service label.
    expr: and(gt(select(dbWriterBacklog), minBacklog), gt(deriv(select(dbWriterBacklog).over(window)), 0)),
    for: pending,
    severity: 'warning',
    labels: cdbLabels('database'),
    summary: 'The database writer falls further behind the events it has to persist.',
    description: description('{{ $labels.service }}', '{{ $labels.instance }}', '{{ $value | humanize }}'),
    dashboard: { dashboard: DASHBOARD_IDS.database, panel: 'Writer backlog' },
    runbook: {
      meaning: `More than ${minBacklog} events consumed from the bus are waiting to be written, and the backlog has grown over the last ${window} (positive slope), for ${pending}: events arrive faster than cdb_db_writer persists them. A large backlog that drains, or holds steady, does not fire.`,
      impact:
        'The events in the backlog live only in the writer\'s memory: a crash, an OOM kill or a restart loses them, and the block record gets a hole. The longer it grows, the more memory the writer uses, the closer that crash comes, and the further behind the database-backed dashboards and reports fall.',
      diagnose: [
        'Open the database dashboard, row "Writer": the backlog, and the write rate per table ("Writes by table and status"). Did writes slow down, or did input speed up?',
        'Writes slower: check "Write latency p99 by table" (`histogram_quantile(0.99, table_le:cdb_db_write_duration_seconds_bucket:rate5m)`) and PostgreSQL (connections, locks, "Longest open transaction", deadlocks). Write errors that are retried also slow the writer down: CdbDbWriteErrors.',
        'Input faster: compare `sum by (topic) (rate(cdb_bus_messages_consumed_total{service="cdb_db_writer"}[5m]))` with its usual level; a volatile market or more screened symbols (`cdb_screener_symbols`) multiply the market_snapshots rows.',
        'Check CPU throttling and memory of the cdb_db_writer container on the system dashboard (`name:container_memory_working_set_bytes:ratio_limit{name="cdb_db_writer"}`): memory climbing with the backlog means a crash is coming.',
      ],
      mitigate: [
        'PostgreSQL slow or locked: end the blocking transaction (`pg_stat_activity`), and fix the cause of slow writes first; the backlog drains once writes are faster than input.',
        'Writer CPU-bound: raise its CPU limit or its batch size, so fewer round trips carry the same rows.',
        'Memory near the limit: raise the memory limit before the OOM killer empties the backlog; do not restart the writer while the backlog is large unless it is about to die anyway.',
        'If events were lost, record the period in the block log.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario('a backlog growing past the minimum fires', {
        input: [backlog('0+50x60')],
        at: '60m',
        fires: [{ labels: writer, description: description(writer.service, writer.instance, '3k') }],
      }),
      scenario('a large backlog that drains stays quiet', { input: [backlog('5000-50x60')], at: '60m', fires: 'quiet' }),
      scenario('a large backlog that holds steady stays quiet', { input: [backlog('2000x60')], at: '60m', fires: 'quiet' }),
      scenario('a growing backlog under the minimum stays quiet', { input: [backlog('0+15x60')], at: '60m', fires: 'quiet' }),
      scenario('a backlog over the minimum for 9 minutes stays quiet while the for runs', {
        input: [backlog('0+100x20')],
        at: '20m',
        fires: 'quiet',
      }),
    ],
  });
  return cdbDbWriterBacklogGrowing;
}
