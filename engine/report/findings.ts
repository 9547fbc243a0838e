/** Reporters: findings as console text or as JSON for machines. Checks never format their own output. */
import type { Finding } from '../checks/check';

/** Findings as console text: one block per finding naming file, definition, check id, problem and fix. */
export function formatFindings(findings: readonly Finding[]): string {
  const active = findings.filter((f) => !f.silencedBecause);
  const silenced = findings.length - active.length;
  const blocks = active.map((f) => `${f.severity}: ${f.file}: ${f.definition}\n  [${f.checkId}] ${f.message}\n  hint: ${f.hint}`);
  if (silenced > 0) blocks.push(`(${silenced} finding${silenced === 1 ? '' : 's'} silenced by their definitions, each with a reason)`);
  return blocks.join('\n');
}

/** Findings as a JSON document, silenced ones included with their reason. */
export function findingsJson(findings: readonly Finding[]): string {
  return `${JSON.stringify({ findings }, null, 2)}\n`;
}
