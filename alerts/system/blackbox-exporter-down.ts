/** CdbBlackboxExporterDown: no health probe answers, because the probing exporter itself is gone. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at } from '../../engine/rules/derive';
import { eq, max, select } from '../../engine/promql';
import { exporters } from '../../catalog';
import { EXPORTER_JOBS } from '../../config/services';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';
import { outage } from './outage';

export function cdbBlackboxExporterDown(settings: Settings): AlertModel {
  const { for: pending } = settings.thresholds.CdbBlackboxExporterDown;
  const job = EXPORTER_JOBS.blackbox.job;
  const probe = (service: string, port: number, values: string) =>
    series(select(exporters.up, { job, instance: `http://${service}:${port}/health`, service }), values);
  const description = 'None of the health probes can be scraped: cdb_blackbox_exporter does not answer.';
  const o = outage(pending);

  const cdbBlackboxExporterDown = alert({
    name: 'CdbBlackboxExporterDown',
    expr: eq(max(select(exporters.up, { job })), 0),
    for: pending,
    // Every health check is blind while it lasts: a loss of evidence of CdbHealthEndpointFailing, so it pages too.
    severity: 'critical',
    labels: { ...cdbLabels('system'), service: 'cdb_blackbox_exporter' },
    summary: 'The health-probe exporter is down: no health endpoint is watched.',
    description,
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'Health endpoint by service' },
    runbook: {
      meaning: `Every target of the \`${job}\` job has \`up\` 0 for ${pending}: Prometheus reaches none of the probes, so the exporter that runs them is down, not the services.`,
      impact: 'CdbHealthEndpointFailing cannot fire for any service until it is back: a hanging or unhealthy service goes unnoticed. Scrape-based alerts (CdbTargetDown) still work.',
      diagnose: ['`docker ps -a --filter name=cdb_blackbox_exporter` and its logs; a config error in its modules file keeps it from starting.'],
      mitigate: ['Restart cdb_blackbox_exporter; if its configuration changed, restore the previous one.'],
    },
    source: import.meta.url,
    scenarios: [
      scenario(`all probes unscrapable from minute ${o.start} fire once, at minute ${o.fires}, after its ${pending} for`, {
        input: [probe('cdb_core', 8002, o.values(1, 0)), probe('cdb_risk', 8003, o.values(1, 0))],
        at: at(o.fires),
        fires: [{ labels: {}, description }],
        proves: ['firing-minute', 'evidence-loss'],
        guards: ['CdbHealthEndpointFailing', 'CdbHealthUnknown'],
      }),
      scenario(`the same outage stays quiet one minute earlier, at minute ${o.before}`, {
        input: [probe('cdb_core', 8002, o.values(1, 0)), probe('cdb_risk', 8003, o.values(1, 0))],
        at: at(o.before),
        fires: 'quiet',
        proves: ['pending'],
      }),
      scenario('one probe target down is that probe\'s problem (CdbHealthUnknown), not the exporter', {
        input: [probe('cdb_core', 8002, o.values(1, 0)), probe('cdb_risk', 8003, o.steady(1))],
        at: at(o.fires),
        fires: 'quiet',
      }),
    ],
  });
  return cdbBlackboxExporterDown;
}
