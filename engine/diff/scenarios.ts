/**
 * Promtool scenarios compared across the two trees, by test name, grouped by the alert each proves, and set next
 * to what the alert diff says of that alert: a reviewer of a threshold change sees the scenarios that moved with
 * it, and a rule change no scenario followed. Compared as text: running them is the build's job (promtool). The
 * one failure told without running them is a scenario expecting an alert that no longer exists to fire.
 */
import type { AlertRule, TreeModel, TreeScenario } from './tree-model';
import type { AlertRuleChange, AlertScenarios, AlertsDiff, FieldChange, ScenarioChange, ScenarioFileChange, ScenariosDiff, ScenarioSummary } from './types';
import { byKey, cmp, fieldChange, jsonOrNull } from './values';

/** Scenarios by name; a name used twice on one side gets ` #2`. */
function index(model: TreeModel): Map<string, TreeScenario> {
  const m = new Map<string, TreeScenario>();
  for (const file of [...model.scenarioFiles.keys()].sort(cmp)) {
    for (const s of model.scenarioFiles.get(file)!.scenarios) {
      let k = s.name;
      for (let n = 2; m.has(k); n++) k = `${s.name} #${n}`;
      m.set(k, s);
    }
  }
  return m;
}

/** The keys of two tests that differ, `file` first when the scenario moved to another file. */
function changedParts(a: TreeScenario, b: TreeScenario): string[] {
  const keys = [...new Set([...a.parts.keys(), ...b.parts.keys()])].sort(cmp).filter((k) => a.parts.get(k) !== b.parts.get(k));
  return a.file === b.file ? keys : ['file', ...keys];
}

/** A scenario name with its numbers left out: two names of one shape are the same scenario with other numbers. */
const shapeOf = (scenario: string) => scenario.replace(/\d+(?:[.,]\d+)*/g, '#');

/**
 * Pairs the added and removed scenarios of a group whose names differ only in their numbers, in order, and moves
 * each pair to the changed ones: a threshold change that moves the numbers of a derived scenario changes it.
 */
function pairRenamed(g: Group, parts: (before: ScenarioSummary, after: ScenarioSummary) => string[]): void {
  const removed = new Map<string, ScenarioSummary[]>();
  for (const r of g.removed) removed.set(shapeOf(r.scenario), [...(removed.get(shapeOf(r.scenario)) ?? []), r]);
  const paired = new Set<ScenarioSummary>();
  for (const a of [...g.added]) {
    const before = removed.get(shapeOf(a.scenario))?.shift();
    if (!before) continue;
    paired.add(a).add(before);
    g.changed.push({ ...a, parts: ['name', ...parts(before, a)], before: before.scenario });
  }
  const keep = (list: ScenarioSummary[]) => list.splice(0, list.length, ...list.filter((s) => !paired.has(s)));
  keep(g.added);
  keep(g.removed);
}

/** A group of scenarios: one alert name, and its rule file when the name alone is ambiguous. */
interface Group {
  readonly alert: string;
  readonly ruleFile: string | null;
  rule: AlertRuleChange | null;
  threshold: FieldChange | null;
  readonly added: ScenarioSummary[];
  readonly removed: ScenarioSummary[];
  readonly changed: ScenarioChange[];
  unchanged: number;
  readonly failing: ScenarioSummary[];
}

/** Scenarios by name, grouped by alert; scenario files by path and settings. */
export function diffScenarios(base: TreeModel, head: TreeModel, alerts: AlertsDiff): ScenariosDiff {
  // An alert name in several rule files (one per SLO) is told apart by the rule files a test file loads.
  const filesOf = new Map<string, Set<string>>();
  for (const a of [...base.alerts, ...head.alerts]) filesOf.set(a.name, (filesOf.get(a.name) ?? new Set<string>()).add(a.file));
  const ruleFileOf = (alert: string, candidates: readonly string[]) => {
    const files = filesOf.get(alert);
    return files && files.size > 1 ? (candidates.find((f) => files.has(f)) ?? null) : null;
  };
  const groups = new Map<string, Group>();
  const group = (alert: string, ruleFile: string | null) => {
    const key = `${alert}|${ruleFile ?? ''}`;
    const g = groups.get(key) ?? { alert, ruleFile, rule: null, threshold: null, added: [], removed: [], changed: [], unchanged: 0, failing: [] };
    groups.set(key, g);
    return g;
  };
  const ofScenario = (s: TreeScenario) => group(s.alert, ruleFileOf(s.alert, s.ruleFiles));
  const ofRule = (alert: string, file: string) => group(alert, ruleFileOf(alert, [file]));
  const summary = (s: TreeScenario): ScenarioSummary => ({ name: s.name, scenario: s.scenario, file: s.file });

  const bs = index(base);
  const hs = index(head);
  for (const [k, s] of hs) {
    const b = bs.get(k);
    if (!b) ofScenario(s).added.push(summary(s));
    else if (changedParts(b, s).length > 0) ofScenario(s).changed.push({ ...summary(s), parts: changedParts(b, s) });
  }
  for (const [k, s] of bs) if (!hs.has(k)) ofScenario(s).removed.push(summary(s));
  const byTestName = (m: Map<string, TreeScenario>) => new Map([...m.values()].map((s) => [s.name, s]));
  const [baseByName, headByName] = [byTestName(bs), byTestName(hs)];
  for (const g of groups.values()) pairRenamed(g, (b, a) => changedParts(baseByName.get(b.name)!, headByName.get(a.name)!));

  // What happened to each rule; a change of receiver only is left out (promtool does not route).
  const threshold = (changes: readonly FieldChange[]) => changes.find((c) => c.field === 'threshold') ?? null;
  const setRule = (g: Group, rule: AlertRuleChange, t: FieldChange | null) => {
    if (g.rule === null || rule === 'renamed') [g.rule, g.threshold] = [rule, t ?? g.threshold];
  };
  const named = (list: readonly AlertRule[], name: string, file: string) => list.some((a) => a.name === name && a.file === file);
  for (const c of alerts.changed) {
    const seen = c.changes.filter((f) => f.field !== 'receiver');
    if (seen.length > 0) setRule(ofRule(c.name, c.file), 'changed', threshold(seen));
  }
  // Another severity of the same alert left on the other side makes an added or removed rule a change of the alert.
  for (const a of alerts.added) setRule(ofRule(a.name, a.file), named(base.alerts, a.name, a.file) ? 'changed' : 'added', null);
  for (const a of alerts.removed) setRule(ofRule(a.name, a.file), named(head.alerts, a.name, a.file) ? 'changed' : 'removed', null);
  for (const r of alerts.renamed) {
    setRule(ofRule(r.from, r.file), 'renamed', threshold(r.changes));
    setRule(ofRule(r.to, r.file), 'renamed', threshold(r.changes));
  }

  const headNames = new Set(head.alerts.map((a) => a.name));
  const gone = new Set(base.alerts.map((a) => a.name).filter((n) => !headNames.has(n)));
  for (const [k, s] of hs) {
    const b = bs.get(k);
    if (b && changedParts(b, s).length === 0) {
      const g = groups.get(`${s.alert}|${ruleFileOf(s.alert, s.ruleFiles) ?? ''}`);
      if (g) g.unchanged++;
    }
    // promtool fails a test whose expected alert never fires, and an alert without a rule never does.
    for (const alert of s.expectsFiring.filter((n) => gone.has(n))) group(alert, ruleFileOf(alert, s.ruleFiles)).failing.push(summary(s));
  }

  const byName = byKey((s: ScenarioSummary) => s.name);
  const result: AlertScenarios[] = [...groups.values()]
    .sort(byKey((g) => `${g.alert}|${g.ruleFile ?? ''}`))
    .map((g) => ({
      alert: g.alert,
      ruleFile: g.ruleFile,
      rule: g.rule,
      threshold: g.threshold,
      added: g.added.sort(byName),
      removed: g.removed.sort(byName),
      changed: g.changed.sort(byName),
      unchanged: g.unchanged,
      failing: g.failing.sort(byName),
    }));

  const filesChanged: ScenarioFileChange[] = [];
  for (const [file, b] of base.scenarioFiles) {
    const h = head.scenarioFiles.get(file);
    if (!h) continue;
    const keys = [...new Set([...Object.keys(b.settings), ...Object.keys(h.settings)])].sort(cmp);
    const changes = keys.flatMap((k) => fieldChange(k, jsonOrNull(b.settings[k]), jsonOrNull(h.settings[k])));
    if (changes.length > 0) filesChanged.push({ file, changes });
  }
  return {
    alerts: result,
    filesAdded: [...head.scenarioFiles.keys()].filter((f) => !base.scenarioFiles.has(f)).sort(cmp),
    filesRemoved: [...base.scenarioFiles.keys()].filter((f) => !head.scenarioFiles.has(f)).sort(cmp),
    filesChanged: filesChanged.sort(byKey((f) => f.file)),
  };
}
