import { describe, expect, it } from 'vitest';
import { findingRow } from '../../engine/report/findings';
import { rulesUnused } from '../../engine/checks/rules/unused';
import { recordingRule } from '../../engine/rules/recording-rule';
import { eq, select, sum } from '../../engine/promql';
import { labelValuesVariable, row } from '../../engine/dashboards/dashboard';
import type { QueryVariableModel } from '../../engine/model/dashboard';
import type { ProjectDefinitions } from '../../engine/model/project';
import type { RuleGroupModel } from '../../engine/model/rules';
import { findingsOf } from './run';
import { rangeQuery, ready, requestsByRoute, tinyAlert, tinyDashboard, tinyPanel, tinyProject, tinyRules, withAlerts } from '../fixtures/tiny-project';

const readyMax = recordingRule('job:app_ready:max', sum.by(['job'], select(ready)));
/** Reads route:app_requests:rate5m, so it is used exactly when something reads it in turn. */
const requestsTotal = recordingRule('job:app_requests:rate5m', sum(select(requestsByRoute)));

/** A dashboard with one row whose only panel runs `exprs` (whatever else the fixture's dashboard shows). */
const dashboardRunning = (exprs: string[], variables: QueryVariableModel[] = []) =>
  tinyDashboard(undefined, { rows: [row('Traffic', [tinyPanel({ queries: exprs.map(rangeQuery) })])], variables });

/** The tiny project with `rules` and a dashboard whose only panel runs `exprs`. */
function project(rules: RuleGroupModel['rules'], exprs: string[], overrides: Partial<ProjectDefinitions> = {}): ProjectDefinitions {
  return tinyProject({ ruleGroups: [tinyRules(rules)], dashboards: [dashboardRunning(exprs)], ...overrides });
}

const UNREAD = 'route:app_requests:rate5m is read by no dashboard panel, dashboard variable, alert or other recording rule';

describe('rules/unused', () => {
  it.each<[string, ProjectDefinitions, string[]]>([
    ['Having a recording rule nothing reads should fail.', project([requestsByRoute], ['sum(app_ready)']), [UNREAD]],
    [
      'Having a recording rule read only by itself should fail.',
      project([recordingRule('route:app_requests:rate5m', select(requestsByRoute))], ['sum(app_ready)']),
      [UNREAD],
    ],
    [
      'Having a recording rule read only by an unread recording rule should fail for both.',
      project([requestsByRoute, requestsTotal], ['sum(app_ready)']),
      [
        'job:app_requests:rate5m is read by no dashboard panel, dashboard variable, alert or other recording rule',
        'route:app_requests:rate5m is read only by recording rules that nothing reads in turn: job:app_requests:rate5m',
      ],
    ],
    [
      'Having a name regex that matches another rule should fail for the unread one.',
      project([requestsByRoute, readyMax], ['{__name__=~"job:.+"}']),
      [UNREAD],
    ],
    [
      'Having one name for several rules (one per SLO) should fail once.',
      project([recordingRule('job:app_ready:max', select(ready), { slo: 'a' }), recordingRule('job:app_ready:max', select(ready), { slo: 'b' })], ['sum(app_ready)']),
      ['job:app_ready:max is read by no dashboard panel, dashboard variable, alert or other recording rule'],
    ],
  ])('%s', (_, p, messages) => {
    expect(findingsOf(rulesUnused, p).map((f) => f.message)).toEqual(messages);
  });

  it.each<[string, ProjectDefinitions]>([
    ['Having a panel read the rule should pass.', project([requestsByRoute], ['sum(route:app_requests:rate5m)'])],
    [
      'Having a dashboard variable read the rule should pass.',
      project([requestsByRoute], ['sum(app_ready)'], {
        dashboards: [dashboardRunning(['sum(app_ready)'], [labelValuesVariable({ name: 'route', label: 'Route', series: select(requestsByRoute), labelName: 'route' })])],
      }),
    ],
    [
      'Having an alert read the rule should pass.',
      {
        ...withAlerts(tinyAlert({ expr: String(eq(select(readyMax), 0)) })),
        ruleGroups: [tinyRules([readyMax])],
        dashboards: [dashboardRunning(['sum(app_ready)'])],
      },
    ],
    [
      'Having an alerting rule in a rule group read the rule should pass.',
      project(
        [readyMax, { kind: 'alert', alert: 'AppNotReady', expr: 'job:app_ready:max == 0', labels: {}, annotations: {} }],
        ['sum(app_ready)'],
      ),
    ],
    ['Having a used recording rule read the rule should pass.', project([requestsByRoute, requestsTotal], ['job:app_requests:rate5m'])],
    ['Having a selector by name regex read the rule should pass.', project([requestsByRoute], ['{__name__=~"route:.+"}'])],
    ['Having no recording rules should pass.', project([], ['sum(app_ready)'])],
  ])('%s', (_, p) => {
    expect(findingsOf(rulesUnused, p)).toEqual([]);
  });

  it('Having an unread rule should name its group and rule.', () => {
    const [f] = findingsOf(rulesUnused, project([requestsByRoute], ['sum(app_ready)']));
    expect(findingRow(f!)).toMatchObject({
      severity: 'warning',
      file: 'definitions/tiny.ts',
      definition: 'rule group "tiny" › recording rule "route:app_requests:rate5m"',
    });
  });
});
