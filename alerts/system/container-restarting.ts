/** CdbContainerRestarting: a CdB container keeps restarting. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at, firesAt } from '../../engine/rules/derive';
import { humanize } from '../../engine/rules/humanize';
import { durationSeconds, type Duration } from '../../engine/promql/duration';
import { ge, select } from '../../engine/promql';
import { exporters } from '../../catalog';
import { containerRestarts } from '../../recording-rules/system';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels } from '../common';
import { containerLabels, serviceFromContainerName } from './containers';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';
import { alertStates, changes, counter, expectAlert, firstHolding, gauge, ruleWindow, type Samples } from './simulate';

export function cdbContainerRestarting(settings: Settings): AlertModel {
  const { startsPerHour, for: pending } = settings.thresholds.CdbContainerRestarting;
  const core = containerLabels('cdb_core');
  const startTime = (values: Samples) => series(select(exporters.containerStartTimeSeconds, core), values.notation);
  const description = (name: string, count: string) =>
    `Container ${name} restarted ${count} times in the last hour: it is crash-looping or being restarted by hand.`;

  /** The recording rule counts changes of the start time over this window. */
  const window = ruleWindow(containerRestarts);
  const windowSeconds = durationSeconds(window);
  /**
   * Seconds between samples: a start time sampled once a minute shows at most one restart a minute, so a threshold
   * of more restarts than minutes in the window needs finer samples (every scrape would show them).
   */
  const interval = [60, 30, 20, 15, 12, 10, 6, 5, 4, 3, 2, 1].find((i) => windowSeconds / i >= startsPerHour);
  if (interval === undefined) throw new Error(`CdbContainerRestarting: ${startsPerHour} starts in ${window} is more than one a second`);
  const every = interval === 60 ? 'every minute' : `every ${interval}s`;
  const sampling: Duration = interval === 60 ? '1m' : `${interval}s`;
  const minuteOf = (sample: number) => (sample * interval) / 60;
  const restarts = (s: Samples) => (minute: number) => changes(s, minute, window)!;
  const holds = (s: Samples) => (minute: number) => restarts(s)(minute) >= startsPerHour;
  /** The start time of the container's first start; each restart sets it to the time of that restart. */
  const BASE = 1700000000;

  /** A crash loop: a new start time at every sample from the second on. The alert fires `for` after it reaches the threshold. */
  const crashLoop = (through: number) => counter(through, [[0, interval]], { interval, initial: BASE });
  const reachesHorizon = Math.ceil(minuteOf(startsPerHour)) + 1;
  const reaches = firstHolding(holds(crashLoop(reachesHorizon)), 0, reachesHorizon)!;
  const fires = firesAt(reaches, pending);
  /** `count` restarts at the samples after the first, then none, through minute `through`. */
  const fewer = (count: number, through: number) => counter(through, [[0, interval], [minuteOf(count + 1), 0]], { interval, initial: BASE });
  /** As many restarts as the threshold, spread too thin: the first at once, the last one window later, when the first has left the window. */
  const spreadLast = 1 + windowSeconds / interval;
  const spread = (through: number) =>
    gauge(
      through,
      [
        [0, BASE],
        ...Array.from({ length: startsPerHour - 1 }, (_, i) => [minuteOf(i + 1), BASE + (i + 1) * interval] as const),
        [minuteOf(spreadLast), BASE + spreadLast * interval],
      ],
      interval,
    );
  const spreadSeen = firesAt(Math.ceil(minuteOf(spreadLast)), pending);
  expectAlert('a crash loop', holds(crashLoop(fires)), pending, fires, 'fires');
  // Exactly the threshold, then no more restarts: the same first restarts as the crash loop, so it fires with it.
  expectAlert('exactly the threshold', holds(fewer(startsPerHour, fires)), pending, fires, 'fires');
  if (startsPerHour >= 2) {
    expectAlert('one restart too few', holds(fewer(startsPerHour - 1, fires)), pending, fires, 'quiet');
    if (alertStates(holds(spread(spreadSeen)), pending, spreadSeen).includes('firing')) throw new Error('CdbContainerRestarting: the spread restarts reach the threshold');
  }

  const cdbContainerRestarting = alert({
    name: 'CdbContainerRestarting',
    expr: ge(serviceFromContainerName(select(containerRestarts)), startsPerHour),
    for: pending,
    severity: 'warning',
    labels: cdbLabels('system'),
    summary: 'A CdB container keeps restarting.',
    description: description('{{ $labels.name }}', '{{ $value | humanize }}'),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'Container restarts in the last hour' },
    runbook: {
      meaning: `cAdvisor saw the container's start time change ${startsPerHour} times or more within an hour (\`name:container_start_time_seconds:changes1h\`): docker restarts it after it exits (restart policy), it is OOM-killed, or someone restarts it. The \`service\` label is the container name.`,
      impact:
        'Every restart drops the service\'s in-memory state and its Redis subscriptions for a while: market data, signals or orders published meanwhile are lost, counters reset, and a crash loop can end the 72-hour block early. Restarts during a block also make its results harder to compare with other blocks.',
      diagnose: [
        'Open the system dashboard, "Container restarts in the last hour", to see when the restarts began and whether other containers restart with it (a shared dependency or the host).',
        'Read the exit code and the OOM flag: `docker inspect -f "{{.State.ExitCode}} {{.State.OOMKilled}} {{.RestartCount}}" <container>`. Exit 137 with OOMKilled true: memory (see CdbContainerMemoryNearLimit, and `increase(node_vmstat_oom_kill[1h])`, since container_oom_events_total stays 0 when docker replaces the container).',
        'Read the last lines before each exit: `docker logs --since 1h <container>` (a stack trace, a failed connection to cdb_redis or cdb_postgres at start-up, a configuration error).',
        'Check whether a deploy or a manual `docker restart` explains the starts: `docker events --since 1h --filter container=<container>`.',
      ],
      mitigate: [
        'If it is OOM-killed, raise the container\'s memory limit in the compose file or fix the leak; a restart alone will end the same way.',
        'If it fails on a dependency at start-up, restore the dependency (Redis, PostgreSQL) and let the restart policy bring it back.',
        'If a recent deploy introduced the crash, roll it back and record the restarts in the block log.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario(`a container restarting ${every} fires at minute ${fires}: it reaches ${startsPerHour} restarts in the ${window} window at minute ${reaches}, then its ${pending} for`, {
        input: [startTime(crashLoop(fires))],
        at: at(fires),
        interval: sampling,
        fires: [{ labels: { name: core.name, service: core.name }, description: description(core.name, humanize(restarts(crashLoop(fires))(fires))) }],
        proves: ['firing-minute'],
      }),
      scenario(`the same crash loop stays quiet one minute earlier, at minute ${fires - 1}`, {
        input: [startTime(crashLoop(fires))],
        at: at(fires - 1),
        interval: sampling,
        fires: 'quiet',
        proves: ['pending'],
      }),
      scenario(`exactly ${startsPerHour} ${startsPerHour === 1 ? 'start' : 'restarts'} ${every}, then none, ${startsPerHour === 1 ? 'fires' : 'fire'} at minute ${fires}: the threshold is reached`, {
        input: [startTime(fewer(startsPerHour, fires))],
        at: at(fires),
        interval: sampling,
        fires: [{ labels: { name: core.name, service: core.name }, description: description(core.name, humanize(restarts(fewer(startsPerHour, fires))(fires))) }],
        proves: ['edge-above'],
      }),
      // One restart too few, or spread too thin, only when the threshold is above a single restart.
      ...(startsPerHour >= 2
        ? [
            scenario(`${startsPerHour - 1} ${startsPerHour === 2 ? 'restart' : 'restarts'} within the ${window} window, one fewer than ${startsPerHour}, ${startsPerHour === 2 ? 'stays' : 'stay'} quiet`, {
              input: [startTime(fewer(startsPerHour - 1, fires))],
              at: at(fires),
              interval: sampling,
              fires: 'quiet',
              proves: ['edge-below'],
            }),
            scenario(`${startsPerHour} restarts with the first and the last ${window} apart stay quiet: the first has left the window`, {
              input: [startTime(spread(spreadSeen))],
              at: at(spreadSeen),
              interval: sampling,
              fires: 'quiet',
            }),
          ]
        : []),
      scenario('a container that keeps running stays quiet', {
        input: [startTime(gauge(fires, [[0, BASE]], interval))],
        at: at(fires),
        interval: sampling,
        fires: 'quiet',
        // With a threshold of one start, no start at all is the quiet side of it.
        ...(startsPerHour === 1 ? { proves: ['edge-below'] as const } : {}),
      }),
    ],
  });
  return cdbContainerRestarting;
}
