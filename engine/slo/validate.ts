/**
 * The SLO processor: validates every SLO definition with zod and rejects tiers that can never fire. The resolve
 * stage expands the valid ones into recording groups and alert groups (engine/slo/rules.ts).
 */
import type { SloSpec } from '../model/slo';
import { sloSchema, periodDays, type SloModel } from './model';
import { BURN_RATE_TIERS, errorBudget, errorRatioThreshold } from './burn-rate';
import { Exact } from './decimal';

/**
 * The least error budget an SLO may leave per period, in minutes of full outage: below it, one bad minute spends
 * the whole budget and every tier pages on the first error.
 */
export const MIN_BUDGET_MINUTES = 1;

/** An SLO definition the build cannot use; `message` lists every problem with file, SLO and field. */
export class SloDefinitionError extends Error {
  override readonly name = 'SloDefinitionError';
}

/** Validated SLOs; throws SloDefinitionError naming every problem. `fileOf` names a definition's file. */
export function validateSlos(specs: readonly SloSpec[], fileOf: (source: string) => string): SloModel[] {
  const problems: string[] = [];
  const valid: SloModel[] = [];
  const ids = new Map<string, string>();
  for (const spec of specs) {
    const file = spec.source ? fileOf(spec.source) : '(unknown file)';
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
    const budgetMinutes = errorBudget(slo.objective).times(Exact.of(periodDays(slo.period) * 24 * 60)).toNumber();
    if (budgetMinutes < MIN_BUDGET_MINUTES) {
      problems.push(
        `${where} › objective: ${slo.objective} % leaves ${Number(budgetMinutes.toPrecision(2))} minutes of full outage per ${slo.period}, less than ${MIN_BUDGET_MINUTES}: one bad minute spends all of it; lower the objective or lengthen the period`,
      );
      continue;
    }
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
