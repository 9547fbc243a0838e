import { durationSeconds } from '../../promql/duration';
import { finding, type Check, type Finding } from '../check';

/** `for` and `keep_firing_for` are valid, not shorter than an evaluation and not absurdly long. */
export const alertsDurations: Check = {
  id: 'alerts/durations',
  severity: 'error',
  description: 'for / keep_firing_for that are invalid, shorter than the evaluation interval, or longer than a day.',
  run(ctx) {
    const out: Finding[] = [];
    const evaluation = durationSeconds(ctx.prometheus.evaluationInterval);
    for (const q of ctx.queries) {
      const a = q.alert;
      if (!a) continue;
      for (const [field, value] of [
        ['for', a.for],
        ['keep_firing_for', a.keepFiringFor],
      ] as const) {
        if (value === undefined) continue;
        let seconds: number;
        try {
          seconds = durationSeconds(value);
        } catch {
          out.push(finding(alertsDurations, q.location, `${field} "${value}" is not a duration`, 'Use e.g. 5m.'));
          continue;
        }
        if (seconds > 0 && seconds < evaluation) {
          out.push(finding(alertsDurations, q.location, `${field} ${value} is shorter than the evaluation interval ${ctx.prometheus.evaluationInterval}`, `Use 0 or at least ${ctx.prometheus.evaluationInterval}.`));
        }
        if (seconds > 86_400) out.push(finding(alertsDurations, q.location, `${field} ${value} is longer than a day`, 'Put long windows in the expression, not in the pending or keep-firing time.'));
      }
    }
    return out;
  },
};
