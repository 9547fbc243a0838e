/**
 * Alert rules compared across the two trees: added, removed, renamed (same expression and labels, another name),
 * and changed, with the threshold of the expression and the receivers the alert routes to among the fields.
 */
import { routeReceivers } from '../alertmanager/routing';
import { childNodes, nodeText, parsePromql, type SyntaxNode } from '../promql/syntax';
import { fileStem, type AlertRule, type TreeModel } from './tree-model';
import type { AlertChange, AlertRename, AlertsDiff, AlertSummary, FieldChange } from './types';
import { byKey, fieldChange, labelText, mapChanges } from './values';

/**
 * The numeric right-hand side of the expression's top comparison, when it is a plain number: `x > 120` → "120".
 * Through parentheses, and through the left operand of `and` / `or` / `unless`.
 */
export function comparisonThreshold(expr: string): string | null {
  let node: SyntaxNode | null = parsePromql(expr).tree.topNode.firstChild;
  for (let depth = 0; node && depth < 50; depth++) {
    if (node.name === 'ParenExpr') {
      node = node.firstChild;
      continue;
    }
    if (node.name !== 'BinaryExpr') return null;
    const children = childNodes(node);
    const op = children[1];
    if (!op) return null;
    if (['And', 'Or', 'Unless'].includes(op.name)) {
      node = children[0] ?? null;
      continue;
    }
    if (!['Gtr', 'Lss', 'Gte', 'Lte', 'Eql', 'Neq', 'EqlSingle'].includes(op.name)) return null;
    const rhs = children[children.length - 1];
    if (!rhs) return null;
    const value = nodeText(expr, rhs).replace(/^\(+|\)+$/g, '').trim();
    return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(value) ? value : null;
  }
  return null;
}

/** The receivers `a` is notified through, each once, in routing order; none when the routing could not be read. */
function receiversOf(model: TreeModel, a: AlertRule): string[] {
  const routing = model.alertmanager.routing;
  return routing ? [...new Set(routeReceivers(routing, { ...a.labels, alertname: a.name }))] : [];
}

function alertFieldChanges(a: AlertRule, b: AlertRule, recvA: readonly string[], recvB: readonly string[]): FieldChange[] {
  const changes: FieldChange[] = [];
  changes.push(...fieldChange('expr', a.expr, b.expr));
  if (a.expr !== b.expr) changes.push(...fieldChange('threshold', comparisonThreshold(a.expr), comparisonThreshold(b.expr)));
  changes.push(...fieldChange('for', a.for, b.for));
  changes.push(...fieldChange('keep_firing_for', a.keepFiringFor, b.keepFiringFor));
  changes.push(...fieldChange('severity', a.severity || null, b.severity || null));
  const { severity: _sa, ...la } = a.labels;
  const { severity: _sb, ...lb } = b.labels;
  changes.push(...mapChanges('labels', la, lb));
  changes.push(...mapChanges('annotations', a.annotations, b.annotations));
  changes.push(...fieldChange('receiver', recvA.join(', ') || null, recvB.join(', ') || null));
  return changes;
}

/** Alerts keyed by name and severity (and rule file when that is ambiguous). */
export function diffAlerts(base: TreeModel, head: TreeModel): AlertsDiff {
  const nameSev = (a: AlertRule) => `${a.name}|${a.severity}`;
  const ambiguous = new Set<string>();
  for (const list of [base.alerts, head.alerts]) {
    const seen = new Set<string>();
    for (const a of list) {
      if (seen.has(nameSev(a))) ambiguous.add(nameSev(a));
      seen.add(nameSev(a));
    }
  }
  const keyOf = (a: AlertRule) => (ambiguous.has(nameSev(a)) ? `${a.name} [${a.severity}] (${fileStem(a.file)})` : `${a.name} [${a.severity}]`);
  const index = (list: readonly AlertRule[]) => {
    const m = new Map<string, AlertRule>();
    for (const a of list) {
      let k = keyOf(a);
      for (let n = 2; m.has(k); n++) k = `${keyOf(a)} #${n}`;
      m.set(k, a);
    }
    return m;
  };
  const bm = index(base.alerts);
  const hm = index(head.alerts);
  const changed: AlertChange[] = [];
  const pushChange = (key: string, a: AlertRule, b: AlertRule) => {
    const changes = alertFieldChanges(a, b, receiversOf(base, a), receiversOf(head, b));
    if (changes.length > 0) changed.push({ key, name: b.name, severity: b.severity, file: b.file, changes });
  };
  const removedOnly = new Map<string, AlertRule>();
  for (const [k, a] of bm) {
    const b = hm.get(k);
    if (b) pushChange(k, a, b);
    else removedOnly.set(k, a);
  }
  const addedOnly = new Map<string, AlertRule>([...hm].filter(([k]) => !bm.has(k)));

  // Severity changed: the one removed and the one added rule of the same name in the same file.
  const byNameFile = (m: Map<string, AlertRule>) => {
    const g = new Map<string, string[]>();
    for (const [k, a] of m) g.set(`${a.name}|${a.file}`, [...(g.get(`${a.name}|${a.file}`) ?? []), k]);
    return g;
  };
  const rg = byNameFile(removedOnly);
  const ag = byNameFile(addedOnly);
  for (const [nf, rks] of rg) {
    const aks = ag.get(nf);
    if (rks.length === 1 && aks?.length === 1) {
      const rk = rks[0] as string;
      const ak = aks[0] as string;
      pushChange(ak, removedOnly.get(rk) as AlertRule, addedOnly.get(ak) as AlertRule);
      removedOnly.delete(rk);
      addedOnly.delete(ak);
    }
  }

  // Renamed: same expression and labels, another name.
  const renamed: AlertRename[] = [];
  for (const [rk, a] of [...removedOnly].sort(byKey(([k]) => k))) {
    const match = [...addedOnly]
      .sort(byKey(([k]) => k))
      .find(([, b]) => b.expr === a.expr && labelText(a.labels) === labelText(b.labels));
    if (!match) continue;
    const [ak, b] = match;
    const changes = alertFieldChanges(a, b, receiversOf(base, a), receiversOf(head, b));
    renamed.push({ from: a.name, to: b.name, severity: b.severity, file: b.file, changes });
    removedOnly.delete(rk);
    addedOnly.delete(ak);
  }

  const summary = (model: TreeModel) => ([key, a]: [string, AlertRule]): AlertSummary => ({
    key,
    name: a.name,
    severity: a.severity,
    file: a.file,
    expr: a.expr,
    receivers: receiversOf(model, a),
  });
  return {
    added: [...addedOnly].map(summary(head)).sort(byKey((a) => a.key)),
    removed: [...removedOnly].map(summary(base)).sort(byKey((a) => a.key)),
    renamed: renamed.sort(byKey((r) => `${r.from}|${r.to}|${r.file}`)),
    changed: changed.sort(byKey((c) => c.key)),
  };
}
