import { finding, type Check, type Finding } from '../check';

/**
 * An alert name may have several rules only when their severities differ (a warning and a critical tier) or their
 * static labels tell them apart (one per SLO); otherwise Prometheus evaluates the same alert twice.
 */
export const alertsDuplicates: Check = {
  id: 'alerts/duplicates',
  severity: 'error',
  description: 'Two alert rules with the same name, severity and static labels.',
  run(ctx) {
    const out: Finding[] = [];
    const seen = new Map<string, string>();
    for (const q of ctx.queries) {
      const a = q.alert;
      if (!a) continue;
      const key = JSON.stringify([a.name, a.severity, Object.entries(a.labels).sort()]);
      const other = seen.get(key);
      if (other) out.push(finding(alertsDuplicates, q.location, `duplicates the ${a.severity} rule of ${a.name} in ${other}`, 'Rename one, or tell them apart by severity or a label.'));
      seen.set(key, q.location.file);
    }
    return out;
  },
};
