import type { ScenarioClass } from '../../model/alerts';
import { expressionGuards } from '../../promql/guards';
import { finding, type Check, type Finding } from '../check';

/** Whether a scenario of a class expects its alert to fire (true) or to stay quiet (false). */
const FIRES: Readonly<Record<ScenarioClass, boolean>> = {
  'firing-minute': true,
  pending: false,
  'edge-above': true,
  'edge-below': false,
  'evidence-loss': true,
};

/** Thresholds whose edges are a matter of choice: 0 and 1 compare booleans and "any at all". */
const hasEdges = (thresholds: readonly number[]) => thresholds.some((t) => t !== 0 && t !== 1);

/**
 * Scenarios pin behaviour, not just "fires somewhere": every alert has its firing minute and the quiet evaluation
 * before it; an alert ordered against a threshold has both edges; a critical alert has a scenario where its
 * evidence is lost and an alert still fires (its own, or a guard alert's that names it in `guards`).
 */
export const alertsScenarioClasses: Check = {
  id: 'alerts/scenario-classes',
  severity: 'error',
  description: 'Alerts without a pinned firing minute, the quiet evaluation before it, both threshold edges or (critical ones) an evidence-loss scenario.',
  run(ctx) {
    const out: Finding[] = [];
    const guarded = new Set(ctx.alertGroups.flatMap((g) => g.alerts).flatMap((a) => a.scenarios.filter((s) => s.proves?.includes('evidence-loss')).flatMap((s) => s.guards ?? [])));
    const names = new Set(ctx.alertGroups.flatMap((g) => g.alerts).map((a) => a.name));
    for (const a of ctx.alertGroups.flatMap((g) => g.alerts)) {
      const has = (c: ScenarioClass) => a.scenarios.some((s) => s.proves?.includes(c));
      const missing = (c: ScenarioClass, hint: string) => {
        if (!has(c)) out.push(finding(alertsScenarioClasses, a.location, `has no ${c} scenario`, hint));
      };
      for (const s of a.scenarios) {
        // An expected alert of a sibling rule (the warning of a critical, named by its severity) is not this rule firing.
        const ownFires = s.expect.some((e) => e.severity === undefined || e.severity === a.severity);
        for (const c of s.proves ?? []) {
          if (FIRES[c] === ownFires) continue;
          out.push(finding(alertsScenarioClasses, a.location, `scenario "${s.name}" is marked ${c} but expects the alert ${FIRES[c] ? 'to stay quiet' : 'to fire'}`, `A ${c} scenario expects the alert ${FIRES[c] ? 'firing' : 'quiet'}.`));
        }
        for (const g of s.guards ?? []) {
          if (!names.has(g)) out.push(finding(alertsScenarioClasses, a.location, `scenario "${s.name}" guards "${g}", which is no alert of the project`, 'Name the alert whose lost evidence the scenario shows is told.'));
        }
      }
      if (a.alwaysFiring) continue;
      missing('firing-minute', 'Add a scenario that fires at the minute computed from the alert\'s for and windows, marked proves: [\'firing-minute\'].');
      missing('pending', 'Add a scenario one evaluation before the firing minute that stays quiet, marked proves: [\'pending\'].');
      if (hasEdges(expressionGuards(a.expr, ctx.promqlMemo).thresholds)) {
        missing('edge-below', 'Add a scenario just on the quiet side of the threshold, computed from it, marked proves: [\'edge-below\'].');
        missing('edge-above', 'Add a scenario just past the threshold, computed from it, marked proves: [\'edge-above\'].');
      }
      if (a.severity === 'critical' && !has('evidence-loss') && !guarded.has(a.name)) {
        out.push(
          finding(
            alertsScenarioClasses,
            a.location,
            'is critical and has no evidence-loss scenario: nothing shows what fires when its input is missing, stale or implausible',
            'Add a scenario marked proves: [\'evidence-loss\'] where the metric is missing, stale, implausible or Prometheus cannot see itself and the alert fires, or one on the guard alert that fires then, naming this alert in guards.',
          ),
        );
      }
    }
    return out;
  },
};
