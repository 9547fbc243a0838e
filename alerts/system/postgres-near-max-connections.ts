/**
 * CdbPostgresNearMaxConnections, as two rules of the same name: a warning at `warningRatio` and a critical at
 * `criticalRatio` of max_connections. The shared name is what the Alertmanager inhibition "a critical alert mutes
 * the warning of the same alert and service" matches on.
 */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at, firesAt } from '../../engine/rules/derive';
import { humanizePercentage } from '../../engine/rules/humanize';
import { gt, select } from '../../engine/promql';
import { exporters } from '../../catalog';
import { connectionsToMax } from '../../recording-rules/database';
import { DASHBOARD_IDS } from '../../dashboards/common';
import type { RunbookModel } from '../../engine/model/alerts';
import { cdbLabels, exporterTargetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';
import { countsAroundPair, percent } from './ratios';
import { gauge } from './simulate';
import { outage } from './outage';

export function cdbPostgresNearMaxConnections(settings: Settings): AlertModel[] {
  const { warningRatio, criticalRatio, for: pending } = settings.thresholds.CdbPostgresNearMaxConnections;
  const NAME = 'CdbPostgresNearMaxConnections';
  const pct = (r: number) => `${Math.round(r * 100)} %`;

  const toMax = select(connectionsToMax);
  const exporter = exporterTargetLabels('postgres');
  const SERVER = 'cdb_postgres:5432';

  /** max_connections is `total`, so k connections in use are k/total of it, just around the warning and the critical ratio. */
  const counts = countsAroundPair(warningRatio, criticalRatio);
  const MAX = counts.total;
  /** What the recording rule returns for `n` connections. */
  const share = (n: number) => n / MAX;
  /** The quiet count: just below the warning, or none (exactly at a warning of 0, which nothing is below). */
  const quiet = counts.belowWarning ?? 0;
  const o = outage(pending);
  /**
   * Backends of the CdB database and of the maintenance database (which holds one of them while any is open),
   * `[minute, connections in use]` from that minute on, through minute `through`, against max_connections.
   */
  const connections = (through: number, steps: ReadonlyArray<readonly [number, number]>) => [
    series(
      select(exporters.pgStatDatabaseNumbackends, { ...exporter, datid: '16384', datname: 'cdb', server: SERVER }),
      gauge(through, steps.map(([m, n]) => [m, Math.max(n - 1, 0)] as const)).notation,
    ),
    series(
      select(exporters.pgStatDatabaseNumbackends, { ...exporter, datid: '5', datname: 'postgres', server: SERVER }),
      gauge(through, steps.map(([m, n]) => [m, Math.min(n, 1)] as const)).notation,
    ),
    series(select(exporters.pgSettingsMaxConnections, { ...exporter, server: SERVER }), gauge(through, [[0, MAX]]).notation),
  ];
  /** `from` connections at minute 0 and `to` from minute 1 on, through the minute the alert fires. */
  const rising = (from: number, to: number) => connections(o.fires, [[0, from], [o.start, to]]);
  /** Above the warning from minute 1, above the critical from the minute the warning fires: the critical is pending until `criticalFires`. */
  const criticalFires = firesAt(o.fires, pending);

  const summary = 'PostgreSQL is running out of connections.';
  const description = (value: string, then: string) => `PostgreSQL has ${value} of max_connections in use: ${then}`;
  const WARNING_THEN = 'new connections, and so writes and reports, fail once it is full.';
  const CRITICAL_THEN = 'the next connection pools to grow will be refused and writes will fail.';
  const firing = (n: number, then: string) => [{ labels: { job: exporter.job }, description: description(humanizePercentage(share(n)), then) }];
  const asWarning = (alerts: ReturnType<typeof firing>) => alerts.map((f) => ({ ...f, severity: 'warning' as const }));

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
      scenario(`${counts.aboveWarning} of ${MAX} connections, just above the ${percent(warningRatio)} warning, fire the warning at minute ${o.fires}, after its ${pending} for`, {
        input: rising(quiet, counts.aboveWarning),
        at: at(o.fires),
        fires: firing(counts.aboveWarning, WARNING_THEN),
        proves: ['firing-minute', 'edge-above'],
      }),
      scenario(`the same ${counts.aboveWarning} of ${MAX} connections stay quiet one minute earlier, at minute ${o.before}`, {
        input: rising(quiet, counts.aboveWarning),
        at: at(o.before),
        fires: 'quiet',
        proves: ['pending'],
      }),
      scenario(
        `${quiet} of ${MAX} connections, ${counts.belowWarning === undefined ? 'exactly at' : 'just below'} the ${percent(warningRatio)} warning, stay quiet`,
        { input: connections(o.fires, [[0, quiet]]), at: at(o.fires), fires: 'quiet', proves: ['edge-below'] },
      ),
      // With `for: 0m` the critical fires the minute it holds: it is never pending.
      ...(criticalFires > o.fires
        ? [
            scenario(`the warning keeps firing at ${counts.aboveCritical} of ${MAX} connections while the critical is still pending, at minute ${criticalFires - 1}`, {
              input: connections(criticalFires - 1, [
                [0, quiet],
                [o.start, counts.aboveWarning],
                [o.fires, counts.aboveCritical],
              ]),
              at: at(criticalFires - 1),
              fires: firing(counts.aboveCritical, WARNING_THEN),
            }),
          ]
        : []),
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
      scenario(`${counts.aboveCritical} of ${MAX} connections, just above the ${percent(criticalRatio)} critical, fire the critical, and the warning it mutes, at minute ${o.fires}`, {
        input: rising(quiet, counts.aboveCritical),
        at: at(o.fires),
        fires: [...firing(counts.aboveCritical, CRITICAL_THEN), ...asWarning(firing(counts.aboveCritical, WARNING_THEN))],
        proves: ['firing-minute', 'edge-above'],
      }),
      scenario(`the same ${counts.aboveCritical} of ${MAX} connections stay quiet one minute earlier, at minute ${o.before}`, {
        input: rising(quiet, counts.aboveCritical),
        at: at(o.before),
        fires: 'quiet',
        proves: ['pending'],
      }),
      scenario(`${counts.belowCritical} of ${MAX} connections, just below the ${percent(criticalRatio)} critical, fire the warning alone`, {
        input: rising(quiet, counts.belowCritical),
        at: at(o.fires),
        fires: asWarning(firing(counts.belowCritical, WARNING_THEN)),
        proves: ['edge-below'],
      }),
    ],
  });
  return [cdbPostgresNearMaxConnectionsWarning, cdbPostgresNearMaxConnectionsCritical];
}
