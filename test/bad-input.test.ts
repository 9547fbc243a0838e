/**
 * Every class of bad definition input the build must reject: a non-zero exit (BuildError), a message naming the
 * file and the definition, and the output directory left byte for byte as it was. (Bad override files are in
 * config-overrides.test.ts; SLO validation classes in slo.test.ts.)
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProject, BuildError } from '../engine/build/build';
import type { ProjectDefinitions } from '../engine/model/project';
import { raw } from '../engine/promql';
import { recordingRule } from '../engine/rules/recording-rule';
import { rangeQuery, requestsByRoute, tinyAlert, tinyDashboard, tinyPanel, tinyProject, tinyRules, tinySlo, withAlerts } from './fixtures/tiny-project';

const scratch = mkdtempSync(join(tmpdir(), 'cdb-bad-input-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const withPanelQuery = (expr: string) => tinyProject({ dashboards: [tinyDashboard([tinyPanel({ queries: [rangeQuery(expr)] })])] });

const cases: Array<[string, ProjectDefinitions, RegExp]> = [
  ['an invalid duration', withAlerts(tinyAlert({ for: '5 minutes' })), /definitions\/tiny\.ts: alert group "tiny-alerts" › alert "AppNotReady"\n {2}\[alerts\/durations\] for "5 minutes" is not a duration/],
  ['duplicate alert names', withAlerts(tinyAlert(), tinyAlert()), /\[alerts\/duplicates\] duplicates the warning rule of AppNotReady/],
  ['duplicate record names', tinyProject({ ruleGroups: [tinyRules([requestsByRoute, requestsByRoute])] }), /recording rule "route:app_requests:rate5m"\n {2}\[rules\/duplicates\]/],
  ['duplicate dashboard uids', tinyProject({ dashboards: [tinyDashboard(), tinyDashboard(undefined, { title: 'Other' })] }), /\[dashboard\/uid\] uid "tiny-tiny" is also used/],
  ['an unknown metric', withPanelQuery('sum(rate(app_request_total[$__rate_interval]))'), /panel "Requests by route" › query 1\n {2}\[promql\/unknown-metric\] selects unknown metric "app_request_total"/],
  ['an unknown label', withPanelQuery('sum by (method) (rate(app_requests_total[$__rate_interval]))'), /\[promql\/unknown-label\] groups by label "method"/],
  ['invalid PromQL', tinyProject({ ruleGroups: [tinyRules([recordingRule('job:app_ready:max', raw('max by (job (app_ready)'))])] }), /recording rule "job:app_ready:max"\n {2}\[promql\/syntax\] does not parse as PromQL/],
  ['an invalid label name', withAlerts(tinyAlert({ labels: { 'team-name': 'x' } })), /\[alerts\/labels\] label "team-name" is not a valid label name/],
  ['a reserved label', withAlerts(tinyAlert({ labels: { __name__: 'x' } })), /\[alerts\/labels\] label "__name__" is not a valid label name/],
  ['a broken annotation template', withAlerts(tinyAlert({ description: '{{ $labels.service is down' })), /\[alerts\/annotations\] description has unbalanced template braces/],
  [
    'an SLO threshold that can never fire',
    tinyProject({ slos: [tinySlo({ objective: 90 })] }),
    /definitions\/tiny\.ts: SLO "requests" › tier page-fast: threshold 1\.44 .* can never fire/,
  ],
];

describe('bad definition input', () => {
  it.each(cases)('rejects %s, names the file and definition, and writes nothing', async (_, project, message) => {
    const out = join(scratch, Math.random().toString(36).slice(2));
    mkdirSync(out);
    writeFileSync(join(out, 'marker'), 'previous\n');
    let error: unknown;
    try {
      await buildProject(project, { outDir: out, externalChecks: 'skip' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BuildError);
    expect((error as Error).message).toMatch(/nothing was written/);
    expect((error as Error).message).toMatch(message);
    expect(readdirSync(out)).toEqual(['marker']);
    expect(readFileSync(join(out, 'marker'), 'utf8')).toBe('previous\n');
  });
});

describe('a literal secret in the definitions', () => {
  it('is rejected, naming the file and the receiver, and nothing is written', async () => {
    const base = tinyProject();
    const project = {
      ...base,
      alertmanager: {
        ...base.alertmanager,
        receivers: [{ name: 'tickets', purpose: 'Everything.', webhooks: [{ url: 'http://127.0.0.1:9/hook?token=4f9a8c7e6d5b4a3f2e1d0c9b8a7f6e5d', sendResolved: true }] }],
      },
    };
    const out = join(scratch, 'secret');
    mkdirSync(out);
    writeFileSync(join(out, 'marker'), 'previous\n');
    await expect(buildProject(project, { outDir: out, externalChecks: 'skip' })).rejects.toThrow(/definitions\/alertmanager\.ts: .*\n {2}\[secrets\/literal\]/);
    expect(readdirSync(out)).toEqual(['marker']);
  });
});
