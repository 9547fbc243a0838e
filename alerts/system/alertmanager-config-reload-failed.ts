/** CdbAlertmanagerConfigReloadFailed: Alertmanager routes with an older configuration than the one it was given. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at } from '../../engine/rules/derive';
import { eq, select } from '../../engine/promql';
import { exporters } from '../../catalog';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, exporterTargetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';
import { outage } from './outage';

export function cdbAlertmanagerConfigReloadFailed(settings: Settings): AlertModel {
  const { for: pending } = settings.thresholds.CdbAlertmanagerConfigReloadFailed;
  const alertmanager = exporterTargetLabels('alertmanager');
  const reloadOk = (values: string) => series(select(exporters.alertmanagerConfigLastReloadSuccessful, alertmanager), values);
  const description = (instance: string) =>
    `Alertmanager ${instance} failed to reload its configuration: it still routes and inhibits with the previous one.`;

  const o = outage(pending);
  const fixed = o.recovered(1, 0);

  const cdbAlertmanagerConfigReloadFailed = alert({
    name: 'CdbAlertmanagerConfigReloadFailed',
    expr: eq(select(exporters.alertmanagerConfigLastReloadSuccessful), 0),
    for: pending,
    severity: 'warning',
    labels: cdbLabels('system'),
    summary: 'Alertmanager failed to reload its configuration.',
    description: description('{{ $labels.instance }}'),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'Alertmanager config loaded' },
    runbook: {
      meaning: `\`alertmanager_config_last_reload_successful\` has been 0 for ${pending}: Alertmanager rejected the last alertmanager.yml (a syntax error, an unknown field, a secret file that does not exist) and keeps the configuration it loaded before.`,
      impact:
        'New routes, receivers and inhibitions are not active: a page may go to the old receiver or be muted by an old inhibition. If Alertmanager restarts in this state it does not start at all, and no alert reaches anyone (the dead man\'s switch then raises the alarm when Watchdog stops arriving).',
      diagnose: [
        'Open the system dashboard, "Alertmanager config loaded", for when the reload failed.',
        '`docker logs cdb_alertmanager 2>&1 | grep -i "loading configuration file failed"` gives the error.',
        'Check the mounted file: `docker exec cdb_alertmanager amtool check-config /etc/alertmanager/alertmanager.yml`; also check that every `*_file` it names exists under /etc/alertmanager-secrets.',
      ],
      mitigate: [
        'Rebuild from config/alertmanager.ts with `npm run build:observability` (it runs amtool check-config), then reload: `curl -X POST http://cdb_alertmanager:9093/-/reload`.',
        'If a secret file is missing, mount it; never put the secret into the configuration itself.',
        'Do not restart Alertmanager until the configuration loads.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario(`a reload failed at minute ${o.start} fires at minute ${o.fires}, after its ${pending} for`, {
        input: [reloadOk(o.values(1, 0))],
        at: at(o.fires),
        fires: [{ labels: alertmanager, description: description(alertmanager.instance) }],
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
  return cdbAlertmanagerConfigReloadFailed;
}
