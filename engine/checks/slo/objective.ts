import { errorBudget } from '../../slo/burn-rate';
import { periodDays } from '../../slo/model';
import { Exact } from '../../slo/decimal';
import { finding, type Check, type Finding } from '../check';

/** Below this much error budget per period, a deploy or a restart spends all of it: worth a second look. */
const LOW_BUDGET_MINUTES = 10;

/**
 * Objectives so strict that a restart spends their budget. (Below a minute per period the SLO validation refuses
 * the objective outright: engine/slo/validate.ts.)
 */
export const sloObjective: Check = {
  id: 'slo/objective',
  severity: 'warning',
  description: 'SLO objectives that leave less than ten minutes of error budget per period.',
  run(ctx) {
    const out: Finding[] = [];
    for (const { slo, location } of ctx.slos) {
      const minutes = errorBudget(slo.objective).times(Exact.of(periodDays(slo.period) * 24 * 60)).toNumber();
      const budget = `${Number(minutes.toPrecision(2))} minutes of full outage per ${slo.period}`;
      if (minutes < LOW_BUDGET_MINUTES) {
        out.push(
          finding(
            sloObjective,
            location,
            `objective ${slo.objective} % leaves ${budget}: a single restart or deploy can spend it`,
            'Keep it only if the service is meant to be that strict; otherwise lower the objective.',
          ),
        );
      }
    }
    return out;
  },
};
