/** The semantic diff on small hand-written trees: routing, renames, severity changes, thresholds, panels. */
import { describe, expect, it } from 'vitest';
import { comparisonThreshold, isEmptyDiff, semanticDiff } from '../engine/diff/semantic-diff';
import { renderMarkdown } from '../engine/diff/render-markdown';

const AM = `
route:
  receiver: default
  routes:
    - receiver: audit
      matchers: ['team=~"risk|exec"']
      continue: true
    - receiver: pager
      matchers: ['severity="critical"', 'env!="dev"']
      routes:
        - receiver: live
          matchers: ['alertname="Live"']
    - matchers: ['severity!~"crit.*|info"']
      routes:
        - receiver: risk-tickets
          matchers: ['team="risk"']
receivers:
  - name: default
  - name: audit
  - name: pager
  - name: live
  - name: risk-tickets
inhibit_rules:
  - source_matchers: ['severity="critical"']
    target_matchers: ['severity="warning"']
    equal: [alertname]
`;

function rules(alerts: string): string {
  return `groups:\n  - name: g\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n${alerts}`;
}

function alert(name: string, expr: string, labels: Record<string, string>, extra = ''): string {
  const l = Object.entries(labels)
    .map(([k, v]) => `          ${k}: ${v}\n`)
    .join('');
  return `      - alert: ${name}\n        expr: ${expr}\n${extra}        labels:\n${l}`;
}

const tree = (files: Record<string, string>) => new Map(Object.entries(files));

describe('routing', () => {
  const base = tree({
    'alertmanager/alertmanager.yml': AM,
    'prometheus/rules/x.yml': rules(
      [
        alert('A', 'x > 1', { severity: 'critical', team: 'risk' }),
        alert('Live', 'y > 0', { severity: 'critical' }),
        alert('W', 'z > 1', { severity: 'warning', team: 'risk' }),
        alert('Wc', 'z > 2', { severity: 'warning', team: 'core' }),
        alert('Dev', 'z > 3', { severity: 'critical', env: 'dev' }),
        alert('AnchoredRegex', 'z > 4', { severity: 'criticalish', team: 'riskier' }),
      ].join(''),
    ),
  });

  it('walks the tree with continue, negative matchers, anchored regexes and inherited receivers', () => {
    const head = new Map(base).set('alertmanager/alertmanager.yml', AM.replace('- name: default\n', '- name: default\n  - name: extra\n'));
    const diff = semanticDiff(base, head);
    expect(diff.alertmanager.receiversAdded).toEqual(['extra']);
    // Removing the whole route tree shows every alert's receivers before.
    const noRoutes = new Map(base).set('alertmanager/alertmanager.yml', 'route:\n  receiver: fallback\nreceivers:\n  - name: fallback\n');
    const d2 = semanticDiff(base, noRoutes);
    const recv = Object.fromEntries(d2.alerts.changed.map((c) => [c.name, c.changes.find((f) => f.field === 'receiver')?.before]));
    expect(recv).toEqual({
      A: 'audit, pager',
      Live: 'live',
      W: 'audit, risk-tickets',
      // Matches the matcher-only route, no child matches: its inherited receiver.
      Wc: 'default',
      // env!="dev" fails and severity !~ crit.* is false: the root's receiver.
      Dev: 'default',
      // team=~"risk|exec" is anchored: "riskier" does not match; "criticalish" matches crit.* in full.
      AnchoredRegex: 'default',
    });
    expect(d2.alertmanager.routesRemoved.map((r) => `${r.path} → ${r.receiver}`)).toEqual([
      'severity!~"crit.*|info" → default',
      'severity!~"crit.*|info" ▸ team="risk" → risk-tickets',
      'severity="critical", env!="dev" → pager',
      'severity="critical", env!="dev" ▸ alertname="Live" → live',
      'team=~"risk|exec" → audit',
    ]);
    expect(d2.alertmanager.inhibitRulesRemoved).toEqual([{ source: 'severity="critical"', target: 'severity="warning"', equal: ['alertname'] }]);
  });

  it('reports changed inhibition equal labels', () => {
    const head = new Map(base).set('alertmanager/alertmanager.yml', AM.replace('equal: [alertname]', 'equal: [alertname, service]'));
    expect(semanticDiff(base, head).alertmanager.inhibitRulesChanged).toEqual([
      { source: 'severity="critical"', target: 'severity="warning"', equalBefore: ['alertname'], equalAfter: ['alertname', 'service'] },
    ]);
  });

  it('routes with RE2, where a JavaScript regex would differ', () => {
    // (?i:...) is RE2 syntax that JavaScript's RegExp refuses; Alertmanager routes CRITICAL with it.
    const head = new Map(base).set('alertmanager/alertmanager.yml', AM.replace(`'severity="critical"', 'env!="dev"'`, `'severity=~"(?i:critical)"', 'env!="dev"'`));
    // The alerts of the base tree are all lower case: none of them is routed differently.
    expect(semanticDiff(base, head).alerts.changed).toEqual([]);
    const shouting = new Map(head).set('prometheus/rules/x.yml', rules(alert('A', 'x > 1', { severity: 'CRITICAL', team: 'risk' })));
    expect(semanticDiff(shouting, shouting).warnings).toEqual([]);
    const receivers = semanticDiff(shouting, new Map(shouting).set('alertmanager/alertmanager.yml', 'route:\n  receiver: default\nreceivers:\n  - name: default\n')).alerts.changed;
    expect(receivers.map((c) => c.changes.find((f) => f.field === 'receiver'))).toEqual([{ field: 'receiver', before: 'audit, pager', after: 'default' }]);
  });

  it('compares no routes, and says why, when Alertmanager would refuse the routing', () => {
    const head = new Map(base).set('alertmanager/alertmanager.yml', AM.replace(`'team=~"risk|exec"'`, `'team=~"risk(?=x)"'`));
    const diff = semanticDiff(base, head);
    expect(diff.warnings).toHaveLength(1);
    expect(diff.warnings[0]).toMatch(/^alertmanager\/alertmanager\.yml: route: invalid regex "risk\(\?=x\)"/);
    // Nothing is routed on the refused side, and its routes are not compared as if they were loaded.
    expect(diff.alerts.changed.find((c) => c.name === 'Live')?.changes).toEqual([{ field: 'receiver', before: 'live', after: null }]);
    expect(diff.alertmanager.routesRemoved).toHaveLength(6);
    expect(diff.alertmanager.receiversChanged).toEqual([]);
  });
});

describe('alerts', () => {
  const file = 'prometheus/rules/x.yml';
  it('detects a rename, a severity change and a for/keep_firing_for change', () => {
    const base = tree({
      [file]: rules(
        alert('Old', 'job:up:sum < 1', { severity: 'critical', layer: 'system' }) +
          alert('Sev', 'a > 5', { severity: 'warning' }) +
          alert('Timing', 'b > 5', { severity: 'warning' }, '        for: 5m\n') +
          alert('Twin', 'c > 5', { severity: 'warning' }) +
          alert('Twin', 'c > 50', { severity: 'critical' }),
      ),
    });
    const head = tree({
      [file]: rules(
        alert('New', 'job:up:sum < 1', { severity: 'critical', layer: 'system' }) +
          alert('Sev', 'a > 5', { severity: 'critical' }) +
          alert('Timing', 'b > 5', { severity: 'warning' }, '        for: 10m\n        keep_firing_for: 5m\n') +
          alert('Twin', 'c > 5', { severity: 'warning' }) +
          alert('Twin', 'c > 100', { severity: 'critical' }),
      ),
    });
    const diff = semanticDiff(base, head);
    expect(diff.alerts.renamed).toEqual([{ from: 'Old', to: 'New', severity: 'critical', file, changes: [] }]);
    expect(diff.alerts.added).toEqual([]);
    expect(diff.alerts.removed).toEqual([]);
    const byKey = Object.fromEntries(diff.alerts.changed.map((c) => [c.key, c.changes]));
    expect(byKey['Sev [critical]']).toEqual([{ field: 'severity', before: 'warning', after: 'critical' }]);
    expect(byKey['Timing [warning]']).toEqual([
      { field: 'for', before: '5m', after: '10m' },
      { field: 'keep_firing_for', before: null, after: '5m' },
    ]);
    expect(byKey['Twin [critical]']).toEqual([
      { field: 'expr', before: 'c > 50', after: 'c > 100' },
      { field: 'threshold', before: '50', after: '100' },
    ]);
    expect(byKey['Twin [warning]']).toBeUndefined();
    // The recording rule used by the renamed alert did not change: nothing about it.
    expect(diff.recordingRules.changed).toEqual([]);
    expect(renderMarkdown(diff)).toContain('renamed **Old** → **New** [critical]');
  });

  it('lists what depends on a changed recording rule', () => {
    const base = tree({
      [file]: rules(alert('Down', 'job:up:sum < 1', { severity: 'critical' })),
      'grafana/provisioning/dashboards/f/d.json': JSON.stringify({
        uid: 'd',
        title: 'D',
        panels: [{ id: 1, type: 'row', title: 'Row', panels: [{ id: 2, title: 'Up', gridPos: { x: 0, y: 0, w: 6, h: 4 }, targets: [{ refId: 'A', expr: 'job:up:sum' }] }] }],
      }),
    });
    const head = new Map(base).set(file, base.get(file)!.replace('sum by (job) (up)', 'sum by (job) (up{env="prod"})'));
    const diff = semanticDiff(base, head);
    expect(diff.recordingRules.changed).toHaveLength(1);
    expect(diff.recordingRules.changed[0]!.dependents).toEqual([
      { kind: 'alert', name: 'Down', where: file },
      { kind: 'panel', name: 'D › Row › Up', where: 'grafana/provisioning/dashboards/f/d.json' },
    ]);
  });
});

describe('dashboards', () => {
  const path = 'grafana/provisioning/dashboards/f/d.json';
  const dash = (title: string, panels: unknown[]) => JSON.stringify({ uid: 'd', title, panels }, null, 2);
  const p = (id: number, title: string, y: number, expr: string) => ({ id, title, gridPos: { x: 0, y, w: 12, h: 8 }, targets: [{ refId: 'A', expr }] });

  it('reports retitled dashboards and panels added, removed and retitled; a panel pushed down by an insert only shifts', () => {
    const base = tree({ [path]: dash('D', [p(1, 'One', 0, 'a'), p(2, 'Two', 8, 'b'), p(3, 'Three', 16, 'c')]) });
    const head = tree({ [path]: dash('D2', [p(1, 'Uno', 0, 'a'), p(2, 'Two', 16, 'b'), p(4, 'Four', 8, 'd')]) });
    const diff = semanticDiff(base, head);
    expect(diff.dashboards.retitled).toEqual([{ uid: 'd', before: 'D', after: 'D2' }]);
    expect(diff.dashboards.panelsAdded.map((x) => x.path)).toEqual(['D2 › Four']);
    expect(diff.dashboards.panelsRemoved.map((x) => x.path)).toEqual(['D › Three']);
    expect(diff.dashboards.panelsChanged.map((x) => [x.path, x.kinds])).toEqual([['D2 › Uno', ['retitled']]]);
    // Four was inserted above Two: Two moved because of it, not by itself. Three, removed below Two, pushed nothing.
    expect(diff.dashboards.layoutShifts).toEqual([
      { dashboardUid: 'd', dashboardTitle: 'D2', causes: [{ kind: 'panel', change: 'added', path: 'D2 › Four' }], panels: ['D2 › Two'], moves: [{ dx: 0, dy: 8, panels: 1 }] },
    ]);
    expect(renderMarkdown(diff)).toContain('- ↕️ layout: 1 panel below **D2 › Four** (added) moved down by 8 grid rows');
    const added = semanticDiff(tree({}), base);
    expect(added.dashboards.added).toEqual([{ uid: 'd', title: 'D', file: path }]);
  });

  it('still shows a panel moved by hand when nothing above it changed', () => {
    const base = tree({ [path]: dash('D', [p(1, 'One', 0, 'a'), p(2, 'Two', 8, 'b')]) });
    const head = tree({ [path]: dash('D', [p(1, 'One', 0, 'a'), p(2, 'Two', 10, 'b')]) });
    const diff = semanticDiff(base, head);
    expect(diff.dashboards.panelsChanged).toEqual([
      { dashboardUid: 'd', dashboardTitle: 'D', row: null, id: 2, title: 'Two', path: 'D › Two', kinds: ['moved'], changes: [{ field: 'gridPos', before: 'x=0 y=8 w=12 h=8', after: 'x=0 y=10 w=12 h=8' }] },
    ]);
    expect(diff.dashboards.layoutShifts).toEqual([]);
  });

  it('names as the mover the one panel that jumped past the others, and the others as shifted', () => {
    const base = tree({ [path]: dash('D', [p(1, 'A', 0, 'a'), p(2, 'B', 8, 'b'), p(3, 'C', 16, 'c')]) });
    const head = tree({ [path]: dash('D', [p(2, 'B', 0, 'b'), p(3, 'C', 8, 'c'), p(1, 'A', 16, 'a')]) });
    const diff = semanticDiff(base, head);
    expect(diff.dashboards.panelsChanged.map((x) => [x.title, x.kinds])).toEqual([['A', ['moved']]]);
    expect(diff.dashboards.layoutShifts[0]).toMatchObject({ causes: [{ change: 'moved', path: 'D › A' }], panels: ['D › B', 'D › C'], moves: [{ dx: 0, dy: -8, panels: 2 }] });
  });

  it('reads the panels of a collapsed row as under that row, and never counts a row header as a panel', () => {
    const row = (id: number, title: string, y: number, panels: unknown[] = []) => ({ id, type: 'row', title, collapsed: panels.length > 0, gridPos: { x: 0, y, w: 24, h: 1 }, panels });
    const base = tree({ [path]: dash('D', [row(10, 'Open', 0), p(1, 'One', 1, 'a'), row(20, 'Folded', 9, [p(2, 'Two', 10, 'b')])]) });
    const head = tree({ [path]: dash('D', [row(10, 'Open', 0), p(1, 'One', 1, 'a'), row(20, 'Folded', 9, [p(2, 'Two', 10, 'b2')])]) });
    const diff = semanticDiff(base, head);
    expect(diff.dashboards.panelsChanged.map((x) => [x.path, x.row])).toEqual([['D › Folded › Two', 'Folded']]);
    const removedRow = semanticDiff(base, tree({ [path]: dash('D', [row(10, 'Open', 0), p(1, 'One', 1, 'a')]) }));
    expect(removedRow.dashboards.rowsRemoved.map((r) => r.path)).toEqual(['D › Folded']);
    expect(removedRow.dashboards.panelsRemoved.map((x) => x.path)).toEqual(['D › Folded › Two']);
    expect(renderMarkdown(removedRow).split('\n')[2]).toBe('1 row removed · 1 panel removed');
  });

  it('reports unparsable files as warnings, other files by path', () => {
    const base = tree({ [path]: dash('D', []), 'docs/alerts.md': 'a' });
    const head = tree({ [path]: '{ not json', 'docs/alerts.md': 'b', 'docs/new.md': 'n' });
    const diff = semanticDiff(base, head);
    expect(diff.warnings).toHaveLength(1);
    expect(diff.warnings[0]).toMatch(/^grafana\/provisioning\/dashboards\/f\/d\.json: /);
    expect(diff.otherFiles).toEqual({ added: ['docs/new.md'], removed: [], changed: ['docs/alerts.md'] });
    expect(isEmptyDiff(diff)).toBe(false);
  });
});

describe('comparisonThreshold', () => {
  it.each([
    ['x > 120', '120'],
    ['(x >= 0.5)', '0.5'],
    ['sum(rate(a[5m])) > -2', '-2'],
    ['a / 0.005 > 3.36 and ignoring (w) b / 0.005 > 3.36', '3.36'],
    ['x > bool 1e3', '1e3'],
    ['x == 0', '0'],
    ['x > y', null],
    ['absent(x)', null],
    ['x + 1', null],
  ])('%s → %s', (expr, want) => {
    expect(comparisonThreshold(expr)).toBe(want);
  });
});
