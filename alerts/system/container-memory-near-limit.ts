/**
 * CdbContainerMemoryNearLimit, as two rules of the same name: a warning at `warningRatio` and a critical at
 * `criticalRatio` of the container's memory limit. The shared name is what the Alertmanager inhibition "a critical
 * alert mutes the warning of the same alert and service" matches on.
 */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at, firesAt } from '../../engine/rules/derive';
import { humanizePercentage } from '../../engine/rules/humanize';
import { gt, select } from '../../engine/promql';
import { exporters } from '../../catalog';
import { containerMemoryToLimit } from '../../recording-rules/system';
import { DASHBOARD_IDS } from '../../dashboards/common';
import type { RunbookModel } from '../../engine/model/alerts';
import { cdbLabels } from '../common';
import { containerLabels, serviceFromContainerName } from './containers';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';
import { countsAroundPair, percent } from './ratios';
import { gauge } from './simulate';
import { outage } from './outage';

export function cdbContainerMemoryNearLimit(settings: Settings): AlertModel[] {
  const { warningRatio, criticalRatio, for: pending } = settings.thresholds.CdbContainerMemoryNearLimit;
  const NAME = 'CdbContainerMemoryNearLimit';
  const pct = (r: number) => `${Math.round(r * 100)} %`;

  const toLimit = select(containerMemoryToLimit);
  const core = containerLabels('cdb_core');
  const writer = containerLabels('cdb_db_writer');
  type Container = ReturnType<typeof containerLabels>;

  /**
   * Working sets in units of 5 MiB against a limit of `total` units (500 MiB for a total of 100): k units are k/total
   * of the limit, just around the warning and the critical ratio.
   */
  const counts = countsAroundPair(warningRatio, criticalRatio);
  const UNIT = 5 * 1024 * 1024;
  const LIMIT = counts.total * UNIT;
  /** What the recording rule returns for a working set of `units`. */
  const share = (units: number) => (units * UNIT) / LIMIT;
  /** The quiet working set: just below the warning, or 0 (exactly at a warning of 0, which nothing is below). */
  const quiet = counts.belowWarning ?? 0;
  const o = outage(pending);
  /** A working set of `from` units at minute 0 and `to` units from minute 1 on. */
  const rising = (from: number, to: number) => o.values(from * UNIT, to * UNIT);
  const memory = (c: Container, workingSet: string, limit = o.steady(LIMIT)) => [
    series(select(exporters.containerMemoryWorkingSetBytes, c), workingSet),
    series(select(exporters.containerSpecMemoryLimitBytes, c), limit),
  ];
  /** Above the warning from minute 1, above the critical from the minute the warning fires: the critical is pending until `criticalFires`. */
  const criticalFires = firesAt(o.fires, pending);
  const escalating = (through: number) =>
    gauge(through, [
      [0, quiet * UNIT],
      [o.start, counts.aboveWarning * UNIT],
      [o.fires, counts.aboveCritical * UNIT],
    ]);

  const summary = 'A CdB container is close to its memory limit.';
  const description = (name: string, value: string, then: string) => `Container ${name} uses ${value} of its memory limit: ${then}`;
  const WARNING_THEN = 'if it keeps growing the kernel OOM-kills it.';
  const CRITICAL_THEN = 'the kernel OOM-kills it at the next allocation spike.';
  const firing = (c: Container, units: number, then: string) => [
    { labels: { name: c.name, service: c.name }, description: description(c.name, humanizePercentage(share(units)), then) },
  ];
  const asWarning = (alerts: ReturnType<typeof firing>) => alerts.map((f) => ({ ...f, severity: 'warning' as const }));

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
      scenario(`a working set at ${percent(share(counts.aboveWarning))} of the limit, just above the ${percent(warningRatio)} warning, fires the warning at minute ${o.fires}, after its ${pending} for`, {
        input: memory(core, rising(quiet, counts.aboveWarning)),
        at: at(o.fires),
        fires: firing(core, counts.aboveWarning, WARNING_THEN),
        proves: ['firing-minute', 'edge-above'],
      }),
      scenario(`the same working set at ${percent(share(counts.aboveWarning))} stays quiet one minute earlier, at minute ${o.before}`, {
        input: memory(core, rising(quiet, counts.aboveWarning)),
        at: at(o.before),
        fires: 'quiet',
        proves: ['pending'],
      }),
      scenario(
        counts.belowWarning === undefined
          ? `an empty working set, exactly at the ${percent(warningRatio)} warning, stays quiet`
          : `a working set at ${percent(share(quiet))} of the limit, just below the ${percent(warningRatio)} warning, stays quiet`,
        { input: memory(core, o.steady(quiet * UNIT)), at: at(o.fires), fires: 'quiet', proves: ['edge-below'] },
      ),
      // With `for: 0m` the critical fires the minute it holds: it is never pending.
      ...(criticalFires > o.fires
        ? [
            scenario(`the warning keeps firing at ${percent(share(counts.aboveCritical))} while the critical is still pending, at minute ${criticalFires - 1}`, {
              input: memory(core, escalating(criticalFires - 1).notation, gauge(criticalFires - 1, [[0, LIMIT]]).notation),
              at: at(criticalFires - 1),
              fires: firing(core, counts.aboveCritical, WARNING_THEN),
            }),
          ]
        : []),
      scenario('only the container near its limit fires', {
        input: [...memory(core, o.steady(quiet * UNIT)), ...memory(writer, rising(quiet, counts.aboveWarning))],
        at: at(o.fires),
        fires: firing(writer, counts.aboveWarning, WARNING_THEN),
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
      scenario(`a working set at ${percent(share(counts.aboveCritical))} of the limit, just above the ${percent(criticalRatio)} critical, fires the critical, and the warning it mutes, at minute ${o.fires}`, {
        input: memory(core, rising(quiet, counts.aboveCritical)),
        at: at(o.fires),
        fires: [...firing(core, counts.aboveCritical, CRITICAL_THEN), ...asWarning(firing(core, counts.aboveCritical, WARNING_THEN))],
        proves: ['firing-minute', 'edge-above'],
      }),
      scenario(`the same working set at ${percent(share(counts.aboveCritical))} stays quiet one minute earlier, at minute ${o.before}`, {
        input: memory(core, rising(quiet, counts.aboveCritical)),
        at: at(o.before),
        fires: 'quiet',
        proves: ['pending'],
      }),
      scenario(`a working set at ${percent(share(counts.belowCritical))} of the limit, just below the ${percent(criticalRatio)} critical, fires the warning alone`, {
        input: memory(core, rising(quiet, counts.belowCritical)),
        at: at(o.fires),
        fires: asWarning(firing(core, counts.belowCritical, WARNING_THEN)),
        proves: ['edge-below'],
      }),
      scenario('a container without a memory limit stays quiet', {
        input: memory(core, o.steady(counts.aboveCritical * UNIT), o.steady(0)),
        at: at(o.fires),
        fires: 'quiet',
      }),
    ],
  });
  return [cdbContainerMemoryNearLimitWarning, cdbContainerMemoryNearLimitCritical];
}
