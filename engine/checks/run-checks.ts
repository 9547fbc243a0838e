/** Runs checks over a project and orders the findings for reporting. */
import type { ProjectModel } from '../model/project';
import { SEVERITIES, type Check, type Finding, type Severity } from './check';
import { buildCheckContext } from './context';
import { ALL_CHECKS } from './index';

/** All findings of `checks` on `project`, most severe first, then by file and definition. */
export function runChecks(project: ProjectModel, checks: readonly Check[] = ALL_CHECKS): Finding[] {
  const ctx = buildCheckContext(project);
  const findings = checks.flatMap((c) => c.run(ctx));
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  return findings.sort(
    (a, b) =>
      rank(b.severity) - rank(a.severity) ||
      a.file.localeCompare(b.file, 'en') ||
      a.definition.localeCompare(b.definition, 'en') ||
      a.checkId.localeCompare(b.checkId, 'en'),
  );
}

/** Whether any finding is at or above `failOn`. */
export function hasFailures(findings: readonly Finding[], failOn: Severity = 'error'): boolean {
  return findings.some((f) => SEVERITIES.indexOf(f.severity) >= SEVERITIES.indexOf(failOn));
}

/** Findings as console text: one block per finding, naming file, definition, check id, problem and fix. */
export function formatFindings(findings: readonly Finding[]): string {
  return findings
    .map((f) => `${f.severity}: ${f.file}: ${f.definition}\n  [${f.checkId}] ${f.message}\n  hint: ${f.hint}`)
    .join('\n');
}
