/**
 * The SLO processor of the build: validates every SLO definition with zod, rejects tiers that can never fire,
 * and adds the SLOs' recording groups and alert groups to the project.
 */
import type { ProjectModel } from '../model/project';
import { sourcePath } from '../emit/generated-header';
import { sloSchema, periodDays, type SloModel } from './model';
import { BURN_RATE_TIERS, errorRatioThreshold } from './burn-rate';
import { expandSlo } from './rules';

/** An SLO definition the build cannot use; `message` lists every problem with file, SLO and field. */
export class SloDefinitionError extends Error {
  override readonly name = 'SloDefinitionError';
}

/** Validated SLOs of a project; throws SloDefinitionError naming every problem. */
export function validateSlos(project: ProjectModel): SloModel[] {
  const problems: string[] = [];
  const valid: SloModel[] = [];
  const ids = new Map<string, string>();
  for (const spec of project.slos) {
    const file = sourcePath(project.rootDir, spec.source ?? '(unknown file)');
    const where = `${file}: SLO "${spec.id}"`;
    const parsed = sloSchema.safeParse(spec);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${where} › ${issue.path.join('.') || '(definition)'}: ${issue.message}`);
      continue;
    }
    const slo = parsed.data;
    const other = ids.get(slo.id);
    if (other) problems.push(`${where}: id is also used by an SLO in ${other}`);
    ids.set(slo.id, file);
    for (const tier of BURN_RATE_TIERS) {
      const threshold = errorRatioThreshold(tier, periodDays(slo.period), slo.objective);
      if (threshold.toNumber() >= 1) {
        problems.push(
          `${where} › tier ${tier.name}: threshold ${threshold.toString()} (factor × (1 − objective)) is at least 1, so the alert can never fire; raise the objective or lengthen the period`,
        );
      }
    }
    valid.push(slo);
  }
  if (problems.length > 0) throw new SloDefinitionError(`SLO definitions are invalid:\n  - ${problems.join('\n  - ')}`);
  return valid;
}

/**
 * Expansions already made, by definitions object. A build asks for the expansion in its checks, its synthesis and
 * its summary; project models are read-only, so expanding once (validation and scenario simulation included) and
 * sharing the result is the same as expanding three times.
 */
const expansions = new WeakMap<ProjectModel, ProjectModel>();

/** The project with its SLOs expanded into rule groups and alert groups (and no SLOs left to expand). */
export function withSloRules(project: ProjectModel): ProjectModel {
  if (project.slos.length === 0) return project;
  const known = expansions.get(project);
  if (known) return known;
  const expanded = validateSlos(project).map((slo) => expandSlo(slo, project.sloConventions));
  const result: ProjectModel = {
    ...project,
    slos: [],
    ruleGroups: [...project.ruleGroups, ...expanded.flatMap((e) => e.recordingGroups)],
    alertGroups: [...project.alertGroups, ...expanded.map((e) => e.alertGroup)],
  };
  expansions.set(project, result);
  return result;
}
