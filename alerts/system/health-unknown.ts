/**
 * CdbHealthUnknown: the blackbox probe of a service's health endpoint cannot be scraped, or is scraped and returns
 * no `probe_success`, while other probes work: CdbHealthEndpointFailing, which reads `probe_success`, cannot fire
 * for that service. All probes failing at once is the probe exporter itself (CdbBlackboxExporterDown).
 *
 * A separate alert, not a second condition of CdbHealthEndpointFailing: that one mutes the service's symptom alerts
 * (an unhealthy service explains them), and a probe that cannot run says nothing about the service, so it must mute
 * nothing.
 */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at } from '../../engine/rules/derive';
import { eq, max, or, select, unless } from '../../engine/promql';
import { exporters } from '../../catalog';
import { EXPORTER_JOBS } from '../../config/services';
import { scrapeJobs } from '../../config/scrape-jobs';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';
import { gauge } from './simulate';
import { outage } from './outage';
import { vanished } from './vanished';

export function cdbHealthUnknown(settings: Settings): AlertModel {
  const { for: pending } = settings.thresholds.CdbHealthUnknown;
  const job = EXPORTER_JOBS.blackbox.job;
  /** Target labels of the blackbox_http probe of a service, as prometheus.yml sets them: `instance` is the probed URL. */
  function probeLabels(service: 'cdb_ws' | 'cdb_core') {
    const probes = scrapeJobs(settings).find((j) => j.job === job)!;
    const group = probes.targetGroups.find((g) => g.labels.service === service)!;
    return { job, instance: group.targets[0]!, service };
  }
  type Probe = ReturnType<typeof probeLabels>;
  const ws = probeLabels('cdb_ws');
  const core = probeLabels('cdb_core');
  const probeUp = (p: Probe, values: string) => series(select(exporters.up, p), values);
  const success = (p: Probe, values: string) => series(select(exporters.probeSuccess, p), values);
  const description = (service: string, instance: string) =>
    `The health of ${service} is unknown: the probe of ${instance} cannot be scraped or returns no probe_success, so a failing health endpoint would not be told.`;
  const firing = (p: Probe) => [{ labels: p, description: description(p.service, p.instance) }];

  const probes = select(exporters.up, { job });
  const expr = or(
    // A probe whose scrape fails, unless every probe's does (the exporter is down: CdbBlackboxExporterDown).
    unless(eq(probes, 0), eq(max(probes), 0), { on: [] }),
    // A probe scraped without a result.
    unless(eq(probes, 1), select(exporters.probeSuccess), { on: ['job', 'instance'] }),
  );

  /** The cdb_ws probe's scrape failing from minute 1 on while cdb_core's works. */
  const o = outage(pending);
  const unscraped = [probeUp(ws, o.values(1, 0)), success(ws, gauge(o.start - 1, [[0, 1]]).notation), probeUp(core, o.steady(1)), success(core, o.steady(1))];
  /** The cdb_ws probe scraped on, its probe_success reported only until minute 1. */
  const v = vanished(pending);
  const withoutResult = [probeUp(ws, gauge(v.fires, [[0, 1]]).notation), success(ws, v.values(1)), probeUp(core, gauge(v.fires, [[0, 1]]).notation), success(core, gauge(v.fires, [[0, 1]]).notation)];

  const cdbHealthUnknown = alert({
    name: 'CdbHealthUnknown',
    expr,
    for: pending,
    severity: 'critical',
    labels: cdbLabels('system'),
    summary: 'The health of a service is unknown: its probe cannot run.',
    description: description('{{ $labels.service }}', '{{ $labels.instance }}'),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'Health endpoint by service' },
    runbook: {
      meaning: `For ${pending}, Prometheus has failed to scrape the \`${job}\` probe of this service's health endpoint (\`up\` 0 while other probes work), or scraped it without a \`probe_success\`. CdbHealthEndpointFailing reads \`probe_success\`: without it, a service that stops answering its health check is not told.`,
      impact:
        'The service\'s health is unwatched until the probe works again: a hanging or unhealthy service that still serves /metrics goes unnoticed, and its stage of the flow can stop without a page.',
      diagnose: [
        'Prometheus → Status → Targets, job `blackbox_http`: the scrape error of this probe ("context deadline exceeded" is a probe slower than the scrape timeout; an HTTP 400 is an unknown module).',
        'Run the probe by hand: `docker exec cdb_prometheus wget -qO- "http://cdb_blackbox_exporter:9115/probe?module=http_2xx&target=<instance>"`, and read `probe_success` in the answer.',
        'Compare with the probe module\'s timeout in the blackbox configuration: it must be shorter than the scrape timeout.',
      ],
      mitigate: [
        'Fix the probe (module name, timeout, target URL in config/services.ts), rebuild and reload Prometheus.',
        'Until then, check the service by hand (`docker exec cdb_prometheus wget -S -qO- <instance>`) and record the unwatched window in the block log.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario(`the cdb_ws probe unscrapable from minute ${o.start} fires at minute ${o.fires}, after its ${pending} for`, {
        input: unscraped,
        at: at(o.fires),
        fires: firing(ws),
        proves: ['firing-minute', 'evidence-loss'],
        guards: ['CdbHealthEndpointFailing'],
      }),
      scenario(`the same probe stays quiet one minute earlier, at minute ${o.before}`, { input: unscraped, at: at(o.before), fires: 'quiet', proves: ['pending'] }),
      scenario(`the cdb_ws probe scraped without probe_success after minute ${v.lastSample} fires at minute ${v.fires}: absent from minute ${v.gone}, then its ${pending} for`, {
        input: withoutResult,
        at: at(v.fires),
        fires: firing(ws),
        proves: ['firing-minute', 'evidence-loss'],
        guards: ['CdbHealthEndpointFailing'],
      }),
      scenario('probes scraped with their results stay quiet', {
        input: [probeUp(ws, o.steady(1)), success(ws, o.steady(1)), probeUp(core, o.steady(1)), success(core, o.steady(1))],
        at: at(o.fires),
        fires: 'quiet',
      }),
      scenario('every probe unscrapable stays quiet: the probe exporter is down, CdbBlackboxExporterDown pages', {
        input: [probeUp(ws, o.values(1, 0)), probeUp(core, o.values(1, 0))],
        at: at(o.fires),
        fires: 'quiet',
      }),
    ],
  });
  return cdbHealthUnknown;
}
