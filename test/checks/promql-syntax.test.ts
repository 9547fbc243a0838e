import { describe, expect, it } from 'vitest';
import { findingRow } from '../../engine/report/findings';
import { describePath } from '../../engine/model/location';
import { promqlSyntax } from '../../engine/checks/promql/syntax';
import { recordingRule } from '../../engine/rules/recording-rule';
import { raw } from '../../engine/promql';
import { findingsOf } from './run';
import { tinyDashboard, tinyPanel, tinyProject, tinyRules , rangeQuery } from '../fixtures/tiny-project';

describe('promql/syntax', () => {
  it('Having a panel query that does not parse should fail, naming the file, dashboard and panel.', () => {
    const project = tinyProject({ dashboards: [tinyDashboard([tinyPanel({ queries: [rangeQuery('sum(rate(app_requests_total[$__rate_interval])')] })])] });
    const [f, ...rest] = findingsOf(promqlSyntax, project);
    expect(rest).toEqual([]);
    expect(findingRow(f!)).toMatchObject({ checkId: 'promql/syntax', severity: 'error', file: 'definitions/tiny.ts' });
    expect(describePath(f!.location)).toBe('dashboard "tiny" › panel "Requests by route" › query 1');
  });

  it('Having a rule that does not parse should fail.', () => {
    const project = tinyProject({ ruleGroups: [tinyRules([recordingRule('a:b:c', raw('sum by (route (app_ready)'))])] });
    expect(findingsOf(promqlSyntax, project).map((f) => describePath(f.location))).toEqual(['rule group "tiny" › recording rule "a:b:c"']);
  });

  it('Having panel queries with Grafana macros should pass.', () => {
    expect(findingsOf(promqlSyntax, tinyProject())).toEqual([]);
  });
});
