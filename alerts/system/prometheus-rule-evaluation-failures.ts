/** CdbPrometheusRuleEvaluationFailures: Prometheus failed to evaluate rules. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at } from '../../engine/rules/derive';
import { gt, increase, select } from '../../engine/promql';
import { exporters } from '../../catalog';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';
import { failureBurst } from './failure-burst';
import { gauge } from './simulate';

export function cdbPrometheusRuleEvaluationFailures(settings: Settings): AlertModel {
  const { window, for: pending } = settings.thresholds.CdbPrometheusRuleEvaluationFailures;
  const prometheus = targetLabels('cdb_prometheus');
  const GROUP = '/etc/prometheus/rules/system.yml;cdb-system-recording';
  const failures = (values: string) =>
    series(select(exporters.prometheusRuleEvaluationFailuresTotal, { ...prometheus, rule_group: GROUP }), values);
  const description = (count: string, group: string) =>
    `${count} rule evaluations of group ${group} failed in the last ${window}: the rules of that group are blind.`;
  const burst = failureBurst(window, pending);
  const failed = burst.count === 1 ? 'a failed evaluation' : `${burst.count} failed evaluations, one a minute from minute 1,`;
  const firing = (minute: number) => [{ labels: { ...prometheus, rule_group: GROUP }, description: description(burst.shown(minute), GROUP) }];
  /**
   * A restart resets the counter at minute 1: seen as an increase, it would fire where a single failure at minute 1
   * does (or, when one failure cannot fire, it would hold from minute 1).
   */
  const resetSeenAt = burst.count === 1 ? burst.fires : 1;

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
      scenario(`${failed} in the ${window} window ${burst.count === 1 ? 'fires' : 'fire'} with its rule group at minute ${burst.fires}, after its ${pending} for`, {
        input: [failures(burst.samples(burst.fires).notation)],
        at: at(burst.fires),
        fires: firing(burst.fires),
        proves: ['firing-minute'],
      }),
      scenario(`the same failures stay quiet one minute earlier, at minute ${burst.fires - 1}`, {
        input: [failures(burst.samples(burst.fires).notation)],
        at: at(burst.fires - 1),
        fires: 'quiet',
        proves: ['pending'],
      }),
      ...(burst.lastFiring > burst.fires
        ? [
            scenario(`the same failures still fire at minute ${burst.lastFiring}, the last minute the ${window} window holds them`, {
              input: [failures(burst.samples(burst.lastFiring).notation)],
              at: at(burst.lastFiring),
              fires: firing(burst.lastFiring),
            }),
          ]
        : []),
      scenario(`failures older than the ${window} window stay quiet at minute ${burst.lastFiring + 1}`, {
        input: [failures(burst.samples(burst.lastFiring + 1).notation)],
        at: at(burst.lastFiring + 1),
        fires: 'quiet',
      }),
      scenario('no failure stays quiet', { input: [failures(gauge(burst.fires, [[0, 0]]).notation)], at: at(burst.fires), fires: 'quiet' }),
      scenario(`a Prometheus restart resetting the counter at minute 1 raises no false alarm at minute ${resetSeenAt}`, {
        input: [failures(gauge(resetSeenAt, [[0, 3], [1, 0]]).notation)],
        at: at(resetSeenAt),
        fires: 'quiet',
      }),
    ],
  });
  return cdbPrometheusRuleEvaluationFailures;
}
