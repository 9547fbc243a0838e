/** CdbPostgresDown: postgres_exporter cannot reach PostgreSQL. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at } from '../../engine/rules/derive';
import { eq, select } from '../../engine/promql';
import { exporters } from '../../catalog';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, exporterTargetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';
import { outage } from './outage';

export function cdbPostgresDown(settings: Settings): AlertModel {
  const { for: pending } = settings.thresholds.CdbPostgresDown;
  const exporter = exporterTargetLabels('postgres');
  const pgUp = (values: string) => series(select(exporters.pgUp, exporter), values);
  const description = (instance: string) =>
    `${instance} cannot connect to PostgreSQL: orders, fills, signals and reports of the block are not being stored.`;
  const firing = [{ labels: exporter, description: description(exporter.instance) }];
  const o = outage(pending);

  const cdbPostgresDown = alert({
    name: 'CdbPostgresDown',
    expr: eq(select(exporters.pgUp), 0),
    for: pending,
    severity: 'critical',
    labels: cdbLabels('system'),
    summary: 'PostgreSQL is unreachable.',
    description: description('{{ $labels.instance }}'),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'PostgreSQL' },
    runbook: {
      meaning: `postgres_exporter is scraped fine but has reported \`pg_up\` 0 for ${pending}: it cannot connect to cdb_postgres (server down, refusing connections, or wrong credentials). (If the exporter itself is down, CdbTargetDown fires for postgres_exporter instead; if it is up but reports no \`pg_up\` at all, CdbExporterMetricsMissing.)`,
      impact:
        'cdb_db_writer cannot persist anything: orders, fills, signals and the block reports pile up in its backlog or are lost, and the block review will have holes. Paper trading itself may go on, but without a record it proves nothing. CdbPostgresNearMaxConnections is muted while this fires.',
      diagnose: [
        'Open the system dashboard, "PostgreSQL", and the database dashboard for the writer backlog and write errors.',
        '`docker ps -a --filter name=cdb_postgres` and `docker logs --tail 200 cdb_postgres`: a crash, "No space left on device" (see CdbDiskWillFillBeforeBlockEnds), a recovery in progress after an unclean stop, or "too many connections".',
        '`docker exec cdb_postgres pg_isready`: accepting connections means PostgreSQL is fine and the exporter\'s DSN or password is wrong; check `docker logs cdb_postgres_exporter`.',
      ],
      mitigate: [
        'If the disk is full, free space first (container logs, old dumps); PostgreSQL will not start otherwise.',
        'Restart PostgreSQL (`docker restart cdb_postgres`) and wait for recovery to finish; then check that cdb_db_writer drains its backlog.',
        'Record the outage window in the block log: anything the writer dropped is missing from the block review.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario(`PostgreSQL unreachable from minute ${o.start} fires at minute ${o.fires}, after its ${pending} for`, {
        input: [pgUp(o.values(1, 0))],
        at: at(o.fires),
        fires: firing,
        proves: ['firing-minute'],
      }),
      scenario(`the same outage stays quiet one minute earlier, at minute ${o.before}`, { input: [pgUp(o.values(1, 0))], at: at(o.before), fires: 'quiet', proves: ['pending'] }),
      scenario('a reachable PostgreSQL stays quiet', { input: [pgUp(o.steady(1))], at: at(o.fires), fires: 'quiet' }),
    ],
  });
  return cdbPostgresDown;
}
