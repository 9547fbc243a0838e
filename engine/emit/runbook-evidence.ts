/**
 * The "If this evidence is lost" part of an alert's runbook section: every catalog metric the alert reads, and for
 * each way it can be lost, the alerts that fire then and how soon, or the written reason it is left uncovered.
 * An on-call engineer reading a quiet alert's section learns what would have told them that it is blind.
 */
import type { AlertEvidence, EvidenceLossCover } from '../resolve/evidence';
import { EVIDENCE_LOSS_WORDS } from '../resolve/evidence';

/** What happens on one loss, as the end of a sentence. */
function outcome(l: EvidenceLossCover): string {
  const covers = [...l.covers].sort((a, b) => a.withinMinutes - b.withinMinutes || (a.alert < b.alert ? -1 : a.alert > b.alert ? 1 : 0));
  const fired = covers.map((c) => `${c.alert} (${c.severity}) fires within ${c.withinMinutes} min`).join('; ');
  if (l.waived !== undefined) return `${fired ? `${fired}; ` : 'nothing fires: '}accepted because ${l.waived}`;
  return fired || '**nothing fires**';
}

/** The lines of the part; none for an alert that reads no catalog metric (the Watchdog). */
export function evidenceLines(evidence: readonly AlertEvidence[]): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const e of evidence) {
    for (const item of e.items) {
      const via = item.via.length > 0 ? ` (through ${item.via.map((r) => `\`${r}\``).join(' → ')})` : '';
      for (const l of item.losses) {
        const line = `- \`${item.metric.name}\`${via} ${EVIDENCE_LOSS_WORDS[l.loss]}: ${outcome(l)}.`;
        if (seen.has(line)) continue;
        seen.add(line);
        lines.push(line);
      }
    }
  }
  return lines.length > 0 ? ['**If this evidence is lost.**', '', ...lines, ''] : [];
}
