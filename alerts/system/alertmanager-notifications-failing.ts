/** CdbAlertmanagerNotificationsFailing: Alertmanager fails to deliver notifications. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at } from '../../engine/rules/derive';
import { gt, increase, select } from '../../engine/promql';
import { exporters } from '../../catalog';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, exporterTargetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';
import { failureBurst } from './failure-burst';
import { gauge } from './simulate';

export function cdbAlertmanagerNotificationsFailing(settings: Settings): AlertModel {
  const { window, for: pending } = settings.thresholds.CdbAlertmanagerNotificationsFailing;
  const alertmanager = exporterTargetLabels('alertmanager');
  const failed = (integration: string, values: string) =>
    series(select(exporters.alertmanagerNotificationsFailedTotal, { ...alertmanager, integration }), values);
  const description = (count: string, integration: string) =>
    `${count} ${integration} notifications failed in the last ${window}: alerts routed to ${integration} receivers may not have arrived.`;
  const burst = failureBurst(window, pending);
  const failures = burst.count === 1 ? 'one failed webhook notification' : `${burst.count} failed webhook notifications, one a minute from minute 1,`;
  const none = (through: number) => gauge(through, [[0, 0]]).notation;
  const firing = (minute: number) => [{ labels: { ...alertmanager, integration: 'webhook' }, description: description(burst.shown(minute), 'webhook') }];

  const cdbAlertmanagerNotificationsFailing = alert({
    name: 'CdbAlertmanagerNotificationsFailing',
    expr: gt(increase(select(exporters.alertmanagerNotificationsFailedTotal).over(window)), 0),
    for: pending,
    severity: 'warning',
    labels: cdbLabels('system'),
    summary: 'Alertmanager fails to deliver notifications.',
    description: description('{{ $value | humanize }}', '{{ $labels.integration }}'),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'Notifications failed (1h)' },
    runbook: {
      meaning: `\`alertmanager_notifications_failed_total\` grew in the last ${window} and has kept growing for ${pending}: Alertmanager gave up on notifications after its retries. \`integration\` says which kind of receiver: webhook (the pager bridge and the dead man's switch), slack (the layer ticket channels).`,
      impact:
        'Pages or tickets do not arrive: a critical alert of the block can go unnoticed. If the failing integration is slack, this warning itself is delivered through the failing channel; look for it in the Alertmanager UI and Grafana too.',
      diagnose: [
        'Open the system dashboard, "Notifications failed (1h)", and the Alertmanager UI (http://cdb_alertmanager:9093) for the alerts that are active.',
        '`docker logs cdb_alertmanager 2>&1 | grep -i "notify retry canceled\\|error on notify"` gives the receiver and the error (401 for a wrong token or webhook URL, timeouts for an unreachable endpoint).',
        'For webhook: check that cdb_pager_bridge and cdb_deadmansswitch answer from inside the network; for slack: that the webhook URL secret file is present and current.',
      ],
      mitigate: [
        'Fix the endpoint or rotate the credential file under /etc/alertmanager-secrets, then reload Alertmanager.',
        'Until notifications work, watch the Alertmanager UI by hand and tell the on-call engineer.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario(`${failures} in the ${window} window ${burst.count === 1 ? 'fires' : 'fire'} for that integration only at minute ${burst.fires}, after its ${pending} for`, {
        input: [failed('webhook', burst.samples(burst.fires).notation), failed('slack', none(burst.fires))],
        at: at(burst.fires),
        fires: firing(burst.fires),
        proves: ['firing-minute'],
      }),
      scenario(`the same failures stay quiet one minute earlier, at minute ${burst.fires - 1}`, {
        input: [failed('webhook', burst.samples(burst.fires).notation)],
        at: at(burst.fires - 1),
        fires: 'quiet',
        proves: ['pending'],
      }),
      ...(burst.lastFiring > burst.fires
        ? [
            scenario(`the same failures still fire at minute ${burst.lastFiring}, the last minute the ${window} window holds them`, {
              input: [failed('webhook', burst.samples(burst.lastFiring).notation)],
              at: at(burst.lastFiring),
              fires: firing(burst.lastFiring),
            }),
          ]
        : []),
      scenario(`failures older than the ${window} window stay quiet at minute ${burst.lastFiring + 1}`, {
        input: [failed('webhook', burst.samples(burst.lastFiring + 1).notation)],
        at: at(burst.lastFiring + 1),
        fires: 'quiet',
      }),
      scenario('no failure stays quiet', { input: [failed('webhook', none(burst.fires)), failed('slack', none(burst.fires))], at: at(burst.fires), fires: 'quiet' }),
    ],
  });
  return cdbAlertmanagerNotificationsFailing;
}
