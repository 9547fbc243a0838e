/** CdbDbNoSuccessfulWrite: nothing reaches PostgreSQL any more. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { absentOverTime, gt, min, mul, or, select, type Duration } from '../../engine/promql';
import { dbLastSuccessfulWriteTimestamp } from '../../catalog/cdb';
import { exporters } from '../../catalog';
import { lastWriteAge } from '../../recording-rules/database';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel, AlertScenarioModel, ScenarioClass } from '../../engine/model/alerts';
import { at } from '../../engine/rules/derive';
import { humanizeDuration } from '../../engine/rules/humanize';
import { durationSeconds } from '../../engine/promql/duration';
import { absentOverTimeAt, firingMinutes, firstFiring, instantAt, linear, promtoolValues, type Samples } from './scenario-model';

export function cdbDbNoSuccessfulWrite(settings: Settings): AlertModel {
  const { maxAgeSeconds, for: pending } = settings.thresholds.CdbDbNoSuccessfulWrite;
  /** The threshold as a range-selector window, in minutes when it is a whole number of them. */
  const maxAge: Duration = maxAgeSeconds % 60 === 0 ? `${maxAgeSeconds / 60}m` : `${maxAgeSeconds}s`;
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
      meaning: `Even the most recently written table is more than ${maxAgeSeconds / 60} minutes old (\`min(table:cdb_db_last_successful_write_age_seconds:min)\`), for ${pending}: market_snapshots and signals are normally written every few seconds, so nothing is being persisted. It also fires when \`cdb_db_last_successful_write_timestamp_seconds\` has had no sample at all for ${maxAgeSeconds / 60} minutes: a writer that exposes no write time cannot prove it writes, and a vanished metric must not silence a critical alert. A writer restart hides the timestamps only until its first write, seconds later, well within that window. When the writer is not scraped at all, CdbTargetDown fires too and Alertmanager silences this alert while it lasts (same service). A write time in the future (milliseconds, a wrong clock) is always the freshest and would keep this alert quiet: CdbDbWriteTimestampInFuture pages then. A trade table that fails while the others are written is not this alert's: CdbTradeRowsLost.`,
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
    scenarios: noSuccessfulWriteScenarios(settings, maxAge, description),
  });
  return cdbDbNoSuccessfulWrite;
}

/**
 * The scenarios of CdbDbNoSuccessfulWrite, every number derived from the settings: newest writes a second over and
 * exactly `maxAgeSeconds` old, writes that stop and timestamps that vanish, with the minute each fires once `for` has
 * passed computed by the model of promtool's evaluation (the recording rule's age, the 5-minute lookback of the
 * timestamps, the `absent_over_time` window), which checks every scenario's expectation before it is written.
 * Scenarios start at the epoch, so a timestamp written at minute t is 60·t. The test files evaluate the recording
 * rules before the alerts, so an age that grows by 60 s every evaluation renders the same description every run.
 */
function noSuccessfulWriteScenarios(settings: Settings, maxAge: Duration, description: (age: string) => string): AlertScenarioModel[] {
  const { maxAgeSeconds, for: pending } = settings.thresholds.CdbDbNoSuccessfulWrite;
  const writer = targetLabels('cdb_db_writer');
  type Tables = Readonly<Record<string, Samples>>;

  /** What the alert expression returns at `minute`: the freshest table's age over the threshold, or the threshold when every timestamp is gone. */
  function alertValue(tables: Tables, minute: number): number | undefined {
    const ages = Object.values(tables)
      .map((s) => instantAt(s, minute))
      .filter((v): v is number => v !== undefined)
      .map((v) => minute * 60 - v);
    const freshest = ages.length > 0 ? Math.min(...ages) : undefined;
    if (freshest !== undefined && freshest > maxAgeSeconds) return freshest;
    return absentOverTimeAt(Object.values(tables), minute, maxAge) ? maxAgeSeconds : undefined;
  }
  const holds = (tables: Tables) => (minute: number) => alertValue(tables, minute) !== undefined;
  const horizon = Math.ceil(maxAgeSeconds / 60) + Math.ceil(durationSeconds(pending) / 60) + 10;

  /** A scenario at `minute`, expected to fire or not; the model must agree. */
  function prove(name: string, tables: Tables, minute: number, fires: boolean, proves?: readonly ScenarioClass[]): AlertScenarioModel {
    if (firingMinutes(holds(tables), pending, minute)[minute] !== fires) {
      throw new Error(`CdbDbNoSuccessfulWrite, scenario "${name}": the model of promtool has it ${fires ? 'quiet' : 'firing'} at minute ${minute}`);
    }
    return scenario(name, {
      input: [
        series(select(exporters.up, writer), `1x${minute}`),
        ...Object.entries(tables).map(([table, s]) => series(select(dbLastSuccessfulWriteTimestamp, { ...writer, table }), promtoolValues(s.slice(0, minute + 1)))),
      ],
      at: at(minute),
      fires: fires ? [{ labels: {}, description: description(humanizeDuration(alertValue(tables, minute)!)) }] : 'quiet',
      ...(proves ? { proves } : {}),
    });
  }
  const firstFiringOf = (tables: Tables) => {
    const minute = firstFiring(holds(tables), pending, horizon);
    if (minute === undefined) throw new Error(`CdbDbNoSuccessfulWrite: the model of promtool finds no firing minute within ${horizon} minutes`);
    return minute;
  };

  const threshold = humanizeDuration(maxAgeSeconds);
  /** Writes that stay `age` seconds behind the time. */
  const behind = (age: number) => linear(-age, 60, horizon);
  const aged = { market_snapshots: behind(maxAgeSeconds + 1), signals: behind(maxAgeSeconds + 301) };
  const atOnce = firstFiringOf(aged);
  // Written every minute until minute 1, then the same timestamp (stopped) or none at all (vanished).
  const stopped = { market_snapshots: [0, ...linear(60, 0, horizon - 1)] };
  const stops = firstFiringOf(stopped);
  const vanished = { market_snapshots: [0, 60] };
  const vanishes = firstFiringOf(vanished);
  // Timestamps hidden from minute 2 on that come back at minute `vanishes` hold the condition for less than `for`.
  const hidden = vanishes - 2;
  const orders = firstFiringOf({ orders: linear(0, 0, horizon) });
  return [
    prove(`every table's newest write staying ${humanizeDuration(maxAgeSeconds + 1)} old, a second over the ${threshold} threshold, fires at minute ${atOnce}`, aged, atOnce, true, [
      'edge-above',
    ]),
    prove(`a newest write staying exactly ${threshold} old, the threshold, stays quiet at minute ${atOnce}`, { market_snapshots: behind(maxAgeSeconds) }, atOnce, false, ['edge-below']),
    prove(`writes that stop at minute 1 fire at minute ${stops}, once over ${threshold} old${durationSeconds(pending) > 0 ? ` for ${pending}` : ''}`, stopped, stops, true, [
      'firing-minute',
    ]),
    prove(`writes that stop at minute 1 stay quiet at minute ${stops - 1}, one evaluation before they fire`, stopped, stops - 1, false, ['pending']),
    prove(
      `a table never written (orders) stays quiet at minute ${orders}, when it alone would fire, while market_snapshots is written every minute`,
      { market_snapshots: linear(0, 60, horizon), orders: linear(0, 0, horizon) },
      orders,
      false,
    ),
    prove(`write timestamps that vanish after minute 1 while the writer is still scraped fire at minute ${vanishes}`, vanished, vanishes, true, ['evidence-loss']),
    prove(
      hidden > 0
        ? `write timestamps hidden after minute 1 stay quiet at minute ${vanishes - 1}: a writer restart that hides them for up to ${hidden} minutes raises no alarm`
        : `write timestamps hidden after minute 1 stay quiet at minute ${vanishes - 1}, one evaluation before they fire`,
      vanished,
      vanishes - 1,
      false,
    ),
  ];
}
