/** Everything the bot does is persisted. */
import { slo } from '../engine/slo/model';
import { counterNotation } from '../engine/slo/simulate';
import { select } from '../engine/promql';
import { dbWrites } from '../catalog/cdb';
import { targetLabels } from '../alerts/common';
import type { Settings } from '../config/settings';
import type { SloSpec } from '../engine/model/slo';

const writer = targetLabels('cdb_db_writer');

export function databaseWriteSuccess(settings: Settings): SloSpec {
  const { objective } = settings.slos['database-write-success'];
  /** One failed write in this many is what the objective allows. */
  const oneIn = Math.round(100 / (100 - objective));
  return slo({
    id: 'database-write-success',
    layer: 'database',
    service: 'cdb_db_writer',
    name: 'Database write success',
    description: 'Share of rows written to PostgreSQL without error.',
    reasoning: `The block review is only as complete as the database; one failed write in ${oneIn} over 30 days is the most a review can absorb without recomputing PnL from logs.`,
    objective,
    period: '30d',
    sli: { kind: 'ratio', errors: select(dbWrites, { status: 'error' }), total: select(dbWrites) },
    // market_snapshots are written every few seconds: half an hour without a single row is the writer stopped.
    traffic: 'continuous',
    // Errors and totals are two series of one counter, by status.
    scenarioInput: (t) => [
      { series: String(select(dbWrites, { ...writer, table: 'orders', status: 'success' })), values: counterNotation(t.events.map((n, i) => n - t.errors[i]!)) },
      { series: String(select(dbWrites, { ...writer, table: 'orders', status: 'error' })), values: counterNotation(t.errors) },
    ],
    source: import.meta.url,
  });
}
