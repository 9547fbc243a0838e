/**
 * CdbContainerMemoryNearLimit, as two rules of the same name: a warning at `warningRatio` and a critical at
 * `criticalRatio` of the container's memory limit. The shared name is what the Alertmanager inhibition "a critical
 * alert mutes the warning of the same alert and service" matches on.
 */
import { alert, scenario, series } from '../../engine/rules/alert';
import { gt, select } from '../../engine/promql';
import { exporters } from '../../catalog';
import { containerMemoryToLimit } from '../../recording-rules/system';
import { DASHBOARD_IDS } from '../../dashboards/common';
import type { RunbookModel } from '../../engine/model/alerts';
import { cdbLabels } from '../common';
import { containerLabels, serviceFromContainerName } from './containers';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbContainerMemoryNearLimit(settings: Settings): AlertModel[] {
  const { warningRatio, criticalRatio, for: pending } = settings.thresholds.CdbContainerMemoryNearLimit;
  const NAME = 'CdbContainerMemoryNearLimit';
  const pct = (r: number) => `${Math.round(r * 100)} %`;

  const toLimit = select(containerMemoryToLimit);
  const core = containerLabels('cdb_core');
  const writer = containerLabels('cdb_db_writer');
  type Container = ReturnType<typeof containerLabels>;
  /** 512 MiB, `mem_limit: 512m` in the compose file. */
  const LIMIT = 536870912;
  const memory = (c: Container, workingSet: string, limit = `${LIMIT}x60`) => [
    series(select(exporters.containerMemoryWorkingSetBytes, c), workingSet),
    series(select(exporters.containerSpecMemoryLimitBytes, c), limit),
  ];
  /** Working sets at a share of the 512 MiB limit, for promtool values. */
  const AT_80 = 429496730;
  const AT_90 = 483183821;
  const AT_97 = 520764785;

  const summary = 'A CdB container is close to its memory limit.';
  const description = (name: string, value: string, then: string) => `Container ${name} uses ${value} of its memory limit: ${then}`;
  const WARNING_THEN = 'if it keeps growing the kernel OOM-kills it.';
  const CRITICAL_THEN = 'the kernel OOM-kills it at the next allocation spike.';
  const firing = (c: Container, value: string, then: string) => [
    { labels: { name: c.name, service: c.name }, description: description(c.name, value, then) },
  ];

  const runbook: RunbookModel = {
    meaning: `The container's working set (the memory the kernel counts against its limit) has been above ${pct(warningRatio)} (warning) or ${pct(criticalRatio)} (critical) of its memory limit for ${pending} (\`name:container_memory_working_set_bytes:ratio_limit\`). Containers without a limit are not watched. The \`service\` label is the container name.`,
    impact:
      'At the limit the kernel OOM-kills the container and docker restarts it: the service loses its in-memory state and subscriptions, messages published meanwhile are lost, and repeated kills end the 72-hour block early (CdbContainerRestarting). A slow leak found at the warning can usually wait for the end of the block; a critical one cannot.',
    diagnose: [
      'Open the system dashboard, "Memory used of limit": a steady climb over hours is a leak or unbounded state (a buffer, a cache, a growing list of open positions); a jump is a burst of work.',
      'Compare with the layer\'s load at the same time (message rate for cdb_ws, evaluations for cdb_core, backlog for cdb_db_writer) to tell growth with load from a leak.',
      'Check whether it has been OOM-killed already: `docker inspect -f "{{.State.OOMKilled}} {{.RestartCount}}" <container>` and `increase(node_vmstat_oom_kill[1h])`.',
      '`docker stats --no-stream <container>` for the live working set against the limit.',
    ],
    mitigate: [
      'Critical: raise `mem_limit` in the compose file and recreate the container now, or restart it at a quiet moment to reset its memory; either way record it in the block log.',
      'Warning: plan the fix for the end of the block; extrapolate the climb on the panel to see whether the limit is reached before the block ends.',
      'If a deploy introduced the growth, roll it back.',
    ],
  };

  const cdbContainerMemoryNearLimitWarning = alert({
    name: NAME,
    expr: gt(serviceFromContainerName(toLimit), warningRatio),
    for: pending,
    severity: 'warning',
    labels: cdbLabels('system'),
    summary,
    description: description('{{ $labels.name }}', '{{ $value | humanizePercentage }}', WARNING_THEN),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'Memory used of limit' },
    runbook,
    source: import.meta.url,
    scenarios: [
      scenario('a working set at 90% of the limit for the for duration fires the warning', {
        input: memory(core, `${AT_90}x60`),
        at: '20m',
        fires: firing(core, '90%', WARNING_THEN),
      }),
      scenario('a working set at 80% of the limit stays quiet', { input: memory(core, `${AT_80}x60`), at: '30m', fires: 'quiet' }),
      scenario('the warning keeps firing while the critical is still pending', {
        input: memory(core, `${AT_90}x20 ${AT_97}x40`),
        at: '25m',
        fires: firing(core, '97%', WARNING_THEN),
      }),
      scenario('only the container near its limit fires', {
        input: [...memory(core, `${AT_80}x60`), ...memory(writer, `${AT_90}x60`)],
        at: '20m',
        fires: firing(writer, '90%', WARNING_THEN),
      }),
    ],
  });

  const cdbContainerMemoryNearLimitCritical = alert({
    name: NAME,
    expr: gt(serviceFromContainerName(toLimit), criticalRatio),
    for: pending,
    severity: 'critical',
    labels: cdbLabels('system'),
    summary,
    description: description('{{ $labels.name }}', '{{ $value | humanizePercentage }}', CRITICAL_THEN),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'Memory used of limit' },
    runbook,
    source: import.meta.url,
    scenarios: [
      scenario('a working set at 97% of the limit for the for duration fires the critical, and the warning it mutes', {
        input: memory(core, `${AT_97}x60`),
        at: '20m',
        fires: [...firing(core, '97%', CRITICAL_THEN), ...firing(core, '97%', WARNING_THEN).map((f) => ({ ...f, severity: 'warning' as const }))],
      }),
      scenario('a working set at 97% for less than the for duration stays quiet', {
        input: memory(core, `${AT_80}x20 ${AT_97}x40`),
        at: '25m',
        fires: 'quiet',
      }),
      scenario('a container without a memory limit stays quiet', {
        input: memory(core, `${LIMIT}x60`, '0x60'),
        at: '30m',
        fires: 'quiet',
      }),
    ],
  });
  return [cdbContainerMemoryNearLimitWarning, cdbContainerMemoryNearLimitCritical];
}
