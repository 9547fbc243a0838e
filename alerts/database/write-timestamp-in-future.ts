/** CdbDbWriteTimestampInFuture: a table's last-write time lies in the future, so the age of the writes cannot be measured. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { add, gt, num, select, time } from '../../engine/promql';
import { dbLastSuccessfulWriteTimestamp } from '../../catalog/cdb';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel, AlertScenarioModel, ScenarioClass } from '../../engine/model/alerts';
import { at } from '../../engine/rules/derive';
import { durationSeconds } from '../../engine/promql/duration';
import { firingMinutes, firstFiring, instantAt, linear, promtoolValues, type Samples } from './scenario-model';

export function cdbDbWriteTimestampInFuture(settings: Settings): AlertModel {
  const { maxAheadSeconds, for: pending } = settings.thresholds.CdbDbWriteTimestampInFuture;
  const noWrite = settings.thresholds.CdbDbNoSuccessfulWrite;
  const description = (table: string) =>
    `Table ${table} reports its last successful write more than ${maxAheadSeconds} seconds after Prometheus' clock: the write times cannot be trusted, and CdbDbNoSuccessfulWrite cannot tell how old the newest write is.`;

  return alert({
    name: 'CdbDbWriteTimestampInFuture',
    // The series carries job, instance, service and table itself: no static service label.
    expr: gt(select(dbLastSuccessfulWriteTimestamp), add(time(), num(maxAheadSeconds))),
    for: pending,
    severity: 'critical',
    labels: cdbLabels('database'),
    summary: 'A table reports a last successful write in the future: the write age is blind.',
    description: description('{{ $labels.table }}'),
    dashboard: { dashboard: DASHBOARD_IDS.database, panel: 'Time since last successful write by table' },
    runbook: {
      meaning: `\`cdb_db_last_successful_write_timestamp_seconds\` of one table lies more than ${maxAheadSeconds} seconds ahead of \`time()\`, for ${pending}. The writer and Prometheus share the host's clock, so the value is not a time in seconds since the epoch: milliseconds (a thousand times too large), or a clock set wrong. CdbDbNoSuccessfulWrite takes the age of the freshest table, and a time in the future is always the freshest: while it lasts, nothing warns when PostgreSQL stops receiving writes (its ${noWrite.maxAgeSeconds / 60}-minute threshold can never be crossed).`,
      impact:
        'The persistence of the block is unwatched: the writer could stop writing for hours and no alert would say so. A block whose writes are not watched cannot be trusted for the block review.',
      diagnose: [
        'Open the database dashboard, panel "Time since last successful write by table": a negative age (or a huge one) names the table.',
        'Read the raw value: `cdb_db_last_successful_write_timestamp_seconds` against `time()`; about 1000 times `time()` means milliseconds.',
        'Check the clock of the writer container against the host (`docker exec cdb_db_writer date -u` and `date -u`), and the last deploy of cdb_db_writer for a change in how it records write times.',
      ],
      mitigate: [
        'Milliseconds: fix the writer to expose seconds (prom-client gauges take seconds: divide `Date.now()` by 1000) and deploy it; run `npm run conformance` against it.',
        'A wrong clock: fix the time synchronisation of the host or container, then restart cdb_db_writer so that it records a correct time at its next write.',
        'Until it is fixed, watch the writes by hand (panel "Writes by table and status") and record the blind period in the block log.',
      ],
    },
    source: import.meta.url,
    scenarios: writeTimestampInFutureScenarios(settings, description),
  });
}

/**
 * The scenarios of CdbDbWriteTimestampInFuture, every number derived from the settings: write times in milliseconds
 * (the case it exists for, where CdbDbNoSuccessfulWrite goes silent), write times exactly `maxAheadSeconds` ahead of
 * the clock and a second more, and the minute each fires once `for` has passed, computed by the model of promtool's
 * evaluation. Scenarios start at the epoch, so the clock at minute t is 60·t.
 */
function writeTimestampInFutureScenarios(settings: Settings, description: (table: string) => string): AlertScenarioModel[] {
  const { maxAheadSeconds, for: pending } = settings.thresholds.CdbDbWriteTimestampInFuture;
  const writer = targetLabels('cdb_db_writer');
  const holds = (stamps: Samples) => (minute: number) => (instantAt(stamps, minute) ?? Number.NEGATIVE_INFINITY) > minute * 60 + maxAheadSeconds;
  const horizon = Math.ceil(durationSeconds(pending) / 60) + 10;

  /** A scenario at `minute` on the orders table's write times, expected to fire or not; the model must agree. */
  function prove(name: string, stamps: Samples, minute: number, fires: boolean, proves: readonly ScenarioClass[], guards?: readonly string[]): AlertScenarioModel {
    if (firingMinutes(holds(stamps), pending, minute)[minute] !== fires) {
      throw new Error(`CdbDbWriteTimestampInFuture, scenario "${name}": the model of promtool has it ${fires ? 'quiet' : 'firing'} at minute ${minute}`);
    }
    return scenario(name, {
      input: [series(select(dbLastSuccessfulWriteTimestamp, { ...writer, table: 'orders' }), promtoolValues(stamps.slice(0, minute + 1)))],
      at: at(minute),
      fires: fires ? [{ labels: { ...writer, table: 'orders' }, description: description('orders') }] : 'quiet',
      proves,
      ...(guards ? { guards } : {}),
    });
  }
  const firstFiringOf = (stamps: Samples) => {
    const minute = firstFiring(holds(stamps), pending, horizon);
    if (minute === undefined) throw new Error(`CdbDbWriteTimestampInFuture: the model of promtool finds no firing minute within ${horizon} minutes`);
    return minute;
  };

  // Written every minute, in milliseconds: 1000 times the clock, from minute 1 (at the epoch both are 0).
  const millis = [0, ...linear(60_000, 60_000, horizon - 1)];
  const firesMillis = firstFiringOf(millis);
  const ahead = (seconds: number) => linear(seconds, 60, horizon);
  const firesAhead = firstFiringOf(ahead(maxAheadSeconds + 1));
  return [
    prove(
      `write times in milliseconds from minute 1 fire at minute ${firesMillis}, where CdbDbNoSuccessfulWrite goes silent`,
      millis,
      firesMillis,
      true,
      ['firing-minute', 'evidence-loss'],
      ['CdbDbNoSuccessfulWrite'],
    ),
    prove(`write times in milliseconds from minute 1 stay quiet at minute ${firesMillis - 1}, one evaluation before they fire`, millis, firesMillis - 1, false, ['pending']),
    prove(`write times ${maxAheadSeconds + 1} s ahead of the clock, a second over the ${maxAheadSeconds} s allowed, fire at minute ${firesAhead}`, ahead(maxAheadSeconds + 1), firesAhead, true, [
      'edge-above',
    ]),
    prove(`write times exactly ${maxAheadSeconds} s ahead of the clock, the most allowed, stay quiet at minute ${firesAhead}`, ahead(maxAheadSeconds), firesAhead, false, ['edge-below']),
  ];
}
