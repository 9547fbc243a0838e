/** CdbAlertmanagerNotificationsFailing: Alertmanager fails to deliver notifications. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { gt, increase, select } from '../../engine/promql';
import { exporters } from '../../catalog';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, exporterTargetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbAlertmanagerNotificationsFailing(settings: Settings): AlertModel {
  const { window, for: pending } = settings.thresholds.CdbAlertmanagerNotificationsFailing;
  const alertmanager = exporterTargetLabels('alertmanager');
  const failed = (integration: string, values: string) =>
    series(select(exporters.alertmanagerNotificationsFailedTotal, { ...alertmanager, integration }), values);
  const description = (count: string, integration: string) =>
    `${count} ${integration} notifications failed in the last ${window}: alerts routed to ${integration} receivers may not have arrived.`;

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
      scenario('webhook notifications failing for the for duration fire', {
        input: [failed('webhook', '0x10 1+1x30'), failed('slack', '0x40')],
        at: '20m',
        fires: [{ labels: { ...alertmanager, integration: 'webhook' }, description: description('10', 'webhook') }],
      }),
      scenario('one failure for less than the for duration stays quiet', { input: [failed('webhook', '0x10 1x30')], at: '13m', fires: 'quiet' }),
      scenario('failures older than the window stay quiet', { input: [failed('webhook', '0x10 4x50')], at: '45m', fires: 'quiet' }),
      scenario('no failure stays quiet', { input: [failed('webhook', '0x60'), failed('slack', '0x60')], at: '1h', fires: 'quiet' }),
    ],
  });
  return cdbAlertmanagerNotificationsFailing;
}
