import { ALERT_SEVERITIES } from '../../model/alerts';
import { finding, type Check, type Finding } from '../check';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Every alert has a known severity and carries the required labels, set statically or by its expression. */
export const alertsLabels: Check = {
  id: 'alerts/labels',
  severity: 'error',
  description: 'Alerts with an unknown severity, a missing required label, or an invalid label name.',
  run(ctx) {
    const out: Finding[] = [];
    for (const q of ctx.queries) {
      const a = q.alert;
      if (!a) continue;
      if (!(ALERT_SEVERITIES as readonly string[]).includes(a.severity)) {
        out.push(finding(alertsLabels, q.location, `severity "${a.severity}" is not one of ${ALERT_SEVERITIES.join(', ')}`, 'critical pages, warning opens a ticket, info notifies nobody.'));
      }
      if ('severity' in a.labels) out.push(finding(alertsLabels, q.location, 'sets severity as a label', 'Use the severity field; the build adds the label.'));
      for (const [l, value] of Object.entries(a.labels)) {
        if (!LABEL_NAME.test(l) || l.startsWith('__')) out.push(finding(alertsLabels, q.location, `label "${l}" is not a valid label name`, 'Use [a-zA-Z_][a-zA-Z0-9_]*.'));
        const allowed = ctx.alertConventions.labelValues?.[l];
        if (allowed && !allowed.includes(value)) {
          out.push(finding(alertsLabels, q.location, `label ${l}="${value}" is not one of the project's values`, `Use one of: ${allowed.join(', ')}; routing and the dashboards know only these.`));
        }
      }
      const returned = q.analysis.outputLabels;
      for (const required of ctx.alertConventions.requiredLabels) {
        if (required in a.labels) continue;
        if (returned === undefined || returned.has(required)) continue;
        out.push(
          finding(
            alertsLabels,
            q.location,
            `has no "${required}" label: it is not set statically and the expression returns only ${[...returned].sort().join(', ') || 'no labels'}`,
            `Set it in labels, or keep "${required}" in the expression's aggregation.`,
          ),
        );
      }
    }
    return out;
  },
};
