/** CdbPrometheusConfigReloadFailed: Prometheus runs an older configuration than the one it was given. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at } from '../../engine/rules/derive';
import { eq, select } from '../../engine/promql';
import { exporters } from '../../catalog';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';
import { outage } from './outage';

export function cdbPrometheusConfigReloadFailed(settings: Settings): AlertModel {
  const { for: pending } = settings.thresholds.CdbPrometheusConfigReloadFailed;
  const prometheus = targetLabels('cdb_prometheus');
  const reloadOk = (values: string) => series(select(exporters.prometheusConfigLastReloadSuccessful, prometheus), values);
  const description = (instance: string) =>
    `Prometheus ${instance} failed to reload its configuration: it still scrapes, records and alerts with the previous one.`;

  const o = outage(pending);
  const fixed = o.recovered(1, 0);

  const cdbPrometheusConfigReloadFailed = alert({
    name: 'CdbPrometheusConfigReloadFailed',
    expr: eq(select(exporters.prometheusConfigLastReloadSuccessful), 0),
    for: pending,
    severity: 'warning',
    labels: cdbLabels('system'),
    summary: 'Prometheus failed to reload its configuration.',
    description: description('{{ $labels.instance }}'),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'Prometheus config loaded' },
    runbook: {
      meaning: `\`prometheus_config_last_reload_successful\` has been 0 for ${pending}: the last reload (SIGHUP, /-/reload, or a restart of the config-reloader) rejected prometheus.yml or a rule file. Prometheus keeps running the configuration it loaded before.`,
      impact:
        'The new scrape jobs, recording rules or alerts are not active: a fix you deployed is not running, and the dashboards may query series that are not recorded. Nothing breaks visibly, which is why it needs a ticket.',
      diagnose: [
        'Open the system dashboard, "Prometheus config loaded", for when the reload failed.',
        '`docker logs cdb_prometheus 2>&1 | grep -i "error loading config\\|loading configuration file"` gives the file and the error.',
        'Check the files the container really mounts: `docker exec cdb_prometheus promtool check config /etc/prometheus/prometheus.yml` (it checks the rule files too).',
        'A file edited by hand under generated/ is the usual cause; `git status generated/` shows it.',
      ],
      mitigate: [
        'Rebuild from the definitions with `npm run build:observability` (it runs promtool on everything) instead of editing generated files, then reload.',
        'Do not restart Prometheus while the configuration is invalid: a restart with a broken file does not start at all.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario(`a reload failed at minute ${o.start} fires at minute ${o.fires}, after its ${pending} for`, {
        input: [reloadOk(o.values(1, 0))],
        at: at(o.fires),
        fires: [{ labels: prometheus, description: description(prometheus.instance) }],
        proves: ['firing-minute'],
      }),
      scenario(`the same failed reload stays quiet one minute earlier, at minute ${o.before}`, { input: [reloadOk(o.values(1, 0))], at: at(o.before), fires: 'quiet', proves: ['pending'] }),
      // With `for: 0m` no fix comes within the for duration.
      ...(fixed
        ? [
            scenario(`a failed reload fixed at minute ${o.fires}, when its ${pending} for would have passed, stays quiet`, {
              input: [reloadOk(fixed)],
              at: at(o.fires),
              fires: 'quiet',
            }),
          ]
        : []),
      scenario('a successful reload stays quiet', { input: [reloadOk(o.steady(1))], at: at(o.fires), fires: 'quiet' }),
    ],
  });
  return cdbPrometheusConfigReloadFailed;
}
