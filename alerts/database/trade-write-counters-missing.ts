/** CdbTradeWriteCountersMissing: the writer is scraped but a trade table's write counter is gone, so its lost rows cannot be seen. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { absent, and, eq, or, select, type InstantVector } from '../../engine/promql';
import { dbWrites, TRADE_TABLES } from '../../catalog/cdb';
import { exporters } from '../../catalog';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel, AlertScenarioModel, ScenarioClass } from '../../engine/model/alerts';
import { at, minutesOf } from '../../engine/rules/derive';
import { firingMinutes, firstFiring, instantAt, linear, promtoolValues, type Samples } from './scenario-model';

const STATUSES = ['success', 'error'] as const;
type Status = (typeof STATUSES)[number];

export function cdbTradeWriteCountersMissing(settings: Settings): AlertModel {
  const { for: pending } = settings.thresholds.CdbTradeWriteCountersMissing;
  const writer = 'cdb_db_writer' as const;
  const description = (table: string, status: string) =>
    `cdb_db_writer is scraped but exposes no ${status} counter for trade table ${table}: rows lost in that table cannot be seen.`;
  const missing = TRADE_TABLES.flatMap((table) => STATUSES.map((status): InstantVector<string> => absent(select(dbWrites, { job: writer, table, status })))).reduce((a, b) =>
    or(a, b),
  );

  return alert({
    name: 'CdbTradeWriteCountersMissing',
    // Only while the writer answers its scrapes: a writer that is down is CdbTargetDown's page, not a second one.
    expr: and(missing, eq(select(exporters.up, { job: writer }), 1), { on: [] }),
    for: pending,
    severity: 'critical',
    labels: cdbLabels('database', writer),
    summary: 'A trade table\'s write counter is missing: lost trade rows would go unseen.',
    description: description('{{ $labels.table }}', '{{ $labels.status }}'),
    dashboard: { dashboard: DASHBOARD_IDS.database, panel: 'Writes by table and status' },
    runbook: {
      meaning: `\`cdb_db_writes_total\` has no series for one trade table (${TRADE_TABLES.join(', ')}) and status (success or error), for ${pending}, while Prometheus scrapes cdb_db_writer (\`up == 1\`). The writer exposes every table and status from its start, at 0 before the first row (the catalog's contract): a missing one means the instrumentation changed (a renamed table or status, a counter no longer registered). CdbTradeRowsLost reads these counters: without the error counter it cannot see a failed trade row, and the database SLO cannot either.`,
      impact: 'Trade rows could be failing right now with no alert: the block\'s record of orders, fills and positions is unwatched until the counter is back.',
      diagnose: [
        'Open the database dashboard, panel "Writes by table and status": which table or status has no line?',
        'Read the writer\'s metrics: `curl -s cdb_db_writer:8005/metrics | grep cdb_db_writes_total`; compare the table and status values with the catalog (`generated/docs/metrics.md`).',
        'Check the last deploy of cdb_db_writer for a change in table names or in how it registers its counters.',
      ],
      mitigate: [
        'Restore the counter under its catalog name and labels (initialise every table and status at 0 on start) and deploy the writer; if a table was renamed on purpose, change the catalog with it.',
        'Until then, check the trade tables by hand in PostgreSQL (row counts of the block) and record the unwatched period in the block log.',
      ],
    },
    source: import.meta.url,
    scenarios: tradeWriteCountersMissingScenarios(settings, description),
  });
}

/**
 * The scenarios of CdbTradeWriteCountersMissing, every number derived from the settings: the orders error counter
 * vanishing while the writer is scraped (the loss that would blind CdbTradeRowsLost), with the minute it fires once
 * the 5-minute lookback and `for` have passed, computed by the model of promtool's evaluation; a writer exposing every
 * counter, and a writer that is down, stay quiet.
 */
function tradeWriteCountersMissingScenarios(settings: Settings, description: (table: string, status: string) => string): AlertScenarioModel[] {
  const { for: pending } = settings.thresholds.CdbTradeWriteCountersMissing;
  const writer = targetLabels('cdb_db_writer');
  const horizon = Math.ceil(minutesOf(pending)) + 20;
  type Counters = Readonly<Partial<Record<`${string}/${Status}`, Samples>>>;
  const key = (table: string, status: Status) => `${table}/${status}` as const;
  const missingAt = (counters: Counters, minute: number) =>
    TRADE_TABLES.flatMap((table) => STATUSES.map((status) => ({ table, status }))).filter(({ table, status }) => {
      const s = counters[key(table, status)];
      return !s || instantAt(s, minute) === undefined;
    });
  const holds = (counters: Counters, up: Samples) => (minute: number) => instantAt(up, minute) === 1 && missingAt(counters, minute).length > 0;

  /** A scenario at `minute`, expected to fire for the missing counters or stay quiet; the model must agree. */
  function prove(name: string, counters: Counters, up: Samples, minute: number, fires: boolean, proves: readonly ScenarioClass[], guards?: readonly string[]): AlertScenarioModel {
    if (firingMinutes(holds(counters, up), pending, minute)[minute] !== fires) {
      throw new Error(`CdbTradeWriteCountersMissing, scenario "${name}": the model of promtool has it ${fires ? 'quiet' : 'firing'} at minute ${minute}`);
    }
    const cut = (s: Samples) => promtoolValues(s.slice(0, minute + 1));
    return scenario(name, {
      input: [
        series(select(exporters.up, writer), cut(up)),
        ...Object.entries(counters).map(([k, s]) => {
          const [table, status] = k.split('/');
          return series(select(dbWrites, { ...writer, table, status }), cut(s!));
        }),
      ],
      at: at(minute),
      fires: fires ? missingAt(counters, minute).map(({ table, status }) => ({ labels: { job: writer.job, table, status }, description: description(table, status) })) : 'quiet',
      proves,
      ...(guards ? { guards } : {}),
    });
  }

  const all: Record<string, Samples> = {};
  for (const table of TRADE_TABLES) for (const status of STATUSES) all[key(table, status)] = linear(0, status === 'success' ? 1 : 0, horizon);
  // The orders error counter is exposed until minute 1, then no more.
  const errorGone: Counters = { ...all, [key('orders', 'error')]: [0, 0] };
  const up = linear(1, 0, horizon);
  const fires = firstFiring(holds(errorGone, up), pending, horizon);
  if (fires === undefined) throw new Error(`CdbTradeWriteCountersMissing: the model of promtool finds no firing minute within ${horizon} minutes`);
  const down = linear(0, 0, horizon);
  return [
    prove(
      `the orders error counter vanishing after minute 1 while the writer is scraped fires at minute ${fires}, where CdbTradeRowsLost would be blind`,
      errorGone,
      up,
      fires,
      true,
      ['firing-minute', 'evidence-loss'],
      ['CdbTradeRowsLost'],
    ),
    prove(`the orders error counter vanishing after minute 1 stays quiet at minute ${fires - 1}, one evaluation before it fires`, errorGone, up, fires - 1, false, ['pending']),
    prove(`every trade table's counters exposed stay quiet at minute ${fires}`, all, up, fires, false, []),
    prove(`a writer that is down, its counters gone, stays quiet at minute ${fires} (CdbTargetDown pages for it)`, {}, down, fires, false, []),
  ];
}
