/** CdbHealthEndpointFailing: a service's health endpoint fails its blackbox probe. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at } from '../../engine/rules/derive';
import { eq, select } from '../../engine/promql';
import { exporters } from '../../catalog';
import { EXPORTER_JOBS } from '../../config/services';
import { scrapeJobs } from '../../config/scrape-jobs';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';
import { gauge } from './simulate';
import { outage } from './outage';

export function cdbHealthEndpointFailing(settings: Settings): AlertModel {
  const { for: pending } = settings.thresholds.CdbHealthEndpointFailing;
  /** Target labels of the blackbox_http probe of a service, as prometheus.yml sets them: `instance` is the probed URL. */
  function probeLabels(service: 'cdb_risk' | 'cdb_db_writer') {
    const job = scrapeJobs(settings).find((j) => j.job === EXPORTER_JOBS.blackbox.job)!;
    const group = job.targetGroups.find((g) => g.labels.service === service)!;
    return { job: job.job, instance: group.targets[0]!, service };
  }
  type Probe = ReturnType<typeof probeLabels>;
  const risk = probeLabels('cdb_risk');
  const writer = probeLabels('cdb_db_writer');
  const probe = (p: Probe, values: string) => series(select(exporters.probeSuccess, p), values);
  const description = (instance: string, service: string) =>
    `The health endpoint ${instance} of ${service} fails its blackbox probe: the service answers with an error or not at all.`;
  const firing = (p: Probe) => [{ labels: p, description: description(p.instance, p.service) }];
  const o = outage(pending);

  const cdbHealthEndpointFailing = alert({
    name: 'CdbHealthEndpointFailing',
    expr: eq(select(exporters.probeSuccess), 0),
    for: pending,
    severity: 'critical',
    labels: cdbLabels('system'),
    summary: 'A service health endpoint is failing.',
    description: description('{{ $labels.instance }}', '{{ $labels.service }}'),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'Health endpoint by service' },
    runbook: {
      meaning: `The http_2xx probe of cdb_blackbox_exporter has not had a 2xx answer from the service's health endpoint (/health, or /-/healthy and /api/health for Prometheus and Grafana) for ${pending}: connection refused, a timeout, or an error status. The process may still serve /metrics (no CdbTargetDown) while it reports itself unhealthy, typically because it lost Redis or PostgreSQL. A probe that cannot run at all is CdbHealthUnknown (one probe) or CdbBlackboxExporterDown (every probe).`,
      impact:
        'An unhealthy service does not do its part of the flow: cdb_ws delivers no prices, cdb_core no signals, cdb_risk no decisions, cdb_execution no paper trades, cdb_db_writer no records. The block loses evidence for as long as it lasts; the service\'s own symptom alerts are muted meanwhile (inhibition on `service`).',
      diagnose: [
        'Open the system dashboard, "Health endpoint by service": one service failing points at that service; all failing at once points at cdb_blackbox_exporter (`up{job="blackbox_http"}`) or at a shared dependency (CdbRedisDown, CdbPostgresDown).',
        'Tell a dead endpoint from an unhealthy one: `probe_http_status_code{service="<service>"}` is 0 when nothing answered and 503 (or another error) when the service reports itself unhealthy; `probe_duration_seconds` near the probe timeout means it hangs.',
        'Read the answer the probe gets: `docker exec cdb_prometheus wget -S -qO- <instance>`; the body names the failing check when the service reports one.',
        'Compare with `up{service="<service>"}` and `docker logs --tail 200 <service>` for connection errors to cdb_redis or cdb_postgres.',
      ],
      mitigate: [
        'If a dependency is down, restore it first (Redis, PostgreSQL); the service usually recovers on its own once it reconnects.',
        'If the service hangs or does not reconnect, restart it: `docker restart <service>`, and watch the panel turn OK.',
        'Record the unhealthy window in the block log.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario(`a probe failing from minute ${o.start} fires with its labels at minute ${o.fires}, after its ${pending} for`, {
        input: [probe(risk, o.values(1, 0))],
        at: at(o.fires),
        fires: firing(risk),
        proves: ['firing-minute'],
      }),
      scenario(`the same failure stays quiet one minute earlier, at minute ${o.before}`, { input: [probe(risk, o.values(1, 0))], at: at(o.before), fires: 'quiet', proves: ['pending'] }),
      // With `for: 0m` a single failed probe is enough to fire.
      ...(o.fires > o.start
        ? [
            scenario(`a single failed probe among successes stays quiet at minute ${o.fires}`, {
              input: [probe(risk, gauge(o.fires, [[0, 1], [o.start, 0], [o.start + 1, 1]]).notation)],
              at: at(o.fires),
              fires: 'quiet',
            }),
          ]
        : []),
      scenario('succeeding probes stay quiet', { input: [probe(risk, o.steady(1)), probe(writer, o.steady(1))], at: at(o.fires), fires: 'quiet' }),
      scenario('only the failing service fires', {
        input: [probe(risk, o.steady(1)), probe(writer, o.values(1, 0))],
        at: at(o.fires),
        fires: firing(writer),
      }),
    ],
  });
  return cdbHealthEndpointFailing;
}
