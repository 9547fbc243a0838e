/** Runs checks over a resolved project and orders the findings for reporting. */
import { describePath } from '../model/location';
import type { ResolvedProject } from '../resolve/resolved-project';
import { SEVERITIES, type Check, type EmittedOutput, type Finding, type Severity } from './check';
import { applySilences } from './silences';
import { ALL_CHECKS } from './index';

/**
 * All findings of `checks` on `project`, most severe first, then by file and definition. Findings a definition
 * silenced carry `silencedBecause` and count for nothing. The checks of the output run only when `output` (what
 * the build emitted from `project`) is given.
 */
export function runChecks(project: ResolvedProject, checks: readonly Check[] = ALL_CHECKS, output?: EmittedOutput): Finding[] {
  const ran = checks.filter((c) => c.reads !== 'output' || output !== undefined);
  const findings = applySilences(
    project.silences,
    ran.flatMap((c) => (c.reads === 'output' ? c.run(project, output!) : c.run(project))),
    new Set(ALL_CHECKS.map((c) => c.id)),
    new Set(ran.map((c) => c.id)),
  );
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  return findings.sort(
    (a, b) =>
      rank(b.severity) - rank(a.severity) ||
      a.location.file.localeCompare(b.location.file, 'en') ||
      describePath(a.location).localeCompare(describePath(b.location), 'en') ||
      a.checkId.localeCompare(b.checkId, 'en'),
  );
}

/** Whether any finding that is not silenced is at or above `failOn`. */
export function hasFailures(findings: readonly Finding[], failOn: Severity = 'error'): boolean {
  return findings.some((f) => !f.silencedBecause && SEVERITIES.indexOf(f.severity) >= SEVERITIES.indexOf(failOn));
}
