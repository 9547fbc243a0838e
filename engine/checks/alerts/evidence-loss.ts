import { EVIDENCE_LOSS_WORDS } from '../../resolve/evidence';
import { finding, type Check, type Finding } from '../check';

/** How soon a critical alert's lost evidence must be told by another page, at most. */
export const EVIDENCE_COVER_LIMIT_MINUTES = 60;

/**
 * A critical alert is only as good as its evidence: every way a metric it reads can be lost (read from the evidence
 * model, engine/resolve/evidence.ts) must make a critical alert fire within EVIDENCE_COVER_LIMIT_MINUTES, unless
 * the alert waives that loss with a written reason. A waiver that waives nothing is an error, as an unused silence is.
 */
export const alertsEvidenceLoss: Check = {
  id: 'alerts/evidence-loss',
  severity: 'error',
  description: `Critical alerts whose evidence can vanish, go stale, be lost with its target or turn implausible with no critical alert firing within ${EVIDENCE_COVER_LIMIT_MINUTES} minutes.`,
  run(ctx) {
    const out: Finding[] = [];
    for (const { alert, items } of ctx.evidence) {
      const used = new Set<string>();
      for (const item of items) {
        for (const l of item.losses) {
          if (l.waived !== undefined) used.add(`${item.metric.name}\u0000${l.loss}`);
          if (alert.severity !== 'critical' || l.waived !== undefined) continue;
          const pages = l.covers.filter((c) => c.severity === 'critical' && c.withinMinutes <= EVIDENCE_COVER_LIMIT_MINUTES);
          if (pages.length > 0) continue;
          const slower = l.covers.length > 0 ? ` (only ${l.covers.map((c) => `${c.alert} [${c.severity}] within ${c.withinMinutes} min`).join(', ')})` : '';
          const via = item.via.length > 0 ? ` (read through ${item.via.join(' → ')})` : '';
          out.push(
            finding(
              alertsEvidenceLoss,
              alert.location,
              `when ${item.metric.name}${via} ${EVIDENCE_LOSS_WORDS[l.loss]}, no critical alert fires within ${EVIDENCE_COVER_LIMIT_MINUTES} minutes${slower}: ${alert.name} goes silent`,
              'Add a critical alert that fires on this loss (absent/absent_over_time of the metric, up == 0 of its job, a future-timestamp or [0, 1] guard), or waive it on the alert with evidenceWaivers and a reason.',
            ),
          );
        }
      }
      for (const w of alert.evidenceWaivers ?? []) {
        if (used.has(`${w.metric}\u0000${w.loss}`)) continue;
        out.push(
          finding(
            alertsEvidenceLoss,
            alert.location,
            `the evidence waiver for ${w.metric} (${w.loss}) waives nothing: ${alert.name} does not read ${w.metric}, or that loss does not apply to it`,
            'Remove the waiver, or name a metric the alert reads and a loss its unit allows.',
          ),
        );
      }
    }
    return out;
  },
};
