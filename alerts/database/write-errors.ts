/** CdbDbWriteErrors: cdb_db_writer fails to persist a share of the rows it writes. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { and, ge, gt, increase, select, sum } from '../../engine/promql';
import { dbWrites } from '../../catalog/cdb';
import { writeErrorRatio } from '../../recording-rules/database';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel, AlertScenarioModel, ScenarioClass } from '../../engine/model/alerts';
import { at, countsAround, countsAroundMinimum, firesAt, minutesOf } from '../../engine/rules/derive';
import { humanizePercentage } from '../../engine/rules/humanize';
import { durationSeconds } from '../../engine/promql/duration';
import { evenCounter, firingAt, firstFiring, increaseAt, linear, percent, promtoolValues, rateAt, type Samples } from './scenario-model';

export function cdbDbWriteErrors(settings: Settings): AlertModel {
  const { ratio, minWrites5m, for: pending } = settings.thresholds.CdbDbWriteErrors;
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
    scenarios: writeErrorsScenarios(settings, description),
  });
  return cdbDbWriteErrors;
}

/** A table's two write counters (either may be absent), sampled once a minute from minute 0. */
interface Table {
  readonly success?: Samples;
  readonly error?: Samples;
}

/**
 * The scenarios of CdbDbWriteErrors, every number derived from the settings: rows failing just over and just under
 * `ratio` (countsAround), rows just at and just under `minWrites5m` in every 5 minutes, and the minute each fires
 * computed by the model of promtool's evaluation (the condition holds from minute 1, the first with a rate, and
 * fires once it has held for `for`). The model checks every scenario's expectation before it is written.
 */
function writeErrorsScenarios(settings: Settings, description: (table: string, share: string) => string): AlertScenarioModel[] {
  const { ratio, minWrites5m, for: pending } = settings.thresholds.CdbDbWriteErrors;
  const writer = targetLabels('cdb_db_writer');

  /** What the alert expression returns for a table at `minute`: its error ratio when both sides of the `and` hold. */
  function alertValue(table: Table, minute: number, minimum = minWrites5m): number | undefined {
    const counters = [table.error, table.success].filter((s): s is Samples => s !== undefined);
    const rates = counters.map((s) => rateAt(s, minute, '5m')).filter((r): r is number => r !== undefined);
    const increases = counters.map((s) => increaseAt(s, minute, '5m')).filter((r): r is number => r !== undefined);
    const errors = table.error && rateAt(table.error, minute, '5m');
    if (errors === undefined || rates.length === 0 || increases.length === 0) return undefined;
    const share = errors / rates.reduce((a, b) => a + b);
    return share > ratio && increases.reduce((a, b) => a + b) >= minimum ? share : undefined;
  }
  const holds = (table: Table, minimum = minWrites5m) => (minute: number) => alertValue(table, minute, minimum) !== undefined;
  /** Enough minutes to see any of these scenarios fire. */
  const horizon = Math.ceil(minutesOf(pending)) + 20;

  /** A scenario at minute `minute`, whose expected alerts (the tables in `firing`) the model must agree with. */
  function prove(name: string, tables: Readonly<Record<string, Table>>, minute: number, firing: readonly string[], proves?: readonly ScenarioClass[]): AlertScenarioModel {
    const modelled = Object.keys(tables).filter((t) => firingAt(holds(tables[t]!), pending, minute));
    if (modelled.join() !== firing.join()) {
      throw new Error(`CdbDbWriteErrors, scenario "${name}": the model of promtool has [${modelled.join(', ')}] firing at minute ${minute}, the scenario expects [${firing.join(', ')}]`);
    }
    const cut = (s: Samples | undefined) => s?.slice(0, minute + 1);
    return scenario(name, {
      input: Object.entries(tables).flatMap(([table, t]) =>
        (['success', 'error'] as const).flatMap((status) => {
          const samples = cut(t[status]);
          return samples ? [series(select(dbWrites, { ...writer, table, status }), promtoolValues(samples))] : [];
        }),
      ),
      at: at(minute),
      fires:
        firing.length === 0
          ? 'quiet'
          : firing.map((table) => ({ labels: { job: writer.job, table }, description: description(table, humanizePercentage(alertValue(tables[table]!, minute)!)) })),
      ...(proves ? { proves } : {}),
    });
  }

  const { total, above, below } = countsAround(ratio);
  // Rows a minute, scaled so that one minute of them meets the minimum: the condition then holds from minute 1.
  const scale = Math.max(1, Math.ceil(minWrites5m / total));
  const rowsPerMinute = total * scale;
  /** A table writing `rowsPerMinute` rows a minute of which `errors / total` fail, for `minutes` minutes. */
  const failing = (errors: number, minutes = horizon): Table => ({
    success: linear(0, (total - errors) * scale, minutes),
    error: linear(0, errors * scale, minutes),
  });
  const fires = firesAt(1, pending);
  const threshold = percent(ratio);
  const scenarios: AlertScenarioModel[] = [
    prove(
      `${percent(above / total)} of the rows failing, just over the ${threshold} threshold, fire at minute ${fires}`,
      { market_snapshots: failing(above) },
      fires,
      ['market_snapshots'],
      ['firing-minute', 'edge-above'],
    ),
    prove(`${percent(above / total)} of the rows failing stay quiet at minute ${fires - 1}, one evaluation before they fire`, { market_snapshots: failing(above) }, fires - 1, [], [
      'pending',
    ]),
  ];
  // Nothing is below a ratio of 0: with a threshold of 0 any failed row counts, and this scenario cannot exist.
  if (below !== undefined) {
    scenarios.push(
      prove(`${percent(below / total)} of the rows failing, just under the ${threshold} threshold, stay quiet at minute ${fires}`, { market_snapshots: failing(below) }, fires, [], [
        'edge-below',
      ]),
    );
  }

  const allFailing = (perMinute: number): Table => ({ success: linear(0, 0, horizon), error: linear(0, Math.max(perMinute, minWrites5m), horizon) });
  scenarios.push(
    prove(`every row of two tables failing fires for both at 100 % at minute ${fires}`, { market_snapshots: allFailing(60), signals: allFailing(40) }, fires, [
      'market_snapshots',
      'signals',
    ]),
  );

  // A busy table without errors that would dilute the small one's failures under the threshold if the ratio were not
  // per table: nine times the rows, or more when the threshold needs it.
  const busy = ratio > 0 ? Math.max(9 * rowsPerMinute, Math.ceil((2 * above * scale) / ratio - rowsPerMinute)) : 9 * rowsPerMinute;
  const overall = (above * scale) / (rowsPerMinute + busy);
  scenarios.push(
    prove(
      ratio > 0
        ? `orders failing at ${percent(above / total)} fire alone at minute ${fires}, although all tables together fail at ${percent(overall)}, under the ${threshold} threshold`
        : `orders failing at ${percent(above / total)} fire alone at minute ${fires}, while market_snapshots writes ${busy} rows a minute without an error`,
      { market_snapshots: { success: linear(0, busy, horizon), error: linear(0, 0, horizon) }, orders: failing(above) },
      fires,
      ['orders'],
    ),
  );

  // The minimum of writes, at its edge: a table failing completely with exactly `minWrites5m` rows in every 5 minutes
  // fires; with one row fewer (when that is still a row) it is too small to judge.
  const { enough, tooFew } = countsAroundMinimum(minWrites5m);
  const rows = (n: number) => `${n} row${n === 1 ? '' : 's'}`;
  const sparse = (rows: number): Table => ({ success: linear(0, 0, horizon), error: evenCounter(rows, 5, horizon) });
  const firesWithMinimum = firstFiring(holds(sparse(enough)), pending, horizon)!;
  scenarios.push(
    prove(`fills with ${rows(enough)} in every 5 minutes, the minimum, all failing, fire at minute ${firesWithMinimum}`, { fills: sparse(enough) }, firesWithMinimum, ['fills'], [
      'edge-above',
    ]),
  );
  if (tooFew !== undefined) {
    // Quiet at the minute it would fire if its row count were the minimum: then the minimum alone holds it back.
    const wouldFire = Math.max(firesWithMinimum, firstFiring(holds(sparse(tooFew), tooFew), pending, horizon)!);
    scenarios.push(
      prove(`fills with ${rows(tooFew)} in every 5 minutes, one under the minimum, all failing, stay quiet at minute ${wouldFire}`, { fills: sparse(tooFew) }, wouldFire, [], [
        'edge-below',
      ]),
    );
  }

  // A single failed batch stays in the 5-minute rate window for 5 evaluations (minutes 5 to 9 here), pending for 4
  // minutes: it raises no alarm only when `for` is longer than that. With a shorter `for` it fires, as it should.
  if (durationSeconds(pending) > 4 * 60) {
    // At least as many rows as 5 minutes of successful writes (half the rows fail), and over the threshold.
    const success = (total - above) * scale;
    const batch = Math.max(5 * above * scale, 5 * success);
    const error = [...linear(0, 0, 4), ...linear(batch, 0, 5)];
    scenarios.push(
      prove(
        `a single failed batch of ${batch} rows at minute 5 (${percent(batch / (batch + 5 * success))} of 5 minutes' rows) stays pending until it leaves the rate window: no alarm`,
        { market_snapshots: { success: linear(0, success, 9), error } },
        9,
        [],
      ),
    );
  }

  scenarios.push(
    prove(`an idle writer (no rows at all, 0/0) stays quiet at minute ${fires}`, { market_snapshots: { success: linear(0, 0, fires), error: linear(0, 0, fires) } }, fires, []),
  );
  return scenarios;
}
