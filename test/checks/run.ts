/** Runs one check over a project and returns its findings' messages, for compact test assertions. */
import type { Check } from '../../engine/checks/check';
import { resolveProject } from '../../engine/resolve/resolve-project';
import { runChecks } from '../../engine/checks/run-checks';
import type { ProjectDefinitions } from '../../engine/model/project';

export function findingsOf(check: Check, project: ProjectDefinitions) {
  return runChecks(resolveProject(project), [check]);
}
