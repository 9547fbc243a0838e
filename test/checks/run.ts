/** Runs one check over a project and returns its findings' messages, for compact test assertions. */
import type { Check } from '../../engine/checks/check';
import { runChecks } from '../../engine/checks/run-checks';
import type { ProjectModel } from '../../engine/model/project';

export function findingsOf(check: Check, project: ProjectModel) {
  return runChecks(project, [check]);
}
