/**
 * The semantic diff on the real project: a base tree from synthesize(resolveProject(cdbProject())), a head tree edited by hand the
 * way a pull request would change the definitions, and the report naming each change.
 */
import { describe, expect, it } from 'vitest';
import { resolveProject } from '../engine/resolve/resolve-project';
import { cdbProject } from '../project';
import { synthesize } from '../engine/build/synthesize';
import { emptyDiff, isEmptyDiff, semanticDiff } from '../engine/diff/semantic-diff';
import { NO_CHANGE, renderMarkdown } from '../engine/diff/render-markdown';
import { renderJson } from '../engine/diff/render-json';

const base = synthesize(resolveProject(cdbProject()));

const MARKET_RULES = 'prometheus/rules/market-data.yml';
const SLO_RULES = 'prometheus/rules/slo-market-data-freshness.yml';
const MARKET_DASHBOARD = 'grafana/provisioning/dashboards/cdb-layers/market-data.json';
const ALERTMANAGER = 'alertmanager/alertmanager.yml';

function edit(tree: ReadonlyMap<string, string>, path: string, fn: (text: string) => string): Map<string, string> {
  const text = tree.get(path);
  if (text === undefined) throw new Error(`no ${path} in the tree`);
  const next = fn(text);
  if (next === text) throw new Error(`edit of ${path} changed nothing`);
  return new Map(tree).set(path, next);
}

function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`expected exactly one ${JSON.stringify(from)}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Removes the rule block starting at `- alert: name` up to the next rule or group. */
function removeAlert(text: string, name: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === `- alert: ${name}`);
  if (start < 0) throw new Error(`no alert ${name}`);
  const indent = lines[start]!.indexOf('-');
  let end = start + 1;
  while (end < lines.length && lines[end]!.trim() !== '' && lines[end]!.search(/\S/) > indent) end++;
  return [...lines.slice(0, start), ...lines.slice(end)].join('\n');
}

function headTree(): Map<string, string> {
  let head = edit(base, MARKET_RULES, (t) => replaceOnce(t, 'exchange:cdb_ws_last_message_age_seconds:min > 120', 'exchange:cdb_ws_last_message_age_seconds:min > 180'));
  head = edit(head, MARKET_RULES, (t) => removeAlert(t, 'CdbWebsocketReconnectStorm'));
  head = edit(head, MARKET_DASHBOARD, (t) =>
    replaceOnce(t, '"expr": "reason:cdb_ws_reconnects:increase1h"', '"expr": "sum by (reason) (increase(cdb_ws_reconnects_total[6h]))"'),
  );
  head = edit(head, SLO_RULES, (t) =>
    t.replace('vector(0.995)', 'vector(0.999)').replace('vector(0.005)', 'vector(0.001)').replaceAll('/ 0.005', '/ 0.001'),
  );
  head = edit(head, ALERTMANAGER, (t) =>
    replaceOnce(t, '- receiver: cdb-tickets-risk\n          matchers:\n            - layer="risk"', '- receiver: cdb-tickets-system\n          matchers:\n            - layer="risk"'),
  );
  return head;
}

describe('semanticDiff on the CdB project', () => {
  it('reports nothing for identical trees', () => {
    const diff = semanticDiff(base, new Map(base));
    expect(isEmptyDiff(diff)).toBe(true);
    expect(diff).toEqual(emptyDiff());
    expect(renderMarkdown(diff)).toBe(`${NO_CHANGE}\n`);
    expect(renderJson(diff)).toBe(renderJson(emptyDiff()));
    const json = JSON.parse(renderJson(diff)) as Record<string, Record<string, unknown[]> | unknown[]>;
    for (const section of Object.values(json)) {
      for (const list of Array.isArray(section) ? [section] : Object.values(section)) expect(list).toEqual([]);
    }
  });

  const head = headTree();
  const diff = semanticDiff(base, head);

  it('names the raised threshold', () => {
    const stale = diff.alerts.changed.find((c) => c.name === 'CdbMarketDataStale');
    expect(stale).toBeDefined();
    expect(stale!.severity).toBe('critical');
    expect(stale!.changes).toContainEqual({ field: 'threshold', before: '120', after: '180' });
    expect(stale!.changes.map((c) => c.field)).toEqual(['expr', 'threshold']);
  });

  it('names the removed alert and where it used to go', () => {
    expect(diff.alerts.removed.map((a) => a.name)).toEqual(['CdbWebsocketReconnectStorm']);
    expect(diff.alerts.removed[0]!.receivers).toEqual(['cdb-tickets-market-data']);
    expect(diff.alerts.added).toEqual([]);
    expect(diff.alerts.renamed).toEqual([]);
  });

  it('names the panel whose query changed', () => {
    expect(diff.dashboards.panelsChanged).toHaveLength(1);
    const panel = diff.dashboards.panelsChanged[0]!;
    expect(panel).toMatchObject({
      dashboardUid: 'cdb-market-data',
      id: 607119,
      title: 'Reconnects per hour by reason',
      row: 'Reconnects',
      path: 'CdB 2 · Market Data / Screener › Reconnects › Reconnects per hour by reason',
      kinds: ['query changed'],
    });
    expect(panel.changes).toEqual([
      { field: 'query A', before: 'reason:cdb_ws_reconnects:increase1h', after: 'sum by (reason) (increase(cdb_ws_reconnects_total[6h]))' },
    ]);
    expect(diff.dashboards.added).toEqual([]);
    expect(diff.dashboards.panelsAdded).toEqual([]);
  });

  it('names the SLO objective change with tier thresholds and error budget', () => {
    expect(diff.slos.changed).toHaveLength(1);
    const slo = diff.slos.changed[0]!;
    expect(slo.id).toBe('market-data-freshness');
    expect(slo.before).toMatchObject({ objective: 0.995, periodDays: 7, errorBudgetMinutes: 50.4 });
    expect(slo.after).toMatchObject({ objective: 0.999, periodDays: 7, errorBudgetMinutes: 10.08 });
    expect(slo.tiers.map((t) => t.tier)).toEqual(['page-fast', 'page-slow', 'ticket-fast', 'ticket-slow']);
    expect(slo.tiers[0]).toEqual({ tier: 'page-fast', factorBefore: 3.36, factorAfter: 3.36, thresholdBefore: 0.0168, thresholdAfter: 0.00336 });
    // The burn-rate alerts of this SLO, and only this one, changed expression.
    const sloAlerts = diff.alerts.changed.filter((c) => c.name.startsWith('CdbSloBurnRate'));
    expect(sloAlerts).toHaveLength(4);
    for (const c of sloAlerts) expect(c.file).toBe(SLO_RULES);
    // Recording rules carrying the budget changed; their dependents are in the same SLO.
    const budget = diff.recordingRules.changed.find((r) => r.record === 'slo:error_budget:ratio');
    expect(budget?.exprBefore).toBe('vector(0.005)');
    expect(budget?.expr).toBe('vector(0.001)');
  });

  it('names the route change and the alerts whose receiver moved', () => {
    expect(diff.alertmanager.routesChanged).toEqual([
      { path: 'severity="warning" ▸ layer="risk"', changes: [{ field: 'receiver', before: 'cdb-tickets-risk', after: 'cdb-tickets-system' }] },
    ]);
    expect(diff.alertmanager.routesAdded).toEqual([]);
    expect(diff.alertmanager.receiversChanged).toEqual([]);
    const risk = diff.alerts.changed.filter((c) => c.changes.some((f) => f.field === 'receiver'));
    expect(risk.length).toBeGreaterThan(0);
    for (const c of risk) {
      expect(c.changes).toEqual([{ field: 'receiver', before: 'cdb-tickets-risk', after: 'cdb-tickets-system' }]);
      expect(c.severity).toBe('warning');
    }
  });

  it('leaves out what did not change', () => {
    expect(diff.recordingRules.added).toEqual([]);
    expect(diff.recordingRules.removed).toEqual([]);
    expect(diff.recordingRules.changed.every((r) => r.file === SLO_RULES)).toBe(true);
    expect(diff.slos.added).toEqual([]);
    expect(diff.warnings).toEqual([]);
    expect(diff.otherFiles).toEqual({ added: [], removed: [], changed: [] });
  });

  it('renders markdown with a summary and folded sections, deterministically', () => {
    const md = renderMarkdown(diff);
    expect(md).toBe(renderMarkdown(semanticDiff(base, headTree())));
    const summary = md.split('\n')[2]!;
    expect(summary).toContain('1 alert removed');
    expect(summary).toContain('1 SLO changed');
    expect(summary).toContain('1 panel changed');
    expect(summary).toContain('1 route changed');
    // One of each is counted in the singular, never "1 alerts".
    expect(summary).not.toMatch(/\b1 \w+s (added|removed|changed)/);
    expect(md).toContain('<details>\n<summary>Alerts');
    expect(md).toContain('- threshold: `120` → `180`');
    expect(md).toContain('➖ **CdbWebsocketReconnectStorm [warning]**');
    expect(md).toContain('error budget 50.4 → 10.08 min');
    expect(md).toContain('page-fast: error-ratio threshold 0.0168 → 0.00336');
    expect(md).toContain('- 🔁 panel **CdB 2 · Market Data / Screener › Reconnects › Reconnects per hour by reason**: query changed');
    expect(md).not.toContain('607119');
    expect(md).toContain('- receiver: `cdb-tickets-risk` → `cdb-tickets-system`');
    expect(md).not.toContain(NO_CHANGE);
    expect(md.endsWith('</details>\n')).toBe(true);
  });

  it('renders stable JSON', () => {
    const json = renderJson(diff);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json).toBe(renderJson(semanticDiff(base, headTree())));
    const parsed = JSON.parse(json) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([...Object.keys(parsed)].sort());
    expect(json).toContain('\n  "alertmanager": {');
  });
});
