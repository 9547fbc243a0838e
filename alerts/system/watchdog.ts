/** Watchdog: always firing, to prove the whole alerting pipeline works end to end. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { select, vector } from '../../engine/promql';
import { exporters } from '../../catalog';
import { cdbLabels, targetLabels } from '../common';
import type { AlertModel } from '../../engine/model/alerts';

const description =
  'This alert always fires. The dead man\'s switch raises the alarm when it stops receiving it: then Prometheus evaluates no rules or Alertmanager delivers nothing.';
const firing = [{ labels: {}, description }];

export function watchdog(): AlertModel {
  const watchdog = alert({
    name: 'Watchdog',
    expr: vector(1),
    severity: 'info',
    labels: cdbLabels('system', 'cdb_prometheus'),
    alwaysFiring: true,
    summary: 'The alerting pipeline is alive.',
    description,
    runbook: {
      meaning:
        'Watchdog fires all the time. Alertmanager routes it by name, ahead of every severity route, to the dead man\'s switch (cdb-deadmansswitch) with a short repeat interval. Its presence is the good news; the alarm is raised by the dead man\'s switch when the pings stop.',
      impact:
        'None while it fires. When the pings stop, no alert of the block can be trusted to reach anyone: Prometheus is down or not evaluating rules, Alertmanager is down, or the path between them or to the switch is broken.',
      diagnose: [
        'When the dead man\'s switch reports missing pings: is cdb_prometheus up and evaluating (`prometheus_rule_group_last_evaluation_timestamp_seconds` recent, Status → Rules)?',
        'Does Prometheus reach Alertmanager: `prometheus_notifications_alertmanagers_discovered` ≥ 1 and `prometheus_notifications_errors_total` not growing?',
        'Does Alertmanager show Watchdog as active (http://cdb_alertmanager:9093), and does its webhook to cdb_deadmansswitch succeed (`alertmanager_notifications_failed_total{integration="webhook"}`)?',
      ],
      mitigate: [
        'Restart whichever link is down (cdb_prometheus, cdb_alertmanager, or the switch\'s endpoint), then confirm the pings resume.',
        'Until they do, watch the system dashboard and the Alertmanager UI by hand and tell the on-call engineer that paging is down.',
        'Never silence Watchdog: a silence looks exactly like a broken pipeline to the dead man\'s switch.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario('fires with no input series at all', { input: [], at: '1m', fires: firing }),
      scenario('fires even while Prometheus cannot scrape itself', {
        input: [series(select(exporters.up, targetLabels('cdb_prometheus')), '0x1')],
        at: '1m',
        fires: firing,
      }),
    ],
  });
  return watchdog;
}
