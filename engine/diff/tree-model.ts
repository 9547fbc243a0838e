/**
 * The tree reader of the diff: a generated tree (path → text) read into what the diffs compare, i.e. alert and
 * recording rules from the rule files, rows and panels from the dashboards (tree-dashboards.ts), promtool scenarios
 * from the test files (tree-scenarios.ts), and the routing, receivers and inhibition rules of alertmanager.yml. A
 * file that cannot be read adds a warning and contributes nothing.
 */
import { parse as parseYaml } from 'yaml';
import { readConfigMatchers, readConfigRoute, type ConfigRoute } from '../alertmanager/config-file';
import { resolveRoutes, type ResolvedRoute } from '../alertmanager/routing';
import { renderMatcher } from '../model/alertmanager';
import { readDashboard, type TreeDashboard } from './tree-dashboards';
import { isScenarioFile, readScenarioFile, type TreeScenarioFile } from './tree-scenarios';
import type { InhibitRuleSummary, Tree } from './types';
import { cmp, isObj, labelText, str, stringRecord, type Obj } from './values';

export type { Grid, TreeDashboard, TreePanel, TreeRow } from './tree-dashboards';
export type { TreeScenario, TreeScenarioFile } from './tree-scenarios';

/** An alert rule of a rule file. */
export interface AlertRule {
  readonly name: string;
  readonly severity: string;
  readonly file: string;
  readonly expr: string;
  readonly for: string | null;
  readonly keepFiringFor: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** A recording rule of a rule file; `key` is `record{static labels}`, one per SLO for shared names. */
export interface RecordRule {
  readonly record: string;
  readonly key: string;
  readonly file: string;
  readonly expr: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** What the diff reads from alertmanager.yml. */
export interface TreeAlertmanager {
  /** The routing tree as Alertmanager loads it; undefined when the file has none or has one Alertmanager refuses. */
  readonly routing: ResolvedRoute<ConfigRoute> | undefined;
  /** Receivers by name, their settings as written. */
  readonly receivers: ReadonlyMap<string, Obj>;
  /** Inhibition rules by `source ⇒ target`. */
  readonly inhibitRules: ReadonlyMap<string, InhibitRuleSummary>;
}

/** One side of the diff. */
export interface TreeModel {
  readonly alerts: readonly AlertRule[];
  readonly records: readonly RecordRule[];
  readonly dashboards: ReadonlyMap<string, TreeDashboard>;
  /** Promtool scenario files by path. */
  readonly scenarioFiles: ReadonlyMap<string, TreeScenarioFile>;
  readonly alertmanager: TreeAlertmanager;
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

/** Whether the tree reader reads `path` (other generated files are only compared as text). */
export const isSemanticFile = (p: string) => isRuleFile(p) || isDashboardFile(p) || isAlertmanagerFile(p) || isScenarioFile(p);

/** A path's file name without its extension. */
export const fileStem = (p: string) => (p.split('/').pop() ?? p).replace(/\.(ya?ml|json)$/, '');

function readRuleFile(path: string, doc: unknown, alerts: AlertRule[], records: RecordRule[]): void {
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
}

function readAlertmanager(tree: Tree, warnings: string[]): TreeAlertmanager {
  const path = [...tree.keys()].find(isAlertmanagerFile);
  const doc = path === undefined ? undefined : parseFile(path, tree.get(path) ?? '', warnings);
  const cfg = isObj(doc) ? doc : {};
  let routing: ResolvedRoute<ConfigRoute> | undefined;
  if (isObj(cfg['route'])) {
    try {
      routing = resolveRoutes(readConfigRoute(cfg['route']));
    } catch (e) {
      // Alertmanager would not load this routing either: say so, and compare no routes rather than wrong ones.
      warnings.push(`${path}: route: ${(e as Error).message}`);
    }
  }
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
        readConfigMatchers(r[`${s}_matchers`], r[`${s}_match`], r[`${s}_match_re`]).map(renderMatcher).sort(cmp).join(', ');
      try {
        const rule: InhibitRuleSummary = {
          source: side('source'),
          target: side('target'),
          equal: Array.isArray(r['equal']) ? r['equal'].map(String).sort(cmp) : [],
        };
        inhibitRules.set(`${rule.source} ⇒ ${rule.target}`, rule);
      } catch (e) {
        warnings.push(`${path}: inhibit rule: ${(e as Error).message}`);
      }
    }
  }
  return { routing, receivers, inhibitRules };
}

/** One side of the diff, read from its tree; what cannot be read is named in `warnings`. */
export function treeModel(tree: Tree, warnings: string[]): TreeModel {
  const alerts: AlertRule[] = [];
  const records: RecordRule[] = [];
  const dashboards = new Map<string, TreeDashboard>();
  const scenarioFiles = new Map<string, TreeScenarioFile>();
  for (const path of [...tree.keys()].sort(cmp)) {
    const text = tree.get(path) ?? '';
    if (isRuleFile(path)) {
      readRuleFile(path, parseFile(path, text, warnings), alerts, records);
    } else if (isDashboardFile(path)) {
      const dashboard = readDashboard(path, parseFile(path, text, warnings));
      if (dashboard) dashboards.set(dashboard.uid, dashboard);
    } else if (isScenarioFile(path)) {
      const doc = parseFile(path, text, warnings);
      if (doc !== undefined) scenarioFiles.set(path, readScenarioFile(path, doc));
    }
  }
  return { alerts, records, dashboards, scenarioFiles, alertmanager: readAlertmanager(tree, warnings) };
}
