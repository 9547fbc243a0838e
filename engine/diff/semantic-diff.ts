/**
 * Semantic diff of two generated trees (path relative to generated/ → content), in the reviewer's terms: alerts,
 * SLOs, recording rules, dashboards and panels, Alertmanager routes, receivers and inhibitions. Pure: no disk, no
 * git. Every list is sorted, so the same two trees always give the same diff.
 */
import { parse as parseYaml } from 'yaml';
import { childNodes, nodeText, parsePromql, type SyntaxNode } from '../promql/syntax';

export type Tree = ReadonlyMap<string, string>;

/** One field that differs; null stands for "absent". */
export interface FieldChange {
  readonly field: string;
  readonly before: string | null;
  readonly after: string | null;
}

export interface AlertSummary {
  /** Identity: name, severity and (only when name + severity is ambiguous) the rule file. */
  readonly key: string;
  readonly name: string;
  readonly severity: string;
  readonly file: string;
  readonly expr: string;
  readonly receivers: readonly string[];
}

export interface AlertChange {
  readonly key: string;
  readonly name: string;
  readonly severity: string;
  readonly file: string;
  readonly changes: readonly FieldChange[];
}

export interface AlertRename {
  readonly from: string;
  readonly to: string;
  readonly severity: string;
  readonly file: string;
  /** Fields that changed besides the name (annotations usually mention it). */
  readonly changes: readonly FieldChange[];
}

export interface AlertsDiff {
  readonly added: readonly AlertSummary[];
  readonly removed: readonly AlertSummary[];
  readonly renamed: readonly AlertRename[];
  readonly changed: readonly AlertChange[];
}

export interface SloTierChange {
  readonly tier: string;
  readonly factorBefore: number | null;
  readonly factorAfter: number | null;
  /** Error-ratio threshold of the tier: factor × (1 − objective). */
  readonly thresholdBefore: number | null;
  readonly thresholdAfter: number | null;
}

export interface SloState {
  readonly id: string;
  readonly name: string;
  readonly objective: number | null;
  readonly periodDays: number | null;
  /** Minutes of full outage the error budget allows per period: (1 − objective) × days × 1440. */
  readonly errorBudgetMinutes: number | null;
}

export interface SloChange {
  readonly id: string;
  readonly name: string;
  readonly before: SloState;
  readonly after: SloState;
  readonly tiers: readonly SloTierChange[];
}

export interface SlosDiff {
  readonly added: readonly SloState[];
  readonly removed: readonly SloState[];
  readonly changed: readonly SloChange[];
}

export interface Dependent {
  readonly kind: 'alert' | 'recording rule' | 'panel';
  /** Alert name, record name, or `dashboard uid › panel title (#id)`. */
  readonly name: string;
  readonly where: string;
}

export interface RecordingRuleSummary {
  /** `record{label="v",…}` (labels of the rule itself, sorted). */
  readonly key: string;
  readonly record: string;
  readonly file: string;
  readonly expr: string;
  /** What mentions the record: in the head tree for added/changed rules, in the base tree for removed ones. */
  readonly dependents: readonly Dependent[];
}

export interface RecordingRuleChange extends RecordingRuleSummary {
  readonly exprBefore: string;
}

export interface RecordingRulesDiff {
  readonly added: readonly RecordingRuleSummary[];
  readonly removed: readonly RecordingRuleSummary[];
  readonly changed: readonly RecordingRuleChange[];
}

export interface DashboardSummary {
  readonly uid: string;
  readonly title: string;
  readonly file: string;
}

export interface DashboardRetitle {
  readonly uid: string;
  readonly before: string;
  readonly after: string;
}

export interface PanelSummary {
  readonly dashboardUid: string;
  readonly dashboardTitle: string;
  readonly id: number;
  readonly title: string;
}

export type PanelChangeKind = 'retitled' | 'moved' | 'query changed';

export interface PanelChange extends PanelSummary {
  readonly kinds: readonly PanelChangeKind[];
  readonly changes: readonly FieldChange[];
}

export interface DashboardsDiff {
  readonly added: readonly DashboardSummary[];
  readonly removed: readonly DashboardSummary[];
  readonly retitled: readonly DashboardRetitle[];
  readonly panelsAdded: readonly PanelSummary[];
  readonly panelsRemoved: readonly PanelSummary[];
  readonly panelsChanged: readonly PanelChange[];
}

export interface RouteLine {
  /** Matchers from the root down, ` ▸ `-joined; `(root)` for the root route. */
  readonly path: string;
  readonly receiver: string;
}

export interface RouteChange {
  readonly path: string;
  readonly changes: readonly FieldChange[];
}

export interface NamedChange {
  readonly name: string;
  readonly changes: readonly FieldChange[];
}

export interface InhibitRuleSummary {
  readonly source: string;
  readonly target: string;
  readonly equal: readonly string[];
}

export interface InhibitRuleChange {
  readonly source: string;
  readonly target: string;
  readonly equalBefore: readonly string[];
  readonly equalAfter: readonly string[];
}

export interface AlertmanagerDiff {
  readonly routesAdded: readonly RouteLine[];
  readonly routesRemoved: readonly RouteLine[];
  readonly routesChanged: readonly RouteChange[];
  readonly receiversAdded: readonly string[];
  readonly receiversRemoved: readonly string[];
  readonly receiversChanged: readonly NamedChange[];
  readonly inhibitRulesAdded: readonly InhibitRuleSummary[];
  readonly inhibitRulesRemoved: readonly InhibitRuleSummary[];
  readonly inhibitRulesChanged: readonly InhibitRuleChange[];
}

export interface OtherFilesDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

export interface ObservabilityDiff {
  readonly alerts: AlertsDiff;
  readonly slos: SlosDiff;
  readonly recordingRules: RecordingRulesDiff;
  readonly dashboards: DashboardsDiff;
  readonly alertmanager: AlertmanagerDiff;
  /** Generated files outside the semantic model (docs, scrape config, rule tests, provisioning) that differ. */
  readonly otherFiles: OtherFilesDiff;
  /** Files that could not be parsed (`path: message`); their semantic content is missing from the diff. */
  readonly warnings: readonly string[];
}

export function emptyDiff(): ObservabilityDiff {
  return {
    alerts: { added: [], removed: [], renamed: [], changed: [] },
    slos: { added: [], removed: [], changed: [] },
    recordingRules: { added: [], removed: [], changed: [] },
    dashboards: { added: [], removed: [], retitled: [], panelsAdded: [], panelsRemoved: [], panelsChanged: [] },
    alertmanager: {
      routesAdded: [],
      routesRemoved: [],
      routesChanged: [],
      receiversAdded: [],
      receiversRemoved: [],
      receiversChanged: [],
      inhibitRulesAdded: [],
      inhibitRulesRemoved: [],
      inhibitRulesChanged: [],
    },
    otherFiles: { added: [], removed: [], changed: [] },
    warnings: [],
  };
}

/** Counts of every kind of change, in display order. Zero everywhere means nothing changed. */
export function diffCounts(diff: ObservabilityDiff): ReadonlyArray<readonly [string, number]> {
  const a = diff.alertmanager;
  return [
    ['alerts added', diff.alerts.added.length],
    ['alerts removed', diff.alerts.removed.length],
    ['alerts renamed', diff.alerts.renamed.length],
    ['alerts changed', diff.alerts.changed.length],
    ['SLOs added', diff.slos.added.length],
    ['SLOs removed', diff.slos.removed.length],
    ['SLOs changed', diff.slos.changed.length],
    ['recording rules added', diff.recordingRules.added.length],
    ['recording rules removed', diff.recordingRules.removed.length],
    ['recording rules changed', diff.recordingRules.changed.length],
    ['dashboards added', diff.dashboards.added.length],
    ['dashboards removed', diff.dashboards.removed.length],
    ['dashboards retitled', diff.dashboards.retitled.length],
    ['panels added', diff.dashboards.panelsAdded.length],
    ['panels removed', diff.dashboards.panelsRemoved.length],
    ['panels changed', diff.dashboards.panelsChanged.length],
    ['routes added', a.routesAdded.length],
    ['routes removed', a.routesRemoved.length],
    ['routes changed', a.routesChanged.length],
    ['receivers added', a.receiversAdded.length],
    ['receivers removed', a.receiversRemoved.length],
    ['receivers changed', a.receiversChanged.length],
    ['inhibit rules added', a.inhibitRulesAdded.length],
    ['inhibit rules removed', a.inhibitRulesRemoved.length],
    ['inhibit rules changed', a.inhibitRulesChanged.length],
    ['other generated files changed', diff.otherFiles.added.length + diff.otherFiles.removed.length + diff.otherFiles.changed.length],
  ];
}

export function isEmptyDiff(diff: ObservabilityDiff): boolean {
  return diffCounts(diff).every(([, n]) => n === 0) && diff.warnings.length === 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

type Json = unknown;
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (v === undefined || v === null ? null : typeof v === 'string' ? v : String(v));
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byKey = <T>(key: (t: T) => string) => (a: T, b: T) => cmp(key(a), key(b));

/** Canonical JSON: object keys sorted, so two equal values always serialise the same. */
export function canonicalJson(value: Json): string {
  return JSON.stringify(sortKeys(value));
}

export function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isObj(value)) {
    const out: Obj = {};
    for (const k of Object.keys(value).sort(cmp)) out[k] = sortKeys(value[k]);
    return out;
  }
  return value;
}

/** A number without floating-point noise (0.1 × 3 → 0.3). */
export function round(n: number): number {
  return Number(n.toPrecision(10));
}

function fieldChange(field: string, before: string | null, after: string | null): FieldChange[] {
  return before === after ? [] : [{ field, before, after }];
}

function mapChanges(prefix: string, before: Obj, after: Obj): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(cmp);
  return keys.flatMap((k) => fieldChange(`${prefix}.${k}`, str(before[k]), str(after[k])));
}

function parseFile(path: string, text: string, warnings: string[]): unknown {
  try {
    return path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    warnings.push(`${path}: ${(e as Error).message.split('\n')[0] ?? ''}`);
    return undefined;
  }
}

const isRuleFile = (p: string) => /^prometheus\/rules\/[^/]+\.ya?ml$/.test(p);
const isDashboardFile = (p: string) => /^grafana\/provisioning\/dashboards\/.+\.json$/.test(p);
const isAlertmanagerFile = (p: string) => p === 'alertmanager/alertmanager.yml' || p === 'alertmanager/alertmanager.yaml';
const isSemanticFile = (p: string) => isRuleFile(p) || isDashboardFile(p) || isAlertmanagerFile(p);

const fileStem = (p: string) => (p.split('/').pop() ?? p).replace(/\.(ya?ml|json)$/, '');

// ---------------------------------------------------------------------------------------------------------------
// PromQL

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

/** Whether `expr` mentions the series `name` as a whole metric name. */
function mentions(expr: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-zA-Z0-9_:])${escaped}($|[^a-zA-Z0-9_:])`).test(expr);
}

// ---------------------------------------------------------------------------------------------------------------
// Alertmanager model

interface Matcher {
  readonly label: string;
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
}

function parseMatcher(text: string): Matcher | null {
  const m = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$/.exec(text);
  if (!m) return null;
  let value = m[3] ?? '';
  if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
    try {
      value = JSON.parse(value) as string;
    } catch {
      value = value.slice(1, -1);
    }
  }
  return { label: m[1] ?? '', op: m[2] as Matcher['op'], value };
}

const matcherText = (m: Matcher) => `${m.label}${m.op}${JSON.stringify(m.value)}`;

/** Matchers of a route or inhibit side: `matchers`/`*_matchers` plus the legacy `match`/`match_re` maps. */
function collectMatchers(list: unknown, match: unknown, matchRe: unknown): Matcher[] {
  const out: Matcher[] = [];
  if (Array.isArray(list)) {
    for (const item of list) {
      // One list item may hold several comma-separated matchers in braces.
      const text = String(item).trim().replace(/^\{|\}$/g, '');
      for (const part of text.split(/,(?=\s*[a-zA-Z_][a-zA-Z0-9_]*\s*(?:=~|!~|!=|=))/)) {
        const m = parseMatcher(part);
        if (m) out.push(m);
      }
    }
  }
  if (isObj(match)) for (const [k, v] of Object.entries(match)) out.push({ label: k, op: '=', value: String(v) });
  if (isObj(matchRe)) for (const [k, v] of Object.entries(matchRe)) out.push({ label: k, op: '=~', value: String(v) });
  return out;
}

function matches(m: Matcher, labels: Readonly<Record<string, string>>): boolean {
  const v = labels[m.label] ?? '';
  switch (m.op) {
    case '=':
      return v === m.value;
    case '!=':
      return v !== m.value;
    case '=~':
    case '!~': {
      let ok: boolean;
      try {
        ok = new RegExp(`^(?:${m.value})$`).test(v);
      } catch {
        ok = false;
      }
      return m.op === '=~' ? ok : !ok;
    }
  }
}

interface RouteNode {
  readonly receiver: string;
  readonly matchers: readonly Matcher[];
  readonly continue: boolean;
  readonly settings: Obj;
  readonly routes: readonly RouteNode[];
}

const ROUTE_SETTINGS = ['group_by', 'group_wait', 'group_interval', 'repeat_interval', 'mute_time_intervals', 'active_time_intervals', 'continue'];

function toRoute(raw: unknown, inherited: string): RouteNode {
  const r = isObj(raw) ? raw : {};
  const receiver = typeof r['receiver'] === 'string' ? r['receiver'] : inherited;
  const settings: Obj = {};
  for (const k of ROUTE_SETTINGS) if (r[k] !== undefined) settings[k] = r[k];
  return {
    receiver,
    matchers: collectMatchers(r['matchers'], r['match'], r['match_re']),
    continue: r['continue'] === true,
    settings,
    routes: Array.isArray(r['routes']) ? r['routes'].map((c) => toRoute(c, receiver)) : [],
  };
}

/** The receivers an alert with these labels is notified through, as Alertmanager routes it. */
export function routeReceivers(root: RouteNode, labels: Readonly<Record<string, string>>): string[] {
  const walk = (node: RouteNode): string[] => {
    const out: string[] = [];
    for (const child of node.routes) {
      if (!child.matchers.every((m) => matches(m, labels))) continue;
      out.push(...walk(child));
      if (!child.continue) break;
    }
    return out.length > 0 ? out : [node.receiver];
  };
  return [...new Set(walk(root))];
}

interface AlertmanagerModel {
  readonly root: RouteNode | undefined;
  readonly receivers: ReadonlyMap<string, Obj>;
  readonly inhibitRules: ReadonlyMap<string, InhibitRuleSummary>;
}

function alertmanagerModel(tree: Tree, warnings: string[]): AlertmanagerModel {
  const path = [...tree.keys()].find(isAlertmanagerFile);
  const doc = path === undefined ? undefined : parseFile(path, tree.get(path) ?? '', warnings);
  const cfg = isObj(doc) ? doc : {};
  const root = isObj(cfg['route']) ? toRoute(cfg['route'], '') : undefined;
  const receivers = new Map<string, Obj>();
  if (Array.isArray(cfg['receivers'])) {
    for (const r of cfg['receivers']) {
      if (!isObj(r) || typeof r['name'] !== 'string') continue;
      const { name, ...rest } = r;
      receivers.set(name as string, rest);
    }
  }
  const inhibitRules = new Map<string, InhibitRuleSummary>();
  if (Array.isArray(cfg['inhibit_rules'])) {
    for (const r of cfg['inhibit_rules']) {
      if (!isObj(r)) continue;
      const side = (s: 'source' | 'target') =>
        collectMatchers(r[`${s}_matchers`], r[`${s}_match`], r[`${s}_match_re`]).map(matcherText).sort(cmp).join(', ');
      const rule: InhibitRuleSummary = {
        source: side('source'),
        target: side('target'),
        equal: Array.isArray(r['equal']) ? r['equal'].map(String).sort(cmp) : [],
      };
      inhibitRules.set(`${rule.source} ⇒ ${rule.target}`, rule);
    }
  }
  return { root, receivers, inhibitRules };
}

function flattenRoutes(root: RouteNode | undefined): Map<string, { receiver: string; settings: Obj }> {
  const out = new Map<string, { receiver: string; settings: Obj }>();
  const walk = (node: RouteNode, trail: readonly string[]) => {
    const own = node.matchers.map(matcherText).join(', ');
    const path = trail.length === 0 && own === '' ? ['(root)'] : [...trail, own === '' ? '(any)' : own];
    let key = path.join(' ▸ ');
    for (let n = 2; out.has(key); n++) key = `${path.join(' ▸ ')} #${n}`;
    out.set(key, { receiver: node.receiver, settings: node.settings });
    const childTrail = path[0] === '(root)' ? [] : path;
    for (const child of node.routes) walk(child, childTrail);
  };
  if (root) walk(root, []);
  return out;
}

function diffAlertmanager(base: AlertmanagerModel, head: AlertmanagerModel): AlertmanagerDiff {
  const rb = flattenRoutes(base.root);
  const rh = flattenRoutes(head.root);
  const routesAdded: RouteLine[] = [];
  const routesRemoved: RouteLine[] = [];
  const routesChanged: RouteChange[] = [];
  for (const [path, r] of rh) if (!rb.has(path)) routesAdded.push({ path, receiver: r.receiver });
  for (const [path, r] of rb) {
    const h = rh.get(path);
    if (!h) {
      routesRemoved.push({ path, receiver: r.receiver });
      continue;
    }
    const changes = [
      ...fieldChange('receiver', r.receiver, h.receiver),
      ...[...new Set([...Object.keys(r.settings), ...Object.keys(h.settings)])]
        .sort(cmp)
        .flatMap((k) => fieldChange(k, jsonOrNull(r.settings[k]), jsonOrNull(h.settings[k]))),
    ];
    if (changes.length > 0) routesChanged.push({ path, changes });
  }

  const receiversAdded = [...head.receivers.keys()].filter((n) => !base.receivers.has(n)).sort(cmp);
  const receiversRemoved = [...base.receivers.keys()].filter((n) => !head.receivers.has(n)).sort(cmp);
  const receiversChanged: NamedChange[] = [];
  for (const [name, b] of base.receivers) {
    const h = head.receivers.get(name);
    if (!h) continue;
    const keys = [...new Set([...Object.keys(b), ...Object.keys(h)])].sort(cmp);
    const changes = keys.flatMap((k) => fieldChange(k, jsonOrNull(b[k]), jsonOrNull(h[k])));
    if (changes.length > 0) receiversChanged.push({ name, changes });
  }

  const inhibitRulesAdded: InhibitRuleSummary[] = [];
  const inhibitRulesRemoved: InhibitRuleSummary[] = [];
  const inhibitRulesChanged: InhibitRuleChange[] = [];
  for (const [k, r] of head.inhibitRules) if (!base.inhibitRules.has(k)) inhibitRulesAdded.push(r);
  for (const [k, r] of base.inhibitRules) {
    const h = head.inhibitRules.get(k);
    if (!h) inhibitRulesRemoved.push(r);
    else if (r.equal.join(',') !== h.equal.join(','))
      inhibitRulesChanged.push({ source: r.source, target: r.target, equalBefore: r.equal, equalAfter: h.equal });
  }
  const inhibitKey = (r: { source: string; target: string }) => `${r.source} ⇒ ${r.target}`;
  return {
    routesAdded: routesAdded.sort(byKey((r) => r.path)),
    routesRemoved: routesRemoved.sort(byKey((r) => r.path)),
    routesChanged: routesChanged.sort(byKey((r) => r.path)),
    receiversAdded,
    receiversRemoved,
    receiversChanged: receiversChanged.sort(byKey((r) => r.name)),
    inhibitRulesAdded: inhibitRulesAdded.sort(byKey(inhibitKey)),
    inhibitRulesRemoved: inhibitRulesRemoved.sort(byKey(inhibitKey)),
    inhibitRulesChanged: inhibitRulesChanged.sort(byKey(inhibitKey)),
  };
}

function jsonOrNull(v: unknown): string | null {
  if (v === undefined) return null;
  return typeof v === 'string' ? v : canonicalJson(v);
}

// ---------------------------------------------------------------------------------------------------------------
// Prometheus rules

interface AlertRule {
  readonly name: string;
  readonly severity: string;
  readonly file: string;
  readonly expr: string;
  readonly for: string | null;
  readonly keepFiringFor: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

interface RecordRule {
  readonly record: string;
  readonly key: string;
  readonly file: string;
  readonly expr: string;
  readonly labels: Readonly<Record<string, string>>;
}

interface PanelModel {
  readonly dashboardUid: string;
  readonly dashboardTitle: string;
  readonly id: number;
  readonly title: string;
  readonly gridPos: string | null;
  readonly targets: ReadonlyMap<string, string>;
}

interface DashboardModel {
  readonly uid: string;
  readonly title: string;
  readonly file: string;
  readonly panels: ReadonlyMap<number, PanelModel>;
}

interface TreeModel {
  readonly alerts: readonly AlertRule[];
  readonly records: readonly RecordRule[];
  readonly dashboards: ReadonlyMap<string, DashboardModel>;
  readonly alertmanager: AlertmanagerModel;
}

const stringRecord = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (isObj(v)) for (const k of Object.keys(v).sort(cmp)) out[k] = String(v[k]);
  return out;
};

const labelText = (labels: Readonly<Record<string, string>>) =>
  Object.keys(labels)
    .sort(cmp)
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',');

function treeModel(tree: Tree, warnings: string[]): TreeModel {
  const alerts: AlertRule[] = [];
  const records: RecordRule[] = [];
  const dashboards = new Map<string, DashboardModel>();
  for (const path of [...tree.keys()].sort(cmp)) {
    const text = tree.get(path) ?? '';
    if (isRuleFile(path)) {
      const doc = parseFile(path, text, warnings);
      const groups = isObj(doc) && Array.isArray(doc['groups']) ? doc['groups'] : [];
      for (const g of groups) {
        const rules = isObj(g) && Array.isArray(g['rules']) ? g['rules'] : [];
        for (const r of rules) {
          if (!isObj(r)) continue;
          const labels = stringRecord(r['labels']);
          const expr = str(r['expr']) ?? '';
          if (typeof r['alert'] === 'string') {
            alerts.push({
              name: r['alert'],
              severity: labels['severity'] ?? '',
              file: path,
              expr,
              for: str(r['for']),
              keepFiringFor: str(r['keep_firing_for']),
              labels,
              annotations: stringRecord(r['annotations']),
            });
          } else if (typeof r['record'] === 'string') {
            const lt = labelText(labels);
            records.push({ record: r['record'], key: lt ? `${r['record']}{${lt}}` : r['record'], file: path, expr, labels });
          }
        }
      }
    } else if (isDashboardFile(path)) {
      const doc = parseFile(path, text, warnings);
      if (!isObj(doc) || typeof doc['uid'] !== 'string') continue;
      const uid = doc['uid'];
      const title = str(doc['title']) ?? '';
      const panels = new Map<number, PanelModel>();
      const walk = (list: unknown) => {
        if (!Array.isArray(list)) return;
        for (const p of list) {
          if (!isObj(p)) continue;
          if (typeof p['id'] === 'number') {
            const targets = new Map<string, string>();
            const ts = Array.isArray(p['targets']) ? p['targets'] : [];
            ts.forEach((t, i) => {
              if (!isObj(t)) return;
              const ref = str(t['refId']) ?? `#${i}`;
              targets.set(ref, str(t['expr']) ?? canonicalJson(t));
            });
            panels.set(p['id'], {
              dashboardUid: uid,
              dashboardTitle: title,
              id: p['id'],
              title: str(p['title']) ?? '',
              gridPos: p['gridPos'] === undefined ? null : gridPosText(p['gridPos']),
              targets,
            });
          }
          walk(p['panels']);
        }
      };
      walk(doc['panels']);
      dashboards.set(uid, { uid, title, file: path, panels });
    }
  }
  return { alerts, records, dashboards, alertmanager: alertmanagerModel(tree, warnings) };
}

function gridPosText(g: unknown): string {
  if (!isObj(g)) return canonicalJson(g);
  return `x=${str(g['x'])} y=${str(g['y'])} w=${str(g['w'])} h=${str(g['h'])}`;
}

function alertRouteLabels(a: AlertRule): Record<string, string> {
  return { ...a.labels, alertname: a.name };
}

function receiversOf(model: TreeModel, a: AlertRule): string[] {
  return model.alertmanager.root ? routeReceivers(model.alertmanager.root, alertRouteLabels(a)) : [];
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

function diffAlerts(base: TreeModel, head: TreeModel): AlertsDiff {
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
      if ([...p.targets.values()].some(relevant)) out.push({ kind: 'panel', name: `${d.uid} › ${p.title} (#${p.id})`, where: d.file });
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

function diffRecordingRules(base: TreeModel, head: TreeModel): RecordingRulesDiff {
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

// ---------------------------------------------------------------------------------------------------------------
// SLOs

interface SloModel {
  readonly state: SloState;
  readonly factors: ReadonlyMap<string, number>;
}

const vectorValue = (expr: string): number | null => {
  const m = /^\s*vector\(\s*([^)]+?)\s*\)\s*$/.exec(expr) ?? /^\s*([+-]?[\d.eE+-]+)\s*$/.exec(expr);
  if (!m) return null;
  const n = Number(m[1]);
  return Number.isFinite(n) ? n : null;
};

function sloModels(model: TreeModel): Map<string, SloModel> {
  const raw = new Map<string, { name: string; objective: number | null; period: number | null; factors: Map<string, number> }>();
  for (const r of model.records) {
    const id = r.labels['slo_id'];
    if (id === undefined || !['slo:objective:ratio', 'slo:time_period:days', 'slo:burn_rate_threshold:ratio'].includes(r.record)) continue;
    const s = raw.get(id) ?? { name: r.labels['slo_name'] ?? id, objective: null, period: null, factors: new Map<string, number>() };
    raw.set(id, s);
    const v = vectorValue(r.expr);
    if (r.record === 'slo:objective:ratio') s.objective = v;
    else if (r.record === 'slo:time_period:days') s.period = v;
    else if (v !== null) s.factors.set(r.labels['slo_tier'] ?? '', v);
  }
  const out = new Map<string, SloModel>();
  for (const [id, s] of raw) {
    const budget = s.objective !== null && s.period !== null ? round((1 - s.objective) * s.period * 1440) : null;
    out.set(id, {
      state: { id, name: s.name, objective: s.objective, periodDays: s.period, errorBudgetMinutes: budget },
      factors: s.factors,
    });
  }
  return out;
}

const TIER_ORDER = ['page-fast', 'page-slow', 'ticket-fast', 'ticket-slow'];
const tierRank = (t: string) => {
  const i = TIER_ORDER.indexOf(t);
  return i < 0 ? TIER_ORDER.length : i;
};

function diffSlos(base: TreeModel, head: TreeModel): SlosDiff {
  const bs = sloModels(base);
  const hs = sloModels(head);
  const added = [...hs].filter(([id]) => !bs.has(id)).map(([, s]) => s.state);
  const removed = [...bs].filter(([id]) => !hs.has(id)).map(([, s]) => s.state);
  const changed: SloChange[] = [];
  for (const [id, b] of bs) {
    const h = hs.get(id);
    if (!h) continue;
    const factorsChanged = canonicalJson(Object.fromEntries(b.factors)) !== canonicalJson(Object.fromEntries(h.factors));
    if (b.state.objective === h.state.objective && b.state.periodDays === h.state.periodDays && !factorsChanged) continue;
    const tiers = [...new Set([...b.factors.keys(), ...h.factors.keys()])]
      .sort((x, y) => tierRank(x) - tierRank(y) || cmp(x, y))
      .map((tier): SloTierChange => {
        const fb = b.factors.get(tier) ?? null;
        const fa = h.factors.get(tier) ?? null;
        const th = (f: number | null, o: number | null) => (f === null || o === null ? null : round(f * (1 - o)));
        return { tier, factorBefore: fb, factorAfter: fa, thresholdBefore: th(fb, b.state.objective), thresholdAfter: th(fa, h.state.objective) };
      });
    changed.push({ id, name: h.state.name, before: b.state, after: h.state, tiers });
  }
  return {
    added: added.sort(byKey((s) => s.id)),
    removed: removed.sort(byKey((s) => s.id)),
    changed: changed.sort(byKey((s) => s.id)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Dashboards

function diffDashboards(base: TreeModel, head: TreeModel): DashboardsDiff {
  const added: DashboardSummary[] = [];
  const removed: DashboardSummary[] = [];
  const retitled: DashboardRetitle[] = [];
  const panelsAdded: PanelSummary[] = [];
  const panelsRemoved: PanelSummary[] = [];
  const panelsChanged: PanelChange[] = [];
  const summary = (p: PanelModel): PanelSummary => ({ dashboardUid: p.dashboardUid, dashboardTitle: p.dashboardTitle, id: p.id, title: p.title });
  for (const [uid, d] of head.dashboards) if (!base.dashboards.has(uid)) added.push({ uid, title: d.title, file: d.file });
  for (const [uid, b] of base.dashboards) {
    const h = head.dashboards.get(uid);
    if (!h) {
      removed.push({ uid, title: b.title, file: b.file });
      continue;
    }
    if (b.title !== h.title) retitled.push({ uid, before: b.title, after: h.title });
    for (const [id, p] of h.panels) if (!b.panels.has(id)) panelsAdded.push(summary(p));
    for (const [id, p] of b.panels) {
      const q = h.panels.get(id);
      if (!q) {
        panelsRemoved.push(summary(p));
        continue;
      }
      const kinds: PanelChangeKind[] = [];
      const changes: FieldChange[] = [];
      if (p.title !== q.title) {
        kinds.push('retitled');
        changes.push(...fieldChange('title', p.title, q.title));
      }
      if (p.gridPos !== q.gridPos) {
        kinds.push('moved');
        changes.push(...fieldChange('gridPos', p.gridPos, q.gridPos));
      }
      const refs = [...new Set([...p.targets.keys(), ...q.targets.keys()])].sort(cmp);
      const queryChanges = refs.flatMap((r) => fieldChange(`query ${r}`, p.targets.get(r) ?? null, q.targets.get(r) ?? null));
      if (queryChanges.length > 0) {
        kinds.push('query changed');
        changes.push(...queryChanges);
      }
      if (kinds.length > 0) panelsChanged.push({ ...summary(q), kinds, changes });
    }
  }
  const panelKey = (p: PanelSummary) => `${p.dashboardUid}|${String(p.id).padStart(12, '0')}`;
  return {
    added: added.sort(byKey((d) => d.uid)),
    removed: removed.sort(byKey((d) => d.uid)),
    retitled: retitled.sort(byKey((d) => d.uid)),
    panelsAdded: panelsAdded.sort(byKey(panelKey)),
    panelsRemoved: panelsRemoved.sort(byKey(panelKey)),
    panelsChanged: panelsChanged.sort(byKey(panelKey)),
  };
}

// ---------------------------------------------------------------------------------------------------------------

/** Everything that changed from `base` to `head`, in observability terms. */
export function semanticDiff(base: Tree, head: Tree): ObservabilityDiff {
  const warnings: string[] = [];
  const bm = treeModel(base, warnings);
  const hm = treeModel(head, warnings);
  const other = (pred: (p: string) => boolean) => [...new Set([...base.keys(), ...head.keys()])].filter((p) => !isSemanticFile(p) && pred(p)).sort(cmp);
  return {
    alerts: diffAlerts(bm, hm),
    slos: diffSlos(bm, hm),
    recordingRules: diffRecordingRules(bm, hm),
    dashboards: diffDashboards(bm, hm),
    alertmanager: diffAlertmanager(bm.alertmanager, hm.alertmanager),
    otherFiles: {
      added: other((p) => !base.has(p)),
      removed: other((p) => !head.has(p)),
      changed: other((p) => base.has(p) && head.has(p) && base.get(p) !== head.get(p)),
    },
    warnings: [...new Set(warnings)].sort(cmp),
  };
}
