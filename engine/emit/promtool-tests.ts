/**
 * promtool unit test files from alert scenarios: one test file per rule file, one test per scenario, named
 * `<alert>: <scenario>` so that a failure names both.
 */
import type { ProjectModel } from '../model/project';
import type { AlertModel, AlertScenarioModel } from '../model/alerts';
import type { AlertRuleModel, RuleGroupModel } from '../model/rules';
import { alertRule, allRuleGroups } from '../build/rule-groups';
import { createPromqlMemo, promqlSelectors, type ParsedMatcher, type PromqlMemo } from '../promql/analyze';
import { sourcePath } from './generated-header';
import { yamlFile } from './yaml-text';

function test(rule: AlertRuleModel, a: AlertModel, s: AlertScenarioModel): Record<string, unknown> {
  return {
    name: `${a.name}: ${s.name}`,
    interval: s.interval,
    input_series: s.input.map((i) => ({ series: i.series, values: i.values })),
    alert_rule_test: [
      {
        eval_time: s.evalTime,
        alertname: a.name,
        exp_alerts: s.expect.map((e) => ({
          exp_labels: sorted({ ...e.labels, ...rule.labels, ...(e.severity ? { severity: e.severity } : {}) }),
          exp_annotations: sorted({ ...rule.annotations, description: e.description }),
        })),
      },
    ],
    ...(s.expectSeries
      ? {
          promql_expr_test: s.expectSeries.map((e) => ({
            expr: e.expr,
            eval_time: s.evalTime,
            exp_samples: e.samples.map((x) => ({ labels: x.labels, value: x.value })),
          })),
        }
      : {}),
  };
}

function sorted(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A recording rule as the test files need it: its file, expression, static labels, and place in its name's list. */
interface RecordedRule {
  readonly file: string;
  readonly expr: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly position: number;
}

/**
 * Recording rules by the name they record. Rules sharing a name (one per SLO) are also indexed by the value of a
 * static label, on first use: a selector with `slo_id="x"` then looks at the rules of that SLO only, where
 * filtering every rule of the name made the emission quadratic in the number of SLOs.
 */
class RecordedRules {
  private readonly byName = new Map<string, RecordedRule[]>();
  private readonly byLabel = new Map<string, { readonly values: Map<string, RecordedRule[]>; readonly without: RecordedRule[] }>();

  constructor(groups: readonly RuleGroupModel[]) {
    for (const g of groups) {
      for (const r of g.rules) {
        if (r.kind !== 'recording') continue;
        const rules = this.byName.get(r.record) ?? [];
        rules.push({ file: g.file, expr: r.expr, labels: r.labels ?? {}, position: rules.length });
        this.byName.set(r.record, rules);
      }
    }
  }

  /** Rules of `name` that a selector with `matchers` can read, in definition order. */
  readBy(name: string, matchers: readonly ParsedMatcher[]): RecordedRule[] {
    const rules = this.byName.get(name) ?? [];
    const first = matchers.find((m) => m.op === '=');
    const candidates = first && rules.length > 1 ? this.narrowed(name, rules, first) : rules;
    return candidates.filter((r) => matchers.every((m) => m.op !== '=' || r.labels[m.label] === undefined || r.labels[m.label] === m.value));
  }

  /** Rules of `name` whose static label `m.label` is `m.value` or unset. */
  private narrowed(name: string, rules: readonly RecordedRule[], m: ParsedMatcher): RecordedRule[] {
    const key = `${name}\u0000${m.label}`;
    let index = this.byLabel.get(key);
    if (!index) {
      index = { values: new Map(), without: [] };
      for (const r of rules) {
        const value = r.labels[m.label];
        if (value === undefined) index.without.push(r);
        else index.values.set(value, [...(index.values.get(value) ?? []), r]);
      }
      this.byLabel.set(key, index);
    }
    const withValue = index.values.get(m.value) ?? [];
    return index.without.length === 0 ? withValue : [...withValue, ...index.without].sort((a, b) => a.position - b.position);
  }
}

/**
 * The rule files (names without extension) a group's alerts need: the group's own file and, transitively, the
 * files of the recording rules they read. Loading only these keeps promtool from evaluating every rule of the
 * project at every step of every scenario.
 */
function neededRuleFiles(recorded: RecordedRules, file: string, exprs: readonly string[], memo: PromqlMemo): string[] {
  const files = new Set([file]);
  const seen = new Set<string>();
  const pending = [...exprs];
  while (pending.length > 0) {
    for (const s of promqlSelectors(pending.pop()!, memo)) {
      // Rules sharing a name (one per SLO) are told apart by their static labels: skip those the selector excludes.
      const rules = s.name ? recorded.readBy(s.name, s.matchers) : [];
      for (const rule of rules) {
        const key = `${rule.file}\u0000${rule.expr}`;
        if (seen.has(key)) continue;
        seen.add(key);
        files.add(rule.file);
        pending.push(rule.expr);
      }
    }
  }
  return [...files].sort();
}

/**
 * Evaluation interval of the scenarios. Coarser than production's so that day-long scenarios stay fast; every
 * `for` and window of the alerts is a whole number of minutes.
 */
export const SCENARIO_EVALUATION_INTERVAL = '1m';

/**
 * Test file name (relative to the tests directory) → YAML, one file per alert group. `memo` holds the selectors of
 * expressions analysed earlier in the build; without one, each rule is parsed once here.
 */
export function emitPromtoolTests(project: ProjectModel, memo: PromqlMemo = createPromqlMemo()): Map<string, string> {
  const files = new Map<string, string>();
  // Indexed once for all groups: looked up per group, they made the emission quadratic in the number of groups.
  const ruleGroups = allRuleGroups(project);
  const recorded = new RecordedRules(ruleGroups);
  const groupsByFile = new Map<string, Array<{ group: RuleGroupModel; position: number }>>();
  ruleGroups.forEach((group, position) => groupsByFile.set(group.file, [...(groupsByFile.get(group.file) ?? []), { group, position }]));
  for (const group of project.alertGroups) {
    const tests = group.alerts.flatMap((a) => {
      const rule = alertRule(project, a);
      return a.scenarios.map((s) => test(rule, a, s));
    });
    if (tests.length === 0) continue;
    const ruleFiles = neededRuleFiles(recorded, group.file, group.alerts.map((a) => a.expr), memo);
    // promtool otherwise evaluates groups in any order, so an alert could read a recording rule's previous value.
    const loaded = ruleFiles
      .flatMap((f) => groupsByFile.get(f) ?? [])
      .sort((a, b) => a.position - b.position)
      .map((g) => g.group);
    const groupEvalOrder = [...loaded.filter((g) => g.rules.every((r) => r.kind === 'recording')), ...loaded.filter((g) => g.rules.some((r) => r.kind === 'alert'))].map((g) => g.name);
    const doc = {
      rule_files: ruleFiles.map((f) => `../rules/${f}.yml`),
      evaluation_interval: SCENARIO_EVALUATION_INTERVAL,
      group_eval_order: groupEvalOrder,
      tests,
    };
    files.set(`${group.file}.test.yml`, yamlFile(doc, [sourcePath(project.rootDir, group.source)]));
  }
  return files;
}
