/**
 * CdbTargetFlapping, as two rules of the same name: critical for the services of the trading path (the CdB
 * application services, their health probes, and Redis and PostgreSQL as their exporters see them), warning for
 * the monitoring stack and the exporters' own targets. A target down for 30 seconds in every 2 minutes never stays
 * down for CdbTargetDown's or CdbHealthEndpointFailing's `for`, yet the service loses events at every drop: counting
 * the changes of `up` (and of `probe_success`, `redis_up`, `pg_up`) over a window sees it.
 */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at, durationWords } from '../../engine/rules/derive';
import { humanize } from '../../engine/rules/humanize';
import { changes as changesOf, ge, matchesRegex, notMatchesRegex, or, select, type InstantVector, type SeriesSelector } from '../../engine/promql';
import { exporters } from '../../catalog';
import { APPLICATION_SERVICES, EXPORTER_JOBS } from '../../config/services';
import { scrapeJobs } from '../../config/scrape-jobs';
import { DASHBOARD_IDS } from '../../dashboards/common';
import type { RunbookModel } from '../../engine/model/alerts';
import { cdbLabels, exporterTargetLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';
import { changes, expectAlert, firstHolding, gauge, type Samples } from './simulate';

export function cdbTargetFlapping(settings: Settings): AlertModel[] {
  const { window, minChanges } = settings.thresholds.CdbTargetFlapping;
  const NAME = 'CdbTargetFlapping';
  const TRADING_PATH = APPLICATION_SERVICES.join('|');

  const flapping = (s: SeriesSelector<string>) => ge(changesOf(s.over(window)), minChanges);
  const criticalExpr: InstantVector<string> = or(
    or(flapping(select(exporters.up, { service: matchesRegex(TRADING_PATH) })), flapping(select(exporters.probeSuccess, { service: matchesRegex(TRADING_PATH) }))),
    or(flapping(select(exporters.redisUp)), flapping(select(exporters.pgUp))),
  );
  const warningExpr = or(
    flapping(select(exporters.up, { service: notMatchesRegex(TRADING_PATH) })),
    flapping(select(exporters.probeSuccess, { service: notMatchesRegex(TRADING_PATH) })),
  );

  /**
   * Seconds between scenario samples: the fewest that fit `minChanges` changes, one a sample, into the first minute
   * (one a second beyond 60 changes). The alert has no `for`: it fires the minute the window holds them.
   */
  const interval = [60, 30, 20, 15, 12, 10, 6, 5, 4, 3, 2, 1].find((i) => i * minChanges <= 60) ?? 1;
  const sampling = `${interval}s` as const;
  const every = interval === 60 ? 'every minute' : `every ${interval}s`;
  /** Up at minute 0, then `count` changes between down and up, one a sample, then steady, through minute `through`. */
  const burst = (count: number, through: number): Samples =>
    gauge(through, [[0, 1], ...Array.from({ length: count }, (_, k) => [((k + 1) * interval) / 60, k % 2 === 0 ? 0 : 1] as const)], interval);
  const holds = (s: Samples) => (minute: number) => (changes(s, minute, window) ?? 0) >= minChanges;
  const horizon = Math.ceil((minChanges * interval) / 60) + 1;
  /** The minute the window first holds `minChanges` changes: with no `for`, the alert fires then. */
  const fires = firstHolding(holds(burst(minChanges, horizon)), 0, horizon)!;
  expectAlert('a burst of minChanges changes', holds(burst(minChanges, fires)), undefined, fires, 'fires');
  expectAlert('a burst of minChanges changes, one minute earlier', holds(burst(minChanges, fires)), undefined, fires - 1, 'quiet');
  expectAlert('a burst of one change fewer', holds(burst(minChanges - 1, fires)), undefined, fires, 'quiet');
  const seen = (s: Samples) => humanize(changes(s, fires, window)!);
  /** A probe result present only at the samples where the probe's scrape (`up`) succeeded: `_` is promtool's missing sample. */
  const onlyWhileUp = (probeUp: Samples) => probeUp.values.map((v) => (v === 1 ? '1' : '_')).join(' ');

  const description = (service: string, job: string, instance: string, value: string) =>
    `${service} (${job}, ${instance}) changed between up and down ${value} times in the last ${durationWords(window)}: it keeps failing for moments too short for CdbTargetDown or CdbHealthEndpointFailing.`;
  type Target = { job: string; instance: string; service: string };
  const firing = (t: Target, s: Samples) => [{ labels: t, description: description(t.service, t.job, t.instance, seen(s)) }];

  const probeOf = (service: string): Target => {
    const probes = scrapeJobs(settings).find((j) => j.job === EXPORTER_JOBS.blackbox.job)!;
    return { job: probes.job, instance: probes.targetGroups.find((g) => g.labels.service === service)!.targets[0]!, service };
  };
  const ws = targetLabels('cdb_ws');
  const writerProbe = probeOf('cdb_db_writer');
  const runnerProbe = probeOf('cdb_paper_runner');
  const redis = exporterTargetLabels('redis');
  const cadvisor = exporterTargetLabels('cadvisor');
  const grafanaProbe = probeOf('cdb_grafana');
  const up = (t: Target, s: Samples) => series(select(exporters.up, t), s.notation);
  const success = (t: Target, s: Samples) => series(select(exporters.probeSuccess, t), s.notation);

  const runbook: RunbookModel = {
    meaning: `Within the last ${window}, the target's \`up\` (or its health probe's \`probe_success\`, or an exporter's \`redis_up\`/\`pg_up\`) changed between 1 and 0 at least ${minChanges} times: it goes down and comes back again and again, each time for less than CdbTargetDown's or CdbHealthEndpointFailing's \`for\`, so neither fires. Critical for the trading path (${APPLICATION_SERVICES.join(', ')}, Redis, PostgreSQL), warning for the monitoring stack and the exporters themselves.`,
    impact:
      'Every drop of a trading-path service loses what it should have handled meanwhile (market data, signals, decisions, orders, writes) and its Redis subscriptions; the block goes on with holes that no other alert explains. A flapping exporter or monitoring component leaves its alerts blind at every drop.',
    diagnose: [
      'Open the system dashboard, "Scrape targets up by service" and "Health endpoint by service": the saw-tooth of the target, and whether others flap with it (the host, the network, Redis).',
      'Container restarts at the same rhythm ("Container restarts in the last hour", `docker inspect -f "{{.RestartCount}}" <container>`) mean a crash loop; none mean a hanging process, an overloaded host or scrapes that time out (Prometheus → Status → Targets shows the last error).',
      '`docker logs --since 30m <service>` around the drops: a stop-the-world pause, a lost connection to Redis or PostgreSQL, an OOM kill.',
      'For a health probe only: compare the probe duration (`probe_duration_seconds`) with its timeout — a health check that is sometimes slower than the timeout flaps.',
    ],
    mitigate: [
      'Crash loop: see CdbContainerRestarting; fix the cause before restarting again.',
      'Timeouts under load: give the service or the host more CPU, or raise the probe or scrape timeout if the service is healthy but slow to answer.',
      'Record the flapping window in the block log: events lost at the drops are missing from the block review.',
    ],
  };

  const critical = alert({
    name: NAME,
    expr: criticalExpr,
    severity: 'critical',
    labels: cdbLabels('system'),
    summary: 'A target keeps going down and coming back.',
    description: description('{{ $labels.service }}', '{{ $labels.job }}', '{{ $labels.instance }}', '{{ $value | humanize }}'),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'Scrape targets up by service' },
    runbook,
    source: import.meta.url,
    scenarios: [
      scenario(`cdb_ws changing between up and down ${every} from minute 0, ${minChanges} times, fires at minute ${fires}, when the ${window} window holds ${minChanges} changes`, {
        input: [up(ws, burst(minChanges, fires))],
        at: at(fires),
        interval: sampling,
        fires: firing(ws, burst(minChanges, fires)),
        proves: ['firing-minute', 'edge-above'],
      }),
      scenario(`the same flapping stays quiet one minute earlier, at minute ${fires - 1}`, {
        input: [up(ws, burst(minChanges, fires))],
        at: at(fires - 1),
        interval: sampling,
        fires: 'quiet',
        proves: ['pending'],
      }),
      scenario(`${minChanges - 1} changes, one fewer than ${minChanges}, stay quiet`, {
        input: [up(ws, burst(minChanges - 1, fires))],
        at: at(fires),
        interval: sampling,
        fires: 'quiet',
        proves: ['edge-below'],
      }),
      // The probe's scrape fails at every other sample, so probe_success is missing then: its flapping `up` still tells.
      scenario('a cdb_db_writer health probe whose scrape keeps failing fires for that probe', {
        input: [up(writerProbe, burst(minChanges, fires)), series(select(exporters.probeSuccess, writerProbe), onlyWhileUp(burst(minChanges, fires)))],
        at: at(fires),
        interval: sampling,
        fires: firing(writerProbe, burst(minChanges, fires)),
        proves: ['evidence-loss'],
      }),
      scenario('a cdb_paper_runner health endpoint failing every other probe fires', {
        input: [up(runnerProbe, gauge(fires, [[0, 1]], interval)), success(runnerProbe, burst(minChanges, fires))],
        at: at(fires),
        interval: sampling,
        fires: firing(runnerProbe, burst(minChanges, fires)),
      }),
      scenario('Redis flapping behind a steady redis_exporter fires', {
        input: [up(redis, gauge(fires, [[0, 1]], interval)), series(select(exporters.redisUp, redis), burst(minChanges, fires).notation)],
        at: at(fires),
        interval: sampling,
        fires: firing(redis, burst(minChanges, fires)),
      }),
      scenario('a target down for good is CdbTargetDown\'s, not flapping', {
        input: [up(ws, burst(1, fires))],
        at: at(fires),
        interval: sampling,
        fires: 'quiet',
      }),
    ],
  });

  const warning = alert({
    name: NAME,
    expr: warningExpr,
    severity: 'warning',
    labels: cdbLabels('system'),
    summary: 'A target keeps going down and coming back.',
    description: description('{{ $labels.service }}', '{{ $labels.job }}', '{{ $labels.instance }}', '{{ $value | humanize }}'),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'Scrape targets up by service' },
    runbook,
    source: import.meta.url,
    scenarios: [
      scenario(`cAdvisor changing between up and down ${every} from minute 0, ${minChanges} times, fires the warning at minute ${fires}`, {
        input: [up(cadvisor, burst(minChanges, fires))],
        at: at(fires),
        interval: sampling,
        fires: firing(cadvisor, burst(minChanges, fires)),
        proves: ['firing-minute', 'edge-above'],
      }),
      scenario(`the same flapping exporter stays quiet one minute earlier, at minute ${fires - 1}`, {
        input: [up(cadvisor, burst(minChanges, fires))],
        at: at(fires - 1),
        interval: sampling,
        fires: 'quiet',
        proves: ['pending'],
      }),
      scenario(`${minChanges - 1} changes of an exporter, one fewer than ${minChanges}, stay quiet`, {
        input: [up(cadvisor, burst(minChanges - 1, fires))],
        at: at(fires),
        interval: sampling,
        fires: 'quiet',
        proves: ['edge-below'],
      }),
      scenario('a flapping Grafana health endpoint fires the warning', {
        input: [up(grafanaProbe, gauge(fires, [[0, 1]], interval)), success(grafanaProbe, burst(minChanges, fires))],
        at: at(fires),
        interval: sampling,
        fires: firing(grafanaProbe, burst(minChanges, fires)),
      }),
    ],
  });
  return [critical, warning];
}
