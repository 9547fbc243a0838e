/** Runs one check over a project and returns its findings, for compact test assertions. */
import type { Check, EmittedOutput } from '../../engine/checks/check';
import { resolveProject } from '../../engine/resolve/resolve-project';
import { runChecks } from '../../engine/checks/run-checks';
import { emittedOutput, synthesize } from '../../engine/build/synthesize';
import type { ProjectDefinitions } from '../../engine/model/project';
import type { ResolvedProject } from '../../engine/resolve/resolved-project';

/** The findings of `check` on `project`; a check of the output is given what the build emits from it. */
export function findingsOf(check: Check, project: ProjectDefinitions) {
  const resolved = resolveProject(project);
  return runChecks(resolved, [check], check.reads === 'output' ? emitted(resolved) : undefined);
}

/** What the build emits from `project`. */
export function emitted(project: ResolvedProject): EmittedOutput {
  return emittedOutput(project, synthesize(project));
}
