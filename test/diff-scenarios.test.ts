/**
 * What a reviewer sees of alerts and of the promtool scenarios that prove them: counts in the right number, and a
 * "tests affected" section grouping changed scenarios by alert. Base and head are built from the real project; a
 * threshold is changed through a settings file, as `--config` would, so the scenarios derived from it move too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveProject } from '../engine/resolve/resolve-project';
import { synthesize } from '../engine/build/synthesize';
import { diffCounts, emptyDiff, semanticDiff } from '../engine/diff/semantic-diff';
import { renderMarkdown } from '../engine/diff/render-markdown';
import { renderJson } from '../engine/diff/render-json';
import type { ProjectDefinitions } from '../engine/model/project';
import { cdbSettings } from '../config/settings';
import { cdbProject } from '../project';

const scratch = mkdtempSync(join(tmpdir(), 'cdb-diff-scenarios-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const base = synthesize(resolveProject(cdbProject()));

/** The tree built with the settings override `yaml`. */
function headWithSettings(name: string, yaml: string) {
  const file = join(scratch, `${name}.yaml`);
  writeFileSync(file, yaml);
  return synthesize(resolveProject(cdbProject(cdbSettings(file))));
}

/** The tree built from the project's definitions changed by `edit`. */
const headWith = (edit: (p: ProjectDefinitions) => ProjectDefinitions) => synthesize(resolveProject(edit(cdbProject())));

const summaryOf = (md: string) => md.split('\n')[2];
const STALE = 'thresholds:\n  CdbMarketDataStale:\n    maxAgeSeconds: 180\n';
const STORM = '  CdbWebsocketReconnectStorm:\n    reconnectsPerHour: 20\n';

describe('plurals', () => {
  it('says "1 alert changed" for one alert and "2 alerts changed" for two', () => {
    // The storm threshold moves one alert; the stale threshold moves CdbMarketDataStale and CdbMarketDataMissing,
    // which waits for a feed to be the threshold old before it pages.
    const one = renderMarkdown(semanticDiff(base, headWithSettings('one', `thresholds:\n${STORM}`)));
    expect(summaryOf(one)).toMatch(/^1 alert changed · /);
    expect(one).not.toContain('1 alerts');
    const two = renderMarkdown(semanticDiff(base, headWithSettings('two', STALE)));
    expect(summaryOf(two)).toMatch(/^2 alerts changed · /);
  });

  it('uses the singular for exactly one of everything, the plural for 0 and for several', () => {
    const none = Object.fromEntries(diffCounts(emptyDiff()).map(([label, n]) => [label, n]));
    // Zero of a kind reads "0 panels changed", as counts of none do in English.
    expect(none).toHaveProperty(['panels changed'], 0);
    expect(none).toHaveProperty(['SLOs changed'], 0);
    const d = emptyDiff();
    const withOne = { ...d, dashboards: { ...d.dashboards, rowsRenamed: [{ dashboardUid: 'u', dashboardTitle: 'D', before: 'a', after: 'b' }] } };
    expect(diffCounts(withOne).find(([, n]) => n === 1)).toEqual(['row renamed', 1]);
  });
});

describe('a threshold change that changes an alert and its scenarios', () => {
  const diff = semanticDiff(base, headWithSettings('stale', STALE));
  const md = renderMarkdown(diff);

  // The scenarios derived from the threshold carry it in their names (read in the generated
  // prometheus/tests/market-data.test.yml): a new threshold renames them, and the diff pairs them by the shape of
  // their names rather than reporting five removed and five added.
  const AT_THRESHOLD = ['a feed always exactly 120 s behind, at the threshold, stays quiet', 'a feed always exactly 180 s behind, at the threshold, stays quiet'];
  const PAST = [
    'a feed always 121 s behind, just past the 120 s threshold, is firing at minute 2',
    'a feed always 181 s behind, just past the 180 s threshold, is firing at minute 2',
  ];

  it('groups the renamed scenarios under their alert, as changed, next to the threshold change', () => {
    // CdbMarketDataMissing waits for the threshold too: its rule changes with it.
    expect(diff.scenarios.alerts.map((a) => a.alert)).toEqual(['CdbMarketDataMissing', 'CdbMarketDataStale']);
    const stale = diff.scenarios.alerts.find((a) => a.alert === 'CdbMarketDataStale')!;
    expect(stale).toMatchObject({
      alert: 'CdbMarketDataStale',
      ruleFile: null,
      rule: 'changed',
      threshold: { field: 'threshold', before: '120', after: '180' },
      added: [],
      removed: [],
      failing: [],
      // A fresh feed and a missing metric do not depend on the threshold.
      unchanged: 2,
    });
    expect(stale.changed).toHaveLength(5);
    const atThreshold = stale.changed.find((c) => c.before === AT_THRESHOLD[0]);
    // Its expectation (quiet) is the same; only the name and the series it feeds moved.
    expect(atThreshold).toEqual({
      name: `CdbMarketDataStale: ${AT_THRESHOLD[1]}`,
      scenario: AT_THRESHOLD[1],
      before: AT_THRESHOLD[0],
      file: 'prometheus/tests/market-data.test.yml',
      parts: ['name', 'input_series'],
    });
    expect(stale.changed.find((c) => c.before === PAST[0])).toMatchObject({ scenario: PAST[1], parts: ['name', 'alert_rule_test', 'input_series'] });
    // Each pair differs in its numbers only.
    for (const c of stale.changed) expect(c.scenario.replace(/\d+/g, '#')).toBe(c.before!.replace(/\d+/g, '#'));
    expect(summaryOf(md)).toMatch(/^2 alerts changed · \d+ scenarios changed · 1 other generated file changed$/);
  });

  it('renders a "tests affected" section that says the scenarios were compared, not run', () => {
    expect(md).toMatch(/<summary>Tests affected \(2 alerts; scenarios: 0 added, 0 removed, \d+ changed\)<\/summary>/);
    expect(md).toContain('_Scenarios are compared, not run');
    expect(md).toContain(
      '- **CdbMarketDataStale**: rule changed, threshold `120` → `180`; scenarios (prometheus/tests/market-data.test.yml): 5 changed, 2 unchanged',
    );
    expect(md).toContain(`  - 🔁 ${AT_THRESHOLD[0]} → ${AT_THRESHOLD[1]} (name, input_series)`);
    // The scenario file is read for its scenarios; it is no longer an opaque "other generated file".
    expect(diff.otherFiles.changed).toEqual(['docs/alerts.md']);
    expect(md.indexOf('Tests affected')).toBeGreaterThan(md.indexOf('<summary>Alerts'));
  });

  it('carries the same in JSON, old names included', () => {
    const json = JSON.parse(renderJson(diff)) as { scenarios: { alerts: Array<{ alert: string; changed: Array<{ before: string; parts: string[] }> }> } };
    const stale = json.scenarios.alerts.find((a) => a.alert === 'CdbMarketDataStale');
    expect(stale!.changed.find((c) => c.before === AT_THRESHOLD[0])!.parts).toEqual(['name', 'input_series']);
  });

  it('pairs a renamed scenario only with one of the same shape: a new scenario stays added', () => {
    const head = headWith((p) => ({
      ...p,
      alertGroups: p.alertGroups.map((g) => ({
        ...g,
        alerts: g.alerts.map((a) => (a.name === 'CdbMarketDataStale' ? { ...a, scenarios: a.scenarios.map((sc) => (sc.name.startsWith('a fresh feed') ? { ...sc, name: 'a feed 3 s behind stays quiet' } : sc)) } : a)),
      })),
    }));
    const stale = semanticDiff(base, head).scenarios.alerts[0]!;
    expect(stale.added.map((s) => s.scenario)).toEqual(['a feed 3 s behind stays quiet']);
    expect(stale.removed.map((s) => s.scenario)).toEqual(['a fresh feed stays quiet']);
    expect(stale.changed).toEqual([]);
  });

  it('keeps two alerts apart', () => {
    const two = semanticDiff(base, headWithSettings('both', STALE + STORM));
    expect(two.scenarios.alerts.map((a) => [a.alert, a.rule, a.threshold?.after])).toEqual([
      ['CdbMarketDataMissing', 'changed', undefined],
      ['CdbMarketDataStale', 'changed', '180'],
      ['CdbWebsocketReconnectStorm', 'changed', '20'],
    ]);
  });
});

describe('scenarios added and removed', () => {
  it('lists an added scenario under its alert, whose rule did not change', () => {
    const head = headWith((p) => ({
      ...p,
      alertGroups: p.alertGroups.map((g) => ({
        ...g,
        alerts: g.alerts.map((a) => (a.name === 'CdbMarketDataStale' ? { ...a, scenarios: [...a.scenarios, { ...a.scenarios[1]!, name: 'a second fresh feed stays quiet' }] } : a)),
      })),
    }));
    const diff = semanticDiff(base, head);
    expect(diff.scenarios.alerts).toMatchObject([{ alert: 'CdbMarketDataStale', rule: null, added: [{ scenario: 'a second fresh feed stays quiet' }], removed: [], changed: [], unchanged: 7 }]);
    // docs/alerts.md lists the scenarios too: it is the one other file.
    expect(summaryOf(renderMarkdown(diff))).toBe('1 scenario added · 1 other generated file changed');
  });

  it('lists the scenarios of a removed alert as removed with it', () => {
    const head = headWith((p) => ({ ...p, alertGroups: p.alertGroups.map((g) => ({ ...g, alerts: g.alerts.filter((a) => a.name !== 'CdbRiskRejectionRatioSpike') })) }));
    const diff = semanticDiff(base, head);
    const spike = diff.scenarios.alerts.find((a) => a.alert === 'CdbRiskRejectionRatioSpike');
    expect(spike).toMatchObject({ rule: 'removed', added: [], changed: [], unchanged: 0, failing: [] });
    expect(spike!.removed).toHaveLength(6);
    expect(renderMarkdown(diff)).toMatch(/^1 alert removed · 6 scenarios removed/m);
  });
});

describe('scenarios the diff can judge without promtool', () => {
  // Hand-edited generated trees: the only way a rule and its scenarios part, since the build writes both.
  const MARKET_RULES = 'prometheus/rules/market-data.yml';
  const removeRule = (text: string, name: string) => {
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l.trim() === `- alert: ${name}`);
    const indent = lines[start]!.indexOf('-');
    let end = start + 1;
    while (end < lines.length && lines[end]!.trim() !== '' && lines[end]!.search(/\S/) > indent) end++;
    return [...lines.slice(0, start), ...lines.slice(end)].join('\n');
  };

  it('names, as certain failures, the scenarios that expect a removed alert to fire', () => {
    const head = new Map(base).set(MARKET_RULES, removeRule(base.get(MARKET_RULES)!, 'CdbWebsocketReconnectStorm'));
    const storm = semanticDiff(base, head).scenarios.alerts.find((a) => a.alert === 'CdbWebsocketReconnectStorm');
    expect(storm!.rule).toBe('removed');
    // Three of its scenarios expect it to fire (generated/prometheus/tests/market-data.test.yml); the others expect
    // silence, which a missing rule keeps.
    const storm1 = 'a storm of 1 reconnect a minute passes 10 in the hour at minute 11 and fires at minute 21, with 21 in the hour';
    expect(storm!.failing.map((s) => s.scenario)).toEqual(['11 reconnects every hour, just past the threshold, fire', storm1, 'reconnects for different reasons add up per exchange: 6 + 5, each at most 10, fire']);
    expect(renderMarkdown(semanticDiff(base, head))).toContain(
      `  - ❌ \`CdbWebsocketReconnectStorm: ${storm1}\` (prometheus/tests/market-data.test.yml) expects it to fire: promtool will fail it`,
    );
  });

  it('warns when a rule changed and none of its scenarios did, per SLO for the shared burn-rate alert names', () => {
    const SLO_RULES = 'prometheus/rules/slo-market-data-freshness.yml';
    const head = new Map(base).set(SLO_RULES, base.get(SLO_RULES)!.replaceAll('/ 0.005', '/ 0.001'));
    const alerts = semanticDiff(base, head).scenarios.alerts;
    // One group per burn-rate alert of this SLO only: the same names in the other SLOs' rule files are other alerts.
    expect(alerts.map((a) => [a.alert, a.ruleFile, a.rule])).toEqual([
      ['CdbSloBurnRatePageFast', SLO_RULES, 'changed'],
      ['CdbSloBurnRatePageSlow', SLO_RULES, 'changed'],
      ['CdbSloBurnRateTicketFast', SLO_RULES, 'changed'],
      ['CdbSloBurnRateTicketSlow', SLO_RULES, 'changed'],
    ]);
    // Every scenario of the SLO's page-fast alert, none of which changed with the rule.
    const scenarios = resolveProject(cdbProject())
      .alertGroups.find((g) => g.name === 'slo-market-data-freshness-alerts')!
      .alerts.find((a) => a.name === 'CdbSloBurnRatePageFast')!.scenarios.length;
    expect(alerts[0]!.unchanged).toBe(scenarios);
    expect(renderMarkdown(semanticDiff(base, head))).toContain(
      `- **CdbSloBurnRatePageFast** in ${SLO_RULES}: rule changed; scenarios: ${scenarios} unchanged ⚠️ no scenario changed with the rule`,
    );
  });

  it('leaves out alerts whose receiver alone changed: promtool does not route', () => {
    const AM = 'alertmanager/alertmanager.yml';
    const head = new Map(base).set(AM, base.get(AM)!.replace('- receiver: cdb-tickets-risk\n', '- receiver: cdb-tickets-system\n'));
    const diff = semanticDiff(base, head);
    expect(diff.alerts.changed.length).toBeGreaterThan(0);
    expect(diff.scenarios).toEqual(emptyDiff().scenarios);
  });
});
