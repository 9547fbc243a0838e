import { runbookAnchor } from '../../resolve/alert-rules';
import { finding, type Check, type Finding } from '../check';

/**
 * An alert name may have several rules only when their severities differ (a warning and a critical tier) or their
 * static labels tell them apart (one per SLO); otherwise Prometheus evaluates the same alert twice. Rules sharing a
 * runbook section (their name, unless each has its own anchor) are tiers of one alert: they must say the same in
 * it — runbook, summary and dashboard — or the section would show the first and drop the others' words.
 */
export const alertsDuplicates: Check = {
  id: 'alerts/duplicates',
  severity: 'error',
  description: 'Two alert rules with the same name, severity and static labels, or tiers of one runbook section that say different things.',
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
    const firstOfSection = new Map<string, NonNullable<(typeof ctx.queries)[number]['alert']>>();
    for (const q of ctx.queries) {
      const a = q.alert;
      if (!a) continue;
      const first = firstOfSection.get(runbookAnchor(a));
      if (!first) {
        firstOfSection.set(runbookAnchor(a), a);
        continue;
      }
      const differs = [
        ...(JSON.stringify(a.runbook) !== JSON.stringify(first.runbook) ? ['runbook'] : []),
        ...(a.summary !== first.summary ? ['summary'] : []),
        ...(JSON.stringify(a.dashboard) !== JSON.stringify(first.dashboard) ? ['dashboard'] : []),
      ];
      if (differs.length === 0) continue;
      out.push(
        finding(
          alertsDuplicates,
          q.location,
          `is a second ${a.name} (${a.severity}) whose ${differs.join(', ')} differ${differs.length === 1 ? 's' : ''} from the ${first.severity} one in ${first.location.file}: the runbook has one section per alert name and would drop this one's`,
          'Give the tiers of one alert the same runbook, summary and dashboard (one definition with a rule per severity), or give this alert its own name.',
        ),
      );
    }
    return out;
  },
};
