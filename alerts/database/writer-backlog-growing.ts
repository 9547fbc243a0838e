/** CdbDbWriterBacklogGrowing: cdb_db_writer no longer keeps up with the events on the bus. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { and, deriv, gt, select } from '../../engine/promql';
import { dbWriterBacklog } from '../../catalog/cdb';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel, AlertScenarioModel, ScenarioClass } from '../../engine/model/alerts';
import { at } from '../../engine/rules/derive';
import { humanize } from '../../engine/rules/humanize';
import { durationSeconds } from '../../engine/promql/duration';
import { derivSignAt, firingMinutes, instantAt, linear, promtoolValues, type Samples } from './scenario-model';

export function cdbDbWriterBacklogGrowing(settings: Settings): AlertModel {
  const { minBacklog, window, for: pending } = settings.thresholds.CdbDbWriterBacklogGrowing;
  const description = (service: string, instance: string, events: string) =>
    `${service} on ${instance} has ${events} events waiting to be written to PostgreSQL, and the backlog is still growing.`;

  const cdbDbWriterBacklogGrowing = alert({
    name: 'CdbDbWriterBacklogGrowing',
    // The series carries job, instance and service itself: no static service label.
    expr: and(gt(select(dbWriterBacklog), minBacklog), gt(deriv(select(dbWriterBacklog).over(window)), 0)),
    for: pending,
    severity: 'warning',
    labels: cdbLabels('database'),
    summary: 'The database writer falls further behind the events it has to persist.',
    description: description('{{ $labels.service }}', '{{ $labels.instance }}', '{{ $value | humanize }}'),
    dashboard: { dashboard: DASHBOARD_IDS.database, panel: 'Writer backlog' },
    runbook: {
      meaning: `More than ${minBacklog} events consumed from the bus are waiting to be written, and the backlog has grown over the last ${window} (positive slope), for ${pending}: events arrive faster than cdb_db_writer persists them. A large backlog that drains, or holds steady, does not fire.`,
      impact:
        'The events in the backlog live only in the writer\'s memory: a crash, an OOM kill or a restart loses them, and the block record gets a hole. The longer it grows, the more memory the writer uses, the closer that crash comes, and the further behind the database-backed dashboards and reports fall.',
      diagnose: [
        'Open the database dashboard, row "Writer": the backlog, and the write rate per table ("Writes by table and status"). Did writes slow down, or did input speed up?',
        'Writes slower: check "Write latency p99 by table" (`histogram_quantile(0.99, table_le:cdb_db_write_duration_seconds_bucket:rate5m)`) and PostgreSQL (connections, locks, "Longest open transaction", deadlocks). Write errors that are retried also slow the writer down: CdbDbWriteErrors.',
        'Input faster: compare `sum by (topic) (rate(cdb_bus_messages_consumed_total{service="cdb_db_writer"}[5m]))` with its usual level; a volatile market or more screened symbols (`cdb_screener_symbols`) multiply the market_snapshots rows.',
        'Check CPU throttling and memory of the cdb_db_writer container on the system dashboard (`name:container_memory_working_set_bytes:ratio_limit{name="cdb_db_writer"}`): memory climbing with the backlog means a crash is coming.',
      ],
      mitigate: [
        'PostgreSQL slow or locked: end the blocking transaction (`pg_stat_activity`), and fix the cause of slow writes first; the backlog drains once writes are faster than input.',
        'Writer CPU-bound: raise its CPU limit or its batch size, so fewer round trips carry the same rows.',
        'Memory near the limit: raise the memory limit before the OOM killer empties the backlog; do not restart the writer while the backlog is large unless it is about to die anyway.',
        'If events were lost, record the period in the block log.',
      ],
    },
    source: import.meta.url,
    scenarios: backlogScenarios(settings, description),
  });
  return cdbDbWriterBacklogGrowing;
}

/**
 * The scenarios of CdbDbWriterBacklogGrowing, every number derived from the settings: a backlog growing from exactly
 * `minBacklog` (over it by one event from minute 1), one growing up to exactly `minBacklog` (not over it), the minute
 * the first fires once `for` has passed, and the minute it resolves once the growth has left the `window`, computed
 * by the model of promtool's evaluation, which checks every scenario's expectation before it is written.
 */
function backlogScenarios(settings: Settings, description: (service: string, instance: string, events: string) => string): AlertScenarioModel[] {
  const { minBacklog, window, for: pending } = settings.thresholds.CdbDbWriterBacklogGrowing;
  const writer = targetLabels('cdb_db_writer');
  // deriv() needs two samples in its window, and the scenarios sample once a minute.
  if (durationSeconds(window) < 60) {
    throw new Error(`CdbDbWriterBacklogGrowing: its scenarios sample the backlog once a minute, so a window of ${window} holds fewer than two samples and none of them could fire; use a window of at least 1m`);
  }
  const holds = (backlog: Samples) => (minute: number) => (instantAt(backlog, minute) ?? Number.NaN) > minBacklog && derivSignAt(backlog, minute, window) === 1;

  /** A scenario at `minute`, expected to fire or not; the model must agree. */
  function prove(name: string, backlog: Samples, minute: number, fires: boolean, proves?: readonly ScenarioClass[]): AlertScenarioModel {
    if (firingMinutes(holds(backlog), pending, minute)[minute] !== fires) {
      throw new Error(`CdbDbWriterBacklogGrowing, scenario "${name}": the model of promtool has it ${fires ? 'quiet' : 'firing'} at minute ${minute}`);
    }
    return scenario(name, {
      input: [series(select(dbWriterBacklog, writer), promtoolValues(backlog.slice(0, minute + 1)))],
      at: at(minute),
      fires: fires ? [{ labels: writer, description: description(writer.service, writer.instance, humanize(instantAt(backlog, minute)!)) }] : 'quiet',
      ...(proves ? { proves } : {}),
    });
  }

  const horizon = Math.ceil(durationSeconds(pending) / 60) + Math.ceil(durationSeconds(window) / 60) + 10;
  // One event more every minute: over the minimum by one event at minute 1, the first minute deriv() has two samples.
  const growing = linear(minBacklog, 1, horizon);
  const fires = firingMinutes(holds(growing), pending, horizon).indexOf(true);
  // The same growth that stops at the minute it fires: it keeps firing while the window still holds some growth.
  const stopping = growing.map((v, minute) => (minute <= fires ? v : growing[fires]!));
  const states = firingMinutes(holds(stopping), pending, horizon);
  const resolves = states.indexOf(false, fires);
  if (fires < 1 || resolves < 0) throw new Error(`CdbDbWriterBacklogGrowing: the model of promtool finds no firing and resolving minute within ${horizon} minutes`);
  const large = 2 * minBacklog;
  return [
    prove(`a backlog growing by 1 event a minute from ${minBacklog}, over the ${minBacklog} minimum from minute 1, fires at minute ${fires}`, growing, fires, true, [
      'firing-minute',
      'edge-above',
    ]),
    prove(`a backlog growing by 1 event a minute from ${minBacklog} stays quiet at minute ${fires - 1}, one evaluation before it fires`, growing, fires - 1, false, ['pending']),
    prove(
      `a backlog growing to exactly the ${minBacklog} minimum at minute ${fires} stays quiet`,
      growing.map((_, minute) => Math.max(0, minBacklog - (fires - minute))),
      fires,
      false,
      ['edge-below'],
    ),
    prove(`a large backlog (${large}) that drains stays quiet at minute ${fires}`, linear(large + 50 * fires, -50, fires), fires, false),
    prove(`a large backlog (${large}) that holds steady stays quiet at minute ${fires}`, linear(large, 0, fires), fires, false),
    prove(`a backlog that stops growing at minute ${fires} still fires at minute ${resolves - 1}, while the ${window} window holds its growth`, stopping, resolves - 1, true),
    prove(`a backlog that stops growing at minute ${fires} resolves at minute ${resolves}, once the ${window} window holds no growth`, stopping, resolves, false),
  ];
}
