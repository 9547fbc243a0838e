/** CdbTargetDown: Prometheus cannot scrape one of its targets. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at } from '../../engine/rules/derive';
import { eq, notEqual, select } from '../../engine/promql';
import { EXPORTER_JOBS } from '../../config/services';
import { exporters } from '../../catalog';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, exporterTargetLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';
import { outage } from './outage';

export function cdbTargetDown(settings: Settings): AlertModel {
  const { for: pending } = settings.thresholds.CdbTargetDown;
  type Target = { job: string; instance: string; service: string };
  const core = targetLabels('cdb_core');
  const redisExporter = exporterTargetLabels('redis');
  const up = (target: Target, values: string) => series(select(exporters.up, target), values);
  const description = (t: Target) =>
    `Prometheus cannot scrape ${t.instance} (job ${t.job}) of ${t.service}: its metrics are missing and the alerts about it are blind.`;
  const firing = (t: Target) => [{ labels: t, description: description(t) }];
  const blackboxProbe = { job: EXPORTER_JOBS.blackbox.job, instance: 'http://cdb_core:8002/health', service: 'cdb_core' };
  const o = outage(pending);
  const recovered = o.recovered(1, 0);

  const cdbTargetDown = alert({
    name: 'CdbTargetDown',
    // Health probes report through blackbox_http's `up`; a dead probe exporter is CdbBlackboxExporterDown, not a down service.
    expr: eq(select(exporters.up, { job: notEqual(EXPORTER_JOBS.blackbox.job) }), 0),
    for: pending,
    severity: 'critical',
    labels: cdbLabels('system'),
    summary: 'A scrape target is down.',
    description: description({ job: '{{ $labels.job }}', instance: '{{ $labels.instance }}', service: '{{ $labels.service }}' }),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'Scrape targets up by service' },
    runbook: {
      meaning: `\`up\` has been 0 for ${pending}: every scrape of the target fails (connection refused, timeout, or /metrics answering with an error). For an application job (cdb_ws, cdb_core, cdb_risk, cdb_execution, cdb_db_writer, cdb_paper_runner) the service itself is down or hanging. For an exporter job (redis_exporter, postgres_exporter, node_exporter, cadvisor) it is the exporter that cannot be scraped: the \`service\` label names what the exporter watches, which may itself be fine. A target that keeps coming back before ${pending} have passed is CdbTargetFlapping's.`,
      impact:
        'A down application service stops its stage of the flow (market data → signals → risk → execution → PostgreSQL), so the block loses signals or paper trades from that moment. Its own symptom alerts are muted while this alert fires (inhibition on `service`), so this page is the only notice. A down exporter leaves Redis, PostgreSQL, the host or the containers unwatched for the rest of the block.',
      diagnose: [
        'Prometheus → Status → Targets shows the scrape error of the target: "connection refused" (process gone), "context deadline exceeded" (hanging), or an HTTP status (the /metrics handler fails).',
        'Open the system dashboard, "Scrape targets up by service" and "Container restarts in the last hour": a target that flaps together with restarts is a crash loop (CdbContainerRestarting).',
        'On the host: `docker ps -a --filter name=<service>` for the container state and exit code, then `docker logs --tail 200 <service>`.',
        'From the Prometheus container, fetch the target the way Prometheus does: `docker exec cdb_prometheus wget -qO- http://<instance>/metrics | head`.',
        'Redis_exporter or postgres_exporter down with `redis_up`/`pg_up` missing is an exporter problem, not a Redis or PostgreSQL one.',
      ],
      mitigate: [
        'Start or restart the container: `docker compose up -d <service>` (or `docker restart <service>` when it hangs). If it exits again, read its logs before the next restart.',
        'For an exporter, restart the exporter container; the service it watches does not need a restart.',
        'Record the outage window in the block log: signals and paper trades missing in that window are not evidence about the strategies.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario(`a target down from minute ${o.start} fires with its labels at minute ${o.fires}, after its ${pending} for`, {
        input: [up(core, o.values(1, 0))],
        at: at(o.fires),
        fires: firing(core),
        proves: ['firing-minute'],
      }),
      scenario(`the same outage stays quiet one minute earlier, at minute ${o.before}`, { input: [up(core, o.values(1, 0))], at: at(o.before), fires: 'quiet', proves: ['pending'] }),
      scenario('a target that is up stays quiet', { input: [up(core, o.steady(1))], at: at(o.fires), fires: 'quiet' }),
      // With `for: 0m` no outage is shorter than the for duration.
      ...(recovered
        ? [
            scenario(`a target back up at minute ${o.fires}, when its ${pending} for would have passed, stays quiet`, {
              input: [up(core, recovered)],
              at: at(o.fires),
              fires: 'quiet',
            }),
          ]
        : []),
      // Every metric of the exporter (redis_up, redis_pubsub_channels) is lost with it: this page is what tells.
      scenario('only the down exporter target fires, naming the service it watches', {
        input: [up(core, o.steady(1)), up(redisExporter, o.values(1, 0))],
        at: at(o.fires),
        fires: firing(redisExporter),
        proves: ['evidence-loss'],
      }),
      scenario('a dead blackbox exporter does not page every probed service', {
        input: [up(core, o.steady(1)), up(blackboxProbe, o.steady(0))],
        at: at(o.fires),
        fires: 'quiet',
      }),
    ],
  });
  return cdbTargetDown;
}
