/** Prometheus rule files from rule groups: one file per `file` key, groups in definition order. */
import type { RuleGroupModel, RuleModel } from '../model/rules';
import { yamlFile } from './yaml-text';

function ruleObject(rule: RuleModel): Record<string, unknown> {
  if (rule.kind === 'recording') {
    return { record: rule.record, expr: rule.expr, ...(rule.labels ? { labels: sortedRecord(rule.labels) } : {}) };
  }
  return {
    alert: rule.alert,
    expr: rule.expr,
    ...(rule.for ? { for: rule.for } : {}),
    ...(rule.keepFiringFor ? { keep_firing_for: rule.keepFiringFor } : {}),
    labels: sortedRecord(rule.labels),
    annotations: sortedRecord(rule.annotations),
  };
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Rule file name (relative to the rules directory) → YAML text. */
export function emitRuleFiles(groups: readonly RuleGroupModel[], fileOf: (source: string) => string): Map<string, string> {
  const byFile = new Map<string, RuleGroupModel[]>();
  for (const g of groups) byFile.set(g.file, [...(byFile.get(g.file) ?? []), g]);
  const files = new Map<string, string>();
  for (const [file, fileGroups] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const doc = {
      groups: fileGroups.map((g) => ({
        name: g.name,
        ...(g.interval ? { interval: g.interval } : {}),
        rules: g.rules.map(ruleObject),
      })),
    };
    files.set(`${file}.yml`, yamlFile(doc, fileGroups.map((g) => fileOf(g.source))));
  }
  return files;
}
