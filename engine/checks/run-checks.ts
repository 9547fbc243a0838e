/** Runs checks over a project and orders the findings for reporting. */
import type { ProjectModel } from '../model/project';
import type { PromqlMemo } from '../promql/analyze';
import { SEVERITIES, type Check, type Finding, type Severity } from './check';
import { buildCheckContext } from './context';
import { applySilences } from './silences';
import { ALL_CHECKS } from './index';

/**
 * All findings of `checks` on `project`, most severe first, then by file and definition. Findings a definition
 * silenced carry `silencedBecause` and count for nothing. `memo` (one per build) keeps the expressions' parses
 * for whatever runs next on the same project.
 */
export function runChecks(project: ProjectModel, checks: readonly Check[] = ALL_CHECKS, memo?: PromqlMemo): Finding[] {
  const ctx = buildCheckContext(project, memo);
  const findings = applySilences(ctx.project, checks.flatMap((c) => c.run(ctx)), checks, new Set(ALL_CHECKS.map((c) => c.id)));
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  return findings.sort(
    (a, b) =>
      rank(b.severity) - rank(a.severity) ||
      a.file.localeCompare(b.file, 'en') ||
      a.definition.localeCompare(b.definition, 'en') ||
      a.checkId.localeCompare(b.checkId, 'en'),
  );
}

/** Whether any finding that is not silenced is at or above `failOn`. */
export function hasFailures(findings: readonly Finding[], failOn: Severity = 'error'): boolean {
  return findings.some((f) => !f.silencedBecause && SEVERITIES.indexOf(f.severity) >= SEVERITIES.indexOf(failOn));
}
