/** CdbTradeRowsLost: a trade table's writes fail and none succeeds, however few rows it gets. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { gt, increase, matchesRegex, select, sum, unless } from '../../engine/promql';
import { dbWrites, TRADE_TABLES } from '../../catalog/cdb';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel, AlertScenarioModel, ScenarioClass } from '../../engine/model/alerts';
import { at, durationWords, firesAt, minutesOf } from '../../engine/rules/derive';
import { durationSeconds } from '../../engine/promql/duration';
import { firingMinutes, firstFiring, increaseAt, linear, promtoolValues, type Samples } from './scenario-model';

/** The trade tables as one regex matcher. */
export const tradeTables = { table: matchesRegex(TRADE_TABLES.join('|')) };

export function cdbTradeRowsLost(settings: Settings): AlertModel {
  const { window, for: pending } = settings.thresholds.CdbTradeRowsLost;
  const description = (table: string) =>
    `Writes to trade table ${table} failed in the last ${durationWords(window)} and not one succeeded: its rows are not reaching PostgreSQL.`;
  const rowsIn = (status: 'success' | 'error') => sum.by(['job', 'table'], increase(select(dbWrites, { ...tradeTables, status }).over(window)));

  return alert({
    name: 'CdbTradeRowsLost',
    /**
     * Failed rows of a trade table in the window, unless a row of the same table succeeded in it. No minimum of
     * rows: a trade table gets a row per order, and one lost order is a hole in the block's record. A success
     * counter that is missing counts as no success.
     */
    expr: unless(gt(rowsIn('error'), 0), gt(rowsIn('success'), 0), { on: ['job', 'table'] }),
    for: pending,
    severity: 'critical',
    labels: cdbLabels('database', 'cdb_db_writer'),
    summary: 'Trade rows are failing to reach PostgreSQL: paper trades are missing from the record.',
    description: description('{{ $labels.table }}'),
    dashboard: { dashboard: DASHBOARD_IDS.database, panel: 'Write errors by table' },
    runbook: {
      meaning: `A trade table (${TRADE_TABLES.join(', ')}) had failed writes within the last ${window} and not one successful write in it, for ${pending}: whatever is written to it fails. It counts no volume: one order every few minutes, all failing, fires as surely as a thousand (CdbDbWriteErrors needs a minimum of writes in 5 minutes, CdbDbNoSuccessfulWrite looks at the freshest table, and the database SLO averages over every table, so a busy market_snapshots table hides a broken trade table from all three). A failed row retried successfully within ${pending} does not fire. A missing success counter counts as no success; missing counters of a trade table fire CdbTradeWriteCountersMissing.`,
      impact:
        'Every order, fill or position change of the period is missing from PostgreSQL: the block review, the PnL and the reports are computed without those trades, and a restart that recovers positions from the database recovers the wrong ones. The paper-trading evidence of the block has a hole.',
      diagnose: [
        'Open the database dashboard, panel "Write errors by table": which trade table fails, since when, and do the other tables still write?',
        'Read the writer\'s errors for that table: `docker logs cdb_db_writer --since 1h | grep -i <table>`: a constraint, a schema mismatch after a migration, an oversized or invalid value.',
        'Compare the table schema with the writer\'s version: `\\d <table>` in psql, and the last migration or deploy of cdb_db_writer.',
        'Check PostgreSQL for locks on the table (`pg_locks` joined with `pg_stat_activity`), and the panel "Longest open transaction": writes that time out fail too.',
      ],
      mitigate: [
        'A migration or deploy broke the table: roll it back, then let the writer retry what is still in its backlog.',
        'Locks: end the blocking transaction.',
        'Record the period and the trades affected in the block log; recover the missing trades from cdb_execution\'s logs before the block review, or mark the block as incomplete.',
      ],
    },
    source: import.meta.url,
    scenarios: tradeRowsLostScenarios(settings, description),
  });
}

/** A table's two write counters (either may be missing), sampled once a minute from minute 0. */
export interface TradeTable {
  readonly success?: Samples;
  readonly error?: Samples;
}

/**
 * The scenarios of CdbTradeRowsLost, every number derived from the settings: a trade table whose sparse writes all
 * fail while market_snapshots writes hundreds of rows a minute, the minute it fires once its last success has left the
 * window and `for` has passed, a failed row retried successfully, and the same failure on a non-trade table, each
 * checked against the model of promtool's evaluation (`increase` over the window) before it is written.
 */
function tradeRowsLostScenarios(settings: Settings, description: (table: string) => string): AlertScenarioModel[] {
  const { window, for: pending } = settings.thresholds.CdbTradeRowsLost;
  const writer = targetLabels('cdb_db_writer');
  const windowMinutes = Math.ceil(minutesOf(window));
  const isTrade = (table: string) => (TRADE_TABLES as readonly string[]).includes(table);
  const grew = (s: Samples | undefined, minute: number) => (s ? (increaseAt(s, minute, window) ?? 0) > 0 : false);
  const holds = (t: TradeTable) => (minute: number) => grew(t.error, minute) && !grew(t.success, minute);

  /** A scenario at `minute`, whose firing tables the model must agree with. */
  function prove(name: string, tables: Readonly<Record<string, TradeTable>>, minute: number, firing: readonly string[], proves?: readonly ScenarioClass[]): AlertScenarioModel {
    const modelled = Object.keys(tables).filter((t) => isTrade(t) && firingMinutes(holds(tables[t]!), pending, minute)[minute]);
    if (modelled.join() !== firing.join()) {
      throw new Error(`CdbTradeRowsLost, scenario "${name}": the model of promtool has [${modelled.join(', ')}] firing at minute ${minute}, the scenario expects [${firing.join(', ')}]`);
    }
    return scenario(name, {
      input: Object.entries(tables).flatMap(([table, t]) =>
        (['success', 'error'] as const).flatMap((status) => {
          const samples = t[status]?.slice(0, minute + 1);
          return samples ? [series(select(dbWrites, { ...writer, table, status }), promtoolValues(samples))] : [];
        }),
      ),
      at: at(minute),
      fires: firing.length === 0 ? 'quiet' : firing.map((table) => ({ labels: { job: writer.job, table }, description: description(table) })),
      ...(proves ? { proves } : {}),
    });
  }

  // Orders written one row every `gap` minutes, so that the window always holds a failed row once they fail: two
  // successful rows, then only failures from minute 3·gap.
  const gap = Math.max(1, Math.floor((windowMinutes - 1) / 2));
  const failFrom = 3 * gap;
  const horizon = failFrom + windowMinutes + Math.ceil(minutesOf(pending)) + 10;
  /** A counter gaining one row at every multiple of `gap` in [from, to). */
  const rowsEvery = (from: number, to: number) => {
    const out = [0];
    for (let m = 1; m <= horizon; m++) out.push(out[m - 1]! + (m >= from && m < to && m % gap === 0 ? 1 : 0));
    return out;
  };
  const busy = { success: linear(0, 600, horizon), error: linear(0, 0, horizon) };
  const ordersFailing: TradeTable = { success: rowsEvery(1, failFrom), error: rowsEvery(failFrom, horizon + 1) };
  const fires = firstFiring(holds(ordersFailing), pending, horizon);
  if (fires === undefined) throw new Error(`CdbTradeRowsLost: the model of promtool finds no firing minute within ${horizon} minutes`);
  const withBusy = { market_snapshots: busy, orders: ordersFailing };
  const every = gap === 1 ? 'every minute' : `every ${gap} minutes`;

  const scenarios = [
    prove(
      `orders written one row ${every}, all failing from minute ${failFrom}, fire at minute ${fires} while market_snapshots writes 600 rows a minute without an error`,
      withBusy,
      fires,
      ['orders'],
      ['firing-minute'],
    ),
    prove(`the same failing orders stay quiet at minute ${fires - 1}, one evaluation before they fire`, withBusy, fires - 1, [], ['pending']),
    prove(
      `orders whose success counter vanishes while their rows fail (the writer still scraped) fire at minute ${fires}: a missing success is no success`,
      { market_snapshots: busy, orders: { error: ordersFailing.error } },
      fires,
      ['orders'],
      ['evidence-loss'],
    ),
    prove(
      `market_snapshots failing completely, not a trade table, stays quiet at minute ${fires} (CdbDbWriteErrors watches it)`,
      { market_snapshots: { success: linear(0, 0, horizon), error: linear(0, 600, horizon) } },
      fires,
      [],
    ),
  ];
  // A failed row that a retry writes a minute later: the success in the window ends the condition before `for` ends.
  if (durationSeconds(pending) >= 60) {
    /** A counter at 0 that gains one row at `minute`. */
    const oneRowAt = (minute: number) => linear(0, 0, horizon).map((_, m) => (m >= minute ? 1 : 0));
    const retried: TradeTable = { success: oneRowAt(failFrom + 1), error: oneRowAt(failFrom) };
    const wouldFire = firesAt(failFrom, pending);
    scenarios.push(prove(`a failed fills row retried successfully a minute later stays quiet at minute ${wouldFire}, when it would fire without the retry`, { fills: retried }, wouldFire, []));
  }
  return scenarios;
}
