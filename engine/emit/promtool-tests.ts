/**
 * promtool unit test files from alert scenarios: one test file per rule file, one test per scenario, named
 * `<alert>: <scenario>` so that a failure names both.
 */
import type { ProjectModel } from '../model/project';
import type { AlertModel, AlertScenarioModel } from '../model/alerts';
import { alertRule, allRuleGroups } from '../build/rule-groups';
import { analyzePromql } from '../promql/analyze';
import { sourcePath } from './generated-header';
import { yamlFile } from './yaml-text';

function test(project: ProjectModel, a: AlertModel, s: AlertScenarioModel): Record<string, unknown> {
  const rule = alertRule(project, a);
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

/**
 * The rule files (names without extension) a group's alerts need: the group's own file and, transitively, the
 * files of the recording rules they read. Loading only these keeps promtool from evaluating every rule of the
 * project at every step of every scenario.
 */
function neededRuleFiles(project: ProjectModel, file: string, exprs: readonly string[]): string[] {
  const recordedIn = new Map<string, Array<{ file: string; expr: string; labels: Readonly<Record<string, string>> }>>();
  for (const g of allRuleGroups(project)) {
    for (const r of g.rules) {
      if (r.kind === 'recording') recordedIn.set(r.record, [...(recordedIn.get(r.record) ?? []), { file: g.file, expr: r.expr, labels: r.labels ?? {} }]);
    }
  }
  const files = new Set([file]);
  const seen = new Set<string>();
  const pending = [...exprs];
  while (pending.length > 0) {
    for (const s of analyzePromql(pending.pop()!, () => undefined).selectors) {
      // Rules sharing a name (one per SLO) are told apart by their static labels: skip those the selector excludes.
      const rules = (s.name ? recordedIn.get(s.name) ?? [] : []).filter((r) =>
        s.matchers.every((m) => m.op !== '=' || r.labels[m.label] === undefined || r.labels[m.label] === m.value),
      );
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

/** Test file name (relative to the tests directory) → YAML, one file per alert group. */
export function emitPromtoolTests(project: ProjectModel): Map<string, string> {
  const files = new Map<string, string>();
  for (const group of project.alertGroups) {
    const tests = group.alerts.flatMap((a) => a.scenarios.map((s) => test(project, a, s)));
    if (tests.length === 0) continue;
    const ruleFiles = neededRuleFiles(project, group.file, group.alerts.map((a) => a.expr));
    // promtool otherwise evaluates groups in any order, so an alert could read a recording rule's previous value.
    const loaded = allRuleGroups(project).filter((g) => ruleFiles.includes(g.file));
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
