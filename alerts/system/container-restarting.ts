/** CdbContainerRestarting: a CdB container keeps restarting. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { ge, select } from '../../engine/promql';
import { exporters } from '../../catalog';
import { containerRestarts } from '../../recording-rules/system';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels } from '../common';
import { containerLabels, serviceFromContainerName } from './containers';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbContainerRestarting(settings: Settings): AlertModel {
  const { startsPerHour, for: pending } = settings.thresholds.CdbContainerRestarting;
  const core = containerLabels('cdb_core');
  const startTime = (values: string) => series(select(exporters.containerStartTimeSeconds, core), values);
  const description = (name: string, count: string) =>
    `Container ${name} restarted ${count} times in the last hour: it is crash-looping or being restarted by hand.`;

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
      scenario('three restarts within an hour fire', {
        input: [startTime('1700000000x10 1700000600x10 1700001200x10 1700001800x10')],
        at: '35m',
        fires: [{ labels: { name: core.name, service: core.name }, description: description(core.name, '3') }],
      }),
      scenario('two restarts within an hour stay quiet', {
        input: [startTime('1700000000x10 1700000600x10 1700001200x20')],
        at: '35m',
        fires: 'quiet',
      }),
      scenario('three restarts spread over more than an hour stay quiet', {
        input: [startTime('1700000000x10 1700000600x30 1700002400x40 1700004800x30')],
        at: '110m',
        fires: 'quiet',
      }),
      scenario('a container that keeps running stays quiet', { input: [startTime('1700000000x120')], at: '2h', fires: 'quiet' }),
    ],
  });
  return cdbContainerRestarting;
}
