/** CdbContainerCpuNearLimit: a CdB container uses nearly all of its CPU quota. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at, countsAround, firesAt, minutesOf } from '../../engine/rules/derive';
import { humanizePercentage } from '../../engine/rules/humanize';
import { div, gt, max, select } from '../../engine/promql';
import { exporters } from '../../catalog';
import { containerCpu } from '../../recording-rules/system';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels } from '../common';
import { CDB_CONTAINERS, containerLabels, serviceFromContainerName } from './containers';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';
import { percent } from './ratios';
import { alertStates, counter, expectAlert, firstHolding, gauge, rate, ruleWindow, type Samples } from './simulate';

export function cdbContainerCpuNearLimit(settings: Settings): AlertModel {
  const { ratio, for: pending } = settings.thresholds.CdbContainerCpuNearLimit;
  /**
   * CPUs a container may use: CFS quota / period. cAdvisor exposes the quota only for containers that have one;
   * `> 0` also drops a quota of -1 (unlimited), so containers without a limit never match.
   */
  const cpusAllowed = div(
    gt(max.by(['name'], select(exporters.containerSpecCpuQuota, CDB_CONTAINERS)), 0),
    max.by(['name'], select(exporters.containerSpecCpuPeriod, CDB_CONTAINERS)),
  );

  const core = containerLabels('cdb_core');
  const risk = containerLabels('cdb_risk');
  type Container = ReturnType<typeof containerLabels>;
  const usage = (c: Container, values: Samples) => series(select(exporters.containerCpuUsageSecondsTotal, { ...c, cpu: 'total' }), values.notation);
  /** A CFS quota of half a CPU (`cpus: 0.5` in the compose file). */
  const QUOTA = 50000;
  const PERIOD = 100000;
  const halfCpu = (c: Container, through: number) => [
    series(select(exporters.containerSpecCpuQuota, c), gauge(through, [[0, QUOTA]]).notation),
    series(select(exporters.containerSpecCpuPeriod, c), gauge(through, [[0, PERIOD]]).notation),
  ];
  const description = (name: string, value: string) =>
    `Container ${name} uses ${value} of its CPU quota: the kernel throttles it and its stage of the flow falls behind.`;

  /** Uses just above and just below the threshold, as counts out of `total` of the quota (below: none for a ratio of 0). */
  const { total, above, below } = countsAround(ratio);
  /** CPU seconds a minute that use `share` of half a CPU. */
  const perMinute = (share: number) => share * (QUOTA / PERIOD) * 60;
  /** The rule's window: the use the alert sees is the counter's rate over it. */
  const window = ruleWindow(containerCpu);
  /** What the alert expression returns at `minute` for a container with the half-CPU quota. */
  const quotaUsed = (s: Samples, minute: number) => {
    const r = rate(s, minute, window);
    return r === undefined ? undefined : r / (QUOTA / PERIOD);
  };
  const holds = (s: Samples) => (minute: number) => (quotaUsed(s, minute) ?? 0) > ratio;
  /** Enough minutes for the rate's window to fill: after it, a steady use is seen as it is. */
  const settled = Math.ceil(minutesOf(window)) + 1;

  /** A use just above the threshold from minute 0: the window's rate passes the threshold at `crosses`, and the alert fires `for` later. */
  const busy = (through: number) => counter(through, [[0, perMinute(above / total)]]);
  const crosses = firstHolding(holds(busy(settled)), 0, settled)!;
  const fires = firesAt(crosses, pending);
  const idle = below === undefined ? 0 : perMinute(below / total);
  expectAlert('a use just above the threshold', holds(busy(fires)), pending, fires, 'fires');
  expectAlert('a use just below the threshold', holds(counter(fires, [[0, idle]])), pending, fires, 'quiet');
  /**
   * The longest burst at the busy use, from minute 0, that never fires by `fires`: the rate falls back under the
   * threshold before `for` has passed. None with `for: 0m`.
   */
  const spiking = (minutes: number, through: number) => counter(through, [[0, perMinute(above / total)], [minutes + 1, 0]]);
  const spike = Array.from({ length: fires }, (_, i) => fires - i).find((minutes) => {
    // Long enough for the rate to fall back to 0 after the spike: the alert never fires, not only not by `fires`.
    const s = spiking(minutes, fires + settled);
    return !alertStates(holds(s), pending, fires + settled).includes('firing') && firstHolding(holds(s), 0, fires) !== undefined;
  });
  /** The minutes the spike's rate is above the threshold. */
  const spikeHolds = spike === undefined ? [] : Array.from({ length: fires + settled + 1 }, (_, t) => t).filter(holds(spiking(spike, fires + settled)));

  const cdbContainerCpuNearLimit = alert({
    name: 'CdbContainerCpuNearLimit',
    expr: gt(serviceFromContainerName(div(select(containerCpu), cpusAllowed)), ratio),
    for: pending,
    severity: 'warning',
    labels: cdbLabels('system'),
    summary: 'A CdB container is using nearly all of its CPU quota.',
    description: description('{{ $labels.name }}', '{{ $value | humanizePercentage }}'),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'CPU by container' },
    runbook: {
      meaning: `For ${pending}, the container's CPU use (5-minute rate of container_cpu_usage_seconds_total) has been above ${Math.round(ratio * 100)} % of the CPUs its CFS quota allows (container_spec_cpu_quota / container_spec_cpu_period). Only containers with a CPU limit are watched. The \`service\` label is the container name.`,
      impact:
        'A container at its quota is throttled: cdb_ws falls behind the exchange feed (stale prices, CdbMarketDataStale), cdb_core and cdb_risk add latency to every signal, cdb_db_writer builds a backlog. Over a 72-hour block this shows up as latency alerts and skewed execution prices rather than an outage.',
      diagnose: [
        'Open the system dashboard, "CPU by container": a step up after a deploy points at the code; a slow climb points at growing state (more symbols, a growing in-memory buffer).',
        'Check how often it is throttled: `rate(container_cpu_cfs_throttled_periods_total{name="<container>"}[5m]) / rate(container_cpu_cfs_periods_total{name="<container>"}[5m])`.',
        'Check whether the load is real work: the layer\'s own dashboard (message rate for cdb_ws, evaluations per strategy for cdb_core, decisions for cdb_risk, write rate for cdb_db_writer).',
        '`docker stats --no-stream <container>` for the live view.',
      ],
      mitigate: [
        'If the load is legitimate, raise the container\'s `cpus` limit in the compose file and recreate it between blocks, or now if latency alerts already fire.',
        'If a deploy made it expensive, roll it back.',
        'If the host itself is saturated (node_load1 above the core count), a higher limit does not help: reduce the work (fewer symbols screened) instead.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario(`a container at ${percent(above / total)} of its quota, just above the ${percent(ratio)} threshold, fires at minute ${fires}: its ${window} rate passes the threshold at minute ${crosses}, then its ${pending} for`, {
        input: [usage(core, busy(fires)), ...halfCpu(core, fires)],
        at: at(fires),
        fires: [{ labels: { name: core.name, service: core.name }, description: description(core.name, humanizePercentage(quotaUsed(busy(fires), fires)!)) }],
        proves: ['firing-minute', 'edge-above'],
      }),
      scenario(`the same container stays quiet one minute earlier, at minute ${fires - 1}`, {
        input: [usage(core, busy(fires)), ...halfCpu(core, fires)],
        at: at(fires - 1),
        fires: 'quiet',
        proves: ['pending'],
      }),
      scenario(
        below === undefined
          ? `an idle container, exactly at the ${percent(ratio)} threshold, stays quiet`
          : `a container at ${percent(below / total)} of its quota, just below the ${percent(ratio)} threshold, stays quiet`,
        { input: [usage(core, counter(fires, [[0, idle]])), ...halfCpu(core, fires)], at: at(fires), fires: 'quiet', proves: ['edge-below'] },
      ),
      // With `for: 0m` every minute above the threshold fires: no spike is too short.
      ...(spike !== undefined
        ? [
            scenario(`a spike at ${percent(above / total)} until minute ${spike}, above the threshold from minute ${spikeHolds[0]} to ${spikeHolds[spikeHolds.length - 1]}, shorter than its ${pending} for, stays quiet`, {
              input: [usage(core, spiking(spike, fires)), ...halfCpu(core, fires)],
              at: at(fires),
              fires: 'quiet',
            }),
          ]
        : []),
      scenario('a container without a CPU quota stays quiet at any use', {
        input: [usage(risk, counter(fires, [[0, 120]]))],
        at: at(fires),
        fires: 'quiet',
      }),
    ],
  });
  return cdbContainerCpuNearLimit;
}
