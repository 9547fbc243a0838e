import { finding, type Check, type Finding } from '../check';

/** Every alert is proven by a scenario where it fires and one where it stays quiet. */
export const alertsScenarios: Check = {
  id: 'alerts/scenarios',
  severity: 'error',
  description: 'Alerts without both a firing and a quiet scenario, or scenarios expecting labels the expression cannot return.',
  run(ctx) {
    const out: Finding[] = [];
    for (const q of ctx.queries) {
      const a = q.alert;
      if (!a) continue;
      if (!a.scenarios.some((s) => s.expect.length > 0)) out.push(finding(alertsScenarios, q.location, 'has no scenario in which it fires', 'Add a scenario whose input makes the alert fire.'));
      if (!a.alwaysFiring && !a.scenarios.some((s) => s.expect.length === 0)) {
        out.push(finding(alertsScenarios, q.location, 'has no scenario in which it stays quiet', 'Add a scenario of normal operation where the alert must not fire.'));
      }
      const names = new Set<string>();
      for (const s of a.scenarios) {
        if (names.has(s.name)) out.push(finding(alertsScenarios, q.location, `has two scenarios named "${s.name}"`, 'Name each scenario after what it proves.'));
        names.add(s.name);
        const returned = q.analysis.outputLabels;
        for (const e of s.expect) {
          for (const l of Object.keys(e.labels)) {
            if (returned && !returned.has(l)) {
              out.push(finding(alertsScenarios, q.location, `scenario "${s.name}" expects label "${l}", which the expression cannot return`, 'Expect only the labels the expression keeps; the build adds the static ones.'));
            }
          }
        }
      }
    }
    return out;
  },
};
