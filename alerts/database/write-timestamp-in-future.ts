/** CdbDbWriteTimestampInFuture: a table's last-write time lies in the future (milliseconds, or a clock ahead). */
import { alert, scenario, series } from '../../engine/rules/alert';
import { add, formatNumber, gt, num, select, sub, time } from '../../engine/promql';
import { dbLastSuccessfulWriteTimestamp } from '../../catalog/cdb';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel, AlertScenarioModel, ScenarioClass } from '../../engine/model/alerts';
import { at, minutesOf } from '../../engine/rules/derive';
import { humanizeDuration } from '../../engine/rules/humanize';
import { firingMinutes, firstFiring, instantAt, linear, promtoolValues, type Samples } from './scenario-model';

export function cdbDbWriteTimestampInFuture(settings: Settings): AlertModel {
  const { toleranceSeconds: T, for: pending } = settings.thresholds.CdbDbWriteTimestampInFuture;
  const noWrite = settings.thresholds.CdbDbNoSuccessfulWrite;
  const description = (table: string, ahead: string) =>
    `The last successful write of table ${table} lies ${ahead} ahead of Prometheus' clock: CdbDbNoSuccessfulWrite cannot tell how old the newest write is.`;

  return alert({
    name: 'CdbDbWriteTimestampInFuture',
    // The seconds the time lies ahead, where it lies more than the tolerance ahead.
    expr: sub(gt(select(dbLastSuccessfulWriteTimestamp), add(time(), num(T))), time()),
    for: pending,
    severity: 'critical',
    labels: cdbLabels('database', 'cdb_db_writer'),
    summary: 'The time of the last successful write of a table lies in the future.',
    description: description('{{ $labels.table }}', '{{ $value | humanizeDuration }}'),
    dashboard: { dashboard: DASHBOARD_IDS.database, panel: 'Time since last successful write by table' },
    runbook: {
      meaning: `\`cdb_db_last_successful_write_timestamp_seconds\`, the time of a table's last successful write in seconds since the epoch, lies more than ${formatNumber(T)} s ahead of Prometheus' clock, for ${pending}. The value is the time ahead. A time exported in milliseconds lies tens of thousands of years ahead; minutes ahead is a clock out of step.`,
      impact: `CdbDbNoSuccessfulWrite takes the age of the freshest table, and a time in the future is always the freshest, with a negative age: while it lasts, the writer could stop writing for hours and nothing would page (the ${noWrite.maxAgeSeconds / 60}-minute threshold is never crossed). The persistence of the block is unwatched.`,
      diagnose: [
        'Open the database dashboard, panel "Time since last successful write by table": a negative age names the table.',
        'Read the raw value: `cdb_db_last_successful_write_timestamp_seconds`, and compare it with `time()`. About 1000 times `time()` means milliseconds; close to `time()` but ahead means the clock of cdb_db_writer (or of its host) runs ahead of Prometheus\'.',
        'Check the last deploy of cdb_db_writer for a change in how it records write times (a database `now()` in milliseconds, say).',
        'Check the host clocks: `timedatectl` on the host of cdb_db_writer and of cdb_prometheus; both should be synchronised by NTP.',
      ],
      mitigate: [
        'Milliseconds: fix the instrumentation of cdb_db_writer to set the gauge in seconds (`Date.now() / 1000`), deploy it, and watch this alert resolve.',
        'A clock ahead: resynchronise the host clock (NTP) and restart the writer if it caches the time.',
        'Until it resolves, judge the writes by hand from "Writes by table and status", which does not read this time, and record the unwatched period in the block log.',
      ],
    },
    source: import.meta.url,
    scenarios: writeTimestampInFutureScenarios(settings, description),
  });
}

/**
 * The scenarios of CdbDbWriteTimestampInFuture, every number derived from the settings: write times in milliseconds
 * (the case it exists for, where CdbDbNoSuccessfulWrite goes silent), a clock just within the tolerance and just past
 * it, and the minute each fires once `for` has passed, computed by the model of promtool's evaluation. Scenarios
 * start at the epoch, so the clock at minute t is 60·t.
 */
function writeTimestampInFutureScenarios(settings: Settings, description: (table: string, ahead: string) => string): AlertScenarioModel[] {
  const { toleranceSeconds: T, for: pending } = settings.thresholds.CdbDbWriteTimestampInFuture;
  const writer = targetLabels('cdb_db_writer');
  const aheadAt = (stamps: Samples, minute: number) => {
    const v = instantAt(stamps, minute);
    return v === undefined ? undefined : v - minute * 60;
  };
  const holds = (stamps: Samples) => (minute: number) => (aheadAt(stamps, minute) ?? Number.NEGATIVE_INFINITY) > T;
  const horizon = Math.ceil(minutesOf(pending)) + Math.ceil(T / 59_940) + 10;

  /** A scenario at `minute` on the orders table's write times, expected to fire or not; the model must agree. */
  function prove(name: string, stamps: Samples, minute: number, fires: boolean, proves: readonly ScenarioClass[], guards?: readonly string[]): AlertScenarioModel {
    if (firingMinutes(holds(stamps), pending, minute)[minute] !== fires) {
      throw new Error(`CdbDbWriteTimestampInFuture, scenario "${name}": the model of promtool has it ${fires ? 'quiet' : 'firing'} at minute ${minute}`);
    }
    return scenario(name, {
      input: [series(select(dbLastSuccessfulWriteTimestamp, { ...writer, table: 'orders' }), promtoolValues(stamps.slice(0, minute + 1)))],
      at: at(minute),
      fires: fires ? [{ labels: { ...writer, table: 'orders' }, description: description('orders', humanizeDuration(aheadAt(stamps, minute)!)) }] : 'quiet',
      proves,
      ...(guards ? { guards } : {}),
    });
  }
  const firstFiringOf = (stamps: Samples) => {
    const minute = firstFiring(holds(stamps), pending, horizon);
    if (minute === undefined) throw new Error(`CdbDbWriteTimestampInFuture: the model of promtool finds no firing minute within ${horizon} minutes`);
    return minute;
  };

  // Written every minute in milliseconds: minute t exports t × 60 000.
  const millis = linear(0, 60_000, horizon);
  const firesMillis = firstFiringOf(millis);
  // Clocks a constant amount ahead from minute 0: the condition holds (or not) from the first evaluation.
  const ahead = (seconds: number) => linear(seconds, 60, horizon);
  const step = Math.min(1, T / 10);
  const firesAhead = firstFiringOf(ahead(T + step));
  const tolerance = `the ${formatNumber(T)} s tolerance`;
  return [
    prove(
      `write times in milliseconds fire at minute ${firesMillis}, ${humanizeDuration(aheadAt(millis, firesMillis)!)} ahead, where CdbDbNoSuccessfulWrite goes silent`,
      millis,
      firesMillis,
      true,
      ['firing-minute', 'evidence-loss'],
      ['CdbDbNoSuccessfulWrite'],
    ),
    prove(`write times in milliseconds stay quiet at minute ${firesMillis - 1}, one evaluation before they fire`, millis, firesMillis - 1, false, ['pending']),
    prove(`a clock ${formatNumber(T + step)} s ahead, just past ${tolerance}, fires at minute ${firesAhead}`, ahead(T + step), firesAhead, true, ['edge-above']),
    prove(`a clock exactly ${formatNumber(T)} s ahead, at ${tolerance}, stays quiet at minute ${firesAhead}`, ahead(T), firesAhead, false, ['edge-below']),
  ];
}
