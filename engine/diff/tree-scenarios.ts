/**
 * The scenario reader of the diff: a promtool test file (`prometheus/tests/*.test.yml`) read into its scenarios,
 * each by the alert its name opens with, and its file-level settings. Read so that the report can say which
 * scenarios a change touched, next to the alert they prove.
 */
import { posix } from 'node:path';
import { canonicalJson, cmp, isObj, str, type Obj } from './values';

/** Where the build writes promtool scenario files. */
export const isScenarioFile = (p: string): boolean => /^prometheus\/tests\/[^/]+\.ya?ml$/.test(p);

/** One promtool test of a scenario file. */
export interface TreeScenario {
  /** The test's `name`, `<alert>: <scenario>` by the project's convention. */
  readonly name: string;
  /** The alert the name opens with; `(unnamed alert)` for a name that does not follow the convention. */
  readonly alert: string;
  /** The name without the alert. */
  readonly scenario: string;
  readonly file: string;
  /** The rule files the test file loads, as tree paths (`prometheus/rules/x.yml`). */
  readonly ruleFiles: readonly string[];
  /** Alert names an `alert_rule_test` of the test expects to fire (a non-empty `exp_alerts`). */
  readonly expectsFiring: readonly string[];
  /** Each key of the test (`input_series`, `alert_rule_test`, `interval`, ...) as canonical JSON. */
  readonly parts: ReadonlyMap<string, string>;
}

/** A scenario file: its settings besides `tests` (`rule_files`, `evaluation_interval`, ...), and its tests. */
export interface TreeScenarioFile {
  readonly file: string;
  readonly settings: Obj;
  readonly scenarios: readonly TreeScenario[];
}

/** For a name that does not open with an alert name (`Cdb…: `), so such tests are still listed. */
export const UNNAMED_ALERT = '(unnamed alert)';

/** Splits `CdbMarketDataStale: a fresh feed stays quiet` at its first `: `, when what comes before is a rule name. */
function splitName(name: string): { alert: string; scenario: string } {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*): (.*)$/s.exec(name);
  return m ? { alert: m[1] as string, scenario: m[2] as string } : { alert: UNNAMED_ALERT, scenario: name };
}

/** The scenarios of a parsed test file; a test without a name is named by its place in the file (`#3`). */
export function readScenarioFile(path: string, doc: unknown): TreeScenarioFile {
  const settings: Obj = {};
  const scenarios: TreeScenario[] = [];
  if (!isObj(doc)) return { file: path, settings, scenarios };
  for (const [k, v] of Object.entries(doc)) if (k !== 'tests') settings[k] = v;
  // promtool reads rule_files relative to the test file.
  const ruleFiles = (Array.isArray(doc['rule_files']) ? doc['rule_files'] : []).map((f) => posix.normalize(posix.join(posix.dirname(path), str(f) ?? '')));
  const tests = Array.isArray(doc['tests']) ? doc['tests'] : [];
  tests.forEach((t, i) => {
    if (!isObj(t)) return;
    const name = typeof t['name'] === 'string' ? t['name'] : `#${i + 1}`;
    const parts = new Map<string, string>();
    for (const k of Object.keys(t).sort(cmp)) if (k !== 'name') parts.set(k, canonicalJson(t[k]));
    const firing = (Array.isArray(t['alert_rule_test']) ? t['alert_rule_test'] : []).filter(
      (a): a is Obj => isObj(a) && typeof a['alertname'] === 'string' && Array.isArray(a['exp_alerts']) && a['exp_alerts'].length > 0,
    );
    const expectsFiring = [...new Set(firing.map((a) => a['alertname'] as string))].sort(cmp);
    scenarios.push({ name, ...splitName(name), file: path, ruleFiles, expectsFiring, parts });
  });
  return { file: path, settings, scenarios };
}
