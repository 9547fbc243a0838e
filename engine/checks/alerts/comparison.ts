import { finding, type Check, type Finding } from '../check';

const FILTERS = new Set(['>', '<', '>=', '<=', '==', '!=', 'and', 'unless']);
const ABSENCE = new Set(['absent', 'absent_over_time']);

/** An alert without a comparison (or absence test) fires whenever its series exist: nearly always a mistake. */
export const alertsComparison: Check = {
  id: 'alerts/comparison',
  severity: 'error',
  description: 'Alert expressions with no comparison or absence test, unless declared always firing.',
  run(ctx) {
    const out: Finding[] = [];
    for (const q of ctx.queries) {
      const a = q.alert;
      if (!a || q.analysis.syntaxErrors.length > 0) continue;
      const filters = q.analysis.operators.some((o) => FILTERS.has(o)) || q.analysis.functions.some((f) => ABSENCE.has(f));
      if (!filters && !a.alwaysFiring) {
        out.push(finding(alertsComparison, q.location, 'has no comparison, so it fires whenever its series exist', 'Compare with a threshold, or set alwaysFiring for a dead man\'s switch.'));
      }
      if (filters && a.alwaysFiring) out.push(finding(alertsComparison, q.location, 'is declared always firing but filters its series', 'Remove alwaysFiring, or the comparison.'));
    }
    return out;
  },
};
