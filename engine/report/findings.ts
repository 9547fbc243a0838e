/** Reporters: findings as console text or as JSON for machines. Checks never format their own output. */
import { describePath } from '../model/location';
import type { Finding } from '../checks/check';

/** Findings as console text: one block per finding naming file, definition, check id, problem and fix. */
export function formatFindings(findings: readonly Finding[]): string {
  const active = findings.filter((f) => !f.silencedBecause);
  const silenced = findings.length - active.length;
  const blocks = active.map((f) => `${f.severity}: ${describeLocation(f)}\n  [${f.checkId}] ${f.message}\n  hint: ${f.hint}`);
  if (silenced > 0) blocks.push(`(${silenced} finding${silenced === 1 ? '' : 's'} silenced by their definitions, each with a reason)`);
  return blocks.join('\n');
}

/** `file: definition path`, or the file alone for a finding about a whole file. */
function describeLocation(f: Finding): string {
  const path = describePath(f.location);
  return path ? `${f.location.file}: ${path}` : f.location.file;
}

/**
 * Findings as a JSON document, silenced ones included with their reason. Each names its file, its definition as
 * the console prints it, and the same definition as structured steps.
 */
export function findingsJson(findings: readonly Finding[]): string {
  return `${JSON.stringify({ findings: findings.map(findingRow) }, null, 2)}\n`;
}

/** A finding as the JSON report writes it. */
export function findingRow(f: Finding) {
  return {
    checkId: f.checkId,
    severity: f.severity,
    file: f.location.file,
    definition: describePath(f.location),
    path: f.location.path,
    message: f.message,
    hint: f.hint,
    ...(f.silencedBecause ? { silencedBecause: f.silencedBecause } : {}),
  };
}
