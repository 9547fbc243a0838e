/** CdbPrometheusRuleEvaluationFailures: Prometheus failed to evaluate rules. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { gt, increase, select } from '../../engine/promql';
import { exporters } from '../../catalog';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbPrometheusRuleEvaluationFailures(settings: Settings): AlertModel {
  const { window, for: pending } = settings.thresholds.CdbPrometheusRuleEvaluationFailures;
  const prometheus = targetLabels('cdb_prometheus');
  const GROUP = '/etc/prometheus/rules/system.yml;cdb-system-recording';
  const failures = (values: string) =>
    series(select(exporters.prometheusRuleEvaluationFailuresTotal, { ...prometheus, rule_group: GROUP }), values);
  const description = (count: string, group: string) =>
    `${count} rule evaluations of group ${group} failed in the last ${window}: the rules of that group are blind.`;

  const cdbPrometheusRuleEvaluationFailures = alert({
    name: 'CdbPrometheusRuleEvaluationFailures',
    expr: gt(increase(select(exporters.prometheusRuleEvaluationFailuresTotal).over(window)), 0),
    for: pending,
    severity: 'warning',
    labels: cdbLabels('system'),
    summary: 'Prometheus fails to evaluate some rules.',
    description: description('{{ $value | humanize }}', '{{ $labels.rule_group }}'),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'Rule evaluation failures (1h)' },
    runbook: {
      meaning: `\`prometheus_rule_evaluation_failures_total\` grew in the last ${window} for the rule group in \`rule_group\` ("<rule file>;<group>"): some recording rule or alert of that group returned an error instead of a result. The usual causes are a many-to-many match (duplicate series on one side of a ratio), a label_replace producing duplicate series, or a query hitting the sample limit.`,
      impact:
        'A failing recording rule leaves a hole in its series, so the dashboards and every alert that reads it go blind; a failing alert cannot fire. During a block this can hide a Zero-Activity Incident or a live-trading sign without anyone noticing.',
      diagnose: [
        'Prometheus → Status → Rules shows the failing rule of the group with its last error.',
        'Open the system dashboard, "Rule evaluation failures (1h)", to see when it started; compare with the last deploy of generated/prometheus.',
        'For "found duplicate series for the match group", run the failing rule\'s operands on their own in the Prometheus UI and look for two series with the same labels (often two targets of one service during a container recreation).',
        '`docker logs cdb_prometheus 2>&1 | grep -i "evaluating rule failed"` for every failure with its rule.',
      ],
      mitigate: [
        'Fix the rule in its definition (recording-rules/ or alerts/), rebuild with `npm run build:observability` and reload Prometheus.',
        'If duplicate series come from a transient (a recreated container), the failures stop on their own once the old series go stale; watch that they do.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario('a failed evaluation in the window fires with its rule group', {
        input: [failures('0x20 1x20')],
        at: '25m',
        fires: [{ labels: { ...prometheus, rule_group: GROUP }, description: description('1', GROUP) }],
      }),
      scenario('failures older than the window stay quiet', { input: [failures('0x10 2x50')], at: '40m', fires: 'quiet' }),
      scenario('no failure stays quiet', { input: [failures('0x60')], at: '1h', fires: 'quiet' }),
      scenario('a Prometheus restart resetting the counter raises no false alarm', {
        input: [failures('3x20 0x40')],
        at: '30m',
        fires: 'quiet',
      }),
    ],
  });
  return cdbPrometheusRuleEvaluationFailures;
}
