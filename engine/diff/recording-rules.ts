/** Recording rules compared across the two trees, each with what reads its series on the side it exists. */
import type { Dependent, RecordingRuleChange, RecordingRulesDiff, RecordingRuleSummary } from './types';
import type { RecordRule, TreeModel } from './tree-model';
import { byKey } from './values';

/** Whether `expr` mentions the series `name` as a whole metric name. */
function mentions(expr: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-zA-Z0-9_:])${escaped}($|[^a-zA-Z0-9_:])`).test(expr);
}

/** Alerts, recording rules and panels whose expression mentions `rule`'s record (and not another SLO's copy). */
function dependentsOf(model: TreeModel, rule: RecordRule): Dependent[] {
  const sloId = rule.labels['slo_id'];
  const relevant = (expr: string) => {
    if (!mentions(expr, rule.record)) return false;
    if (sloId === undefined) return true;
    const ids = [...expr.matchAll(/slo_id\s*=\s*"([^"]*)"/g)].map((m) => m[1]);
    return ids.length === 0 || ids.includes(sloId);
  };
  const out: Dependent[] = [];
  for (const a of model.alerts) if (relevant(a.expr)) out.push({ kind: 'alert', name: a.name, where: a.file });
  for (const r of model.records)
    if (r.key !== rule.key && relevant(r.expr)) out.push({ kind: 'recording rule', name: r.key, where: r.file });
  for (const d of model.dashboards.values())
    for (const p of d.panels.values())
      if ([...p.targets.values()].some(relevant)) out.push({ kind: 'panel', name: p.path, where: d.file });
  const seen = new Set<string>();
  return out
    .filter((d) => {
      const k = `${d.kind}|${d.name}|${d.where}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort(byKey((d) => `${d.kind}|${d.name}|${d.where}`));
}

/** Recording rules keyed by record name and static labels. */
export function diffRecordingRules(base: TreeModel, head: TreeModel): RecordingRulesDiff {
  const index = (list: readonly RecordRule[]) => {
    const m = new Map<string, RecordRule>();
    for (const r of list) {
      let k = r.key;
      for (let n = 2; m.has(k); n++) k = `${r.key} #${n}`;
      m.set(k, r);
    }
    return m;
  };
  const bm = index(base.records);
  const hm = index(head.records);
  const summary = (model: TreeModel, key: string, r: RecordRule): RecordingRuleSummary => ({
    key,
    record: r.record,
    file: r.file,
    expr: r.expr,
    dependents: dependentsOf(model, r),
  });
  const added: RecordingRuleSummary[] = [];
  const removed: RecordingRuleSummary[] = [];
  const changed: RecordingRuleChange[] = [];
  for (const [k, r] of hm) if (!bm.has(k)) added.push(summary(head, k, r));
  for (const [k, r] of bm) {
    const h = hm.get(k);
    if (!h) removed.push(summary(base, k, r));
    else if (h.expr !== r.expr) changed.push({ ...summary(head, k, h), exprBefore: r.expr });
  }
  return {
    added: added.sort(byKey((r) => r.key)),
    removed: removed.sort(byKey((r) => r.key)),
    changed: changed.sort(byKey((r) => r.key)),
  };
}
