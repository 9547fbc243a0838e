/**
 * CdbPostgresNearMaxConnections, as two rules of the same name: a warning at `warningRatio` and a critical at
 * `criticalRatio` of max_connections. The shared name is what the Alertmanager inhibition "a critical alert mutes
 * the warning of the same alert and service" matches on.
 */
import { alert, scenario, series } from '../../engine/rules/alert';
import { gt, select } from '../../engine/promql';
import { exporters } from '../../catalog';
import { connectionsToMax } from '../../recording-rules/database';
import { DASHBOARD_IDS } from '../../dashboards/common';
import type { RunbookModel } from '../../engine/model/alerts';
import { cdbLabels, exporterTargetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbPostgresNearMaxConnections(settings: Settings): AlertModel[] {
  const { warningRatio, criticalRatio, for: pending } = settings.thresholds.CdbPostgresNearMaxConnections;
  const NAME = 'CdbPostgresNearMaxConnections';
  const pct = (r: number) => `${Math.round(r * 100)} %`;

  const toMax = select(connectionsToMax);
  const exporter = exporterTargetLabels('postgres');
  const SERVER = 'cdb_postgres:5432';
  /** Backends of the CdB database and of the maintenance database, against max_connections = 100. */
  const connections = (cdb: string, postgres = '1x60') => [
    series(select(exporters.pgStatDatabaseNumbackends, { ...exporter, datid: '16384', datname: 'cdb', server: SERVER }), cdb),
    series(select(exporters.pgStatDatabaseNumbackends, { ...exporter, datid: '5', datname: 'postgres', server: SERVER }), postgres),
    series(select(exporters.pgSettingsMaxConnections, { ...exporter, server: SERVER }), '100x60'),
  ];

  const summary = 'PostgreSQL is running out of connections.';
  const description = (value: string, then: string) => `PostgreSQL has ${value} of max_connections in use: ${then}`;
  const WARNING_THEN = 'new connections, and so writes and reports, fail once it is full.';
  const CRITICAL_THEN = 'the next connection pools to grow will be refused and writes will fail.';
  const firing = (value: string, then: string) => [{ labels: { job: exporter.job }, description: description(value, then) }];

  const runbook: RunbookModel = {
    meaning: `Connections to cdb_postgres (pg_stat_database_numbackends over all databases) have been above ${pct(warningRatio)} (warning) or ${pct(criticalRatio)} (critical) of \`max_connections\` for ${pending} (\`job:pg_stat_database_numbackends:ratio_max_connections\`).`,
    impact:
      'At max_connections PostgreSQL refuses new connections: cdb_db_writer cannot open its pool after a restart, cdb_paper_runner cannot write the block report, and writes fail (CdbDbWriteErrors). Records of the block are lost from that moment.',
    diagnose: [
      'Open the system dashboard, "PostgreSQL connections used", and the database dashboard for connections by database.',
      'See who holds them: `docker exec cdb_postgres psql -U postgres -c "select usename, application_name, state, count(*) from pg_stat_activity group by 1, 2, 3 order by 4 desc"`.',
      'Many `idle` connections from one service mean a pool that is too large or a leak (connections opened per event and never closed); many `idle in transaction` mean a stuck transaction (`pg_stat_activity_max_tx_duration`).',
    ],
    mitigate: [
      'Restart the service that leaks connections (usually cdb_db_writer or cdb_paper_runner); its connections are released at once.',
      'Terminate stuck sessions: `select pg_terminate_backend(pid) from pg_stat_activity where state = \'idle in transaction\' and xact_start < now() - interval \'10 minutes\'`.',
      'Size the services\' pools below max_connections together, or raise max_connections (a PostgreSQL restart, so between blocks).',
    ],
  };

  const cdbPostgresNearMaxConnectionsWarning = alert({
    name: NAME,
    expr: gt(toMax, warningRatio),
    for: pending,
    severity: 'warning',
    labels: cdbLabels('system', 'cdb_postgres'),
    summary,
    description: description('{{ $value | humanizePercentage }}', WARNING_THEN),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'PostgreSQL connections used' },
    runbook,
    source: import.meta.url,
    scenarios: [
      scenario('85 of 100 connections in use for the for duration fires the warning', {
        input: connections('84x60'),
        at: '10m',
        fires: firing('85%', WARNING_THEN),
      }),
      scenario('70 of 100 connections in use stays quiet', { input: connections('69x60'), at: '30m', fires: 'quiet' }),
      scenario('85 connections for less than the for duration stay quiet', { input: connections('50x10 84x50'), at: '14m', fires: 'quiet' }),
      scenario('the warning keeps firing while the critical is still pending', {
        input: connections('84x20 96x40'),
        at: '23m',
        fires: firing('97%', WARNING_THEN),
      }),
    ],
  });

  const cdbPostgresNearMaxConnectionsCritical = alert({
    name: NAME,
    expr: gt(toMax, criticalRatio),
    for: pending,
    severity: 'critical',
    labels: cdbLabels('system', 'cdb_postgres'),
    summary,
    description: description('{{ $value | humanizePercentage }}', CRITICAL_THEN),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'PostgreSQL connections used' },
    runbook,
    source: import.meta.url,
    scenarios: [
      scenario('97 of 100 connections in use for the for duration fires the critical, and the warning it mutes', {
        input: connections('96x60'),
        at: '10m',
        fires: [...firing('97%', CRITICAL_THEN), ...firing('97%', WARNING_THEN).map((f) => ({ ...f, severity: 'warning' as const }))],
      }),
      scenario('97 connections for less than the for duration stay quiet', { input: connections('50x10 96x50'), at: '14m', fires: 'quiet' }),
      scenario('few connections stay quiet', { input: connections('9x60'), at: '30m', fires: 'quiet' }),
    ],
  });
  return [cdbPostgresNearMaxConnectionsWarning, cdbPostgresNearMaxConnectionsCritical];
}
