import { describe, expect, it } from 'vitest';
import { findingRow } from '../../engine/report/findings';
import { describePath } from '../../engine/model/location';
import { dashboardVariables, variableReferences } from '../../engine/checks/dashboards/variables';
import { labelValuesVariable } from '../../engine/dashboards/dashboard';
import { select } from '../../engine/promql';
import type { QueryVariableModel } from '../../engine/model/dashboard';
import { findingsOf } from './run';
import { rangeQuery, requests, tinyDashboard, tinyPanel, tinyProject } from '../fixtures/tiny-project';

const routeVariable = labelValuesVariable({ name: 'route', label: 'Route', series: select(requests), labelName: 'route' });

/** The tiny project with one panel running `exprs` on a dashboard defining `variables`. */
const project = (exprs: string[], variables: QueryVariableModel[] = [routeVariable]) =>
  tinyProject({ dashboards: [tinyDashboard([tinyPanel({ queries: exprs.map(rangeQuery) })], { variables })] });

const messages = (exprs: string[], variables?: QueryVariableModel[]) => findingsOf(dashboardVariables, project(exprs, variables)).map((f) => f.message);

describe('dashboard/variables', () => {
  it.each([
    ['Having $code when the dashboard defines no such variable should fail.', 'sum(rate(app_requests_total{route=~"$route", code=~"$code"}[$__rate_interval]))', 'code'],
    ['Having ${code} should fail like $code.', 'sum(rate(app_requests_total{route=~"$route", code=~"${code}"}[$__rate_interval]))', 'code'],
    ['Having ${code:regex} with a format should fail like $code.', 'sum(rate(app_requests_total{route=~"$route", code=~"${code:regex}"}[$__rate_interval]))', 'code'],
    ['Having the deprecated [[code]] should fail like $code.', 'sum(rate(app_requests_total{route=~"$route", code=~"[[code]]"}[$__rate_interval]))', 'code'],
    ['Having a misspelt macro $__rate_intervall should fail.', 'sum(rate(app_requests_total{route=~"$route"}[$__rate_intervall]))', '__rate_intervall'],
    ['Having a variable of another letter case should fail.', 'sum(rate(app_requests_total{route=~"$Route"}[$__rate_interval]))', 'Route'],
  ])('%s', (_, expr, name) => {
    // $Route: the defined $route is then unused as well.
    const found = messages([expr]).filter((m) => !m.startsWith('variable "route"'));
    expect(found).toEqual([`uses $${name}, which the dashboard does not define: ${expr}`]);
  });

  it('Having a defined variable no panel uses should be reported as a warning.', () => {
    const findings = findingsOf(dashboardVariables, project(['sum(rate(app_requests_total[$__rate_interval]))']));
    expect(findings.map((f) => [f.severity, describePath(f.location), f.message])).toEqual([
      ['warning', 'dashboard "tiny" › variable "route"', 'variable "route" is used by no panel query or other variable'],
    ]);
  });

  it('Having an undefined variable should be an error at the panel query.', () => {
    const [f] = findingsOf(dashboardVariables, project(['sum(app_requests_total{route=~"$route", code="$code"})']));
    expect(findingRow(f!)).toMatchObject({ severity: 'error', file: 'definitions/tiny.ts', definition: 'dashboard "tiny" › panel "Requests by route" › query 1' });
  });

  it('Having a variable series use an undefined variable should fail.', () => {
    const chained = labelValuesVariable({ name: 'code', label: 'Code', series: select(requests, { route: '$path' }), labelName: 'code' });
    expect(messages(['sum(app_requests_total{route=~"$route", code=~"$code"})'], [routeVariable, chained])).toEqual([
      'uses $path, which the dashboard does not define: app_requests_total{route="$path"}',
    ]);
  });

  it.each([
    ['Having a defined variable used by the panel should pass.', ['sum(rate(app_requests_total{route=~"$route"}[$__rate_interval]))']],
    ['Having ${route:pipe} with a format should pass.', ['sum(rate(app_requests_total{route=~"${route:pipe}"}[5m]))']],
    [
      'Having the built-ins $__interval, $__range, $__range_s, $__interval_ms and $datasource should pass.',
      ['sum(increase(app_requests_total{route=~"$route"}[$__range])) / $__range_s', 'sum(rate(app_requests_total[$__interval])) * $__interval_ms', 'up{datasource="$datasource"}'],
    ],
    ['Having label_replace capture groups like $1 should pass.', ['label_replace(app_requests_total{route=~"$route"}, "r", "$1", "route", "(.*)")']],
    ['Having a regex anchor $ in a matcher should pass.', ['sum(app_requests_total{route=~"$route", code=~"ok$"})']],
  ])('%s', (_, exprs) => {
    expect(messages(exprs)).toEqual([]);
  });

  it('Having a variable used only by another variable series should pass.', () => {
    const chained = labelValuesVariable({ name: 'code', label: 'Code', series: select(requests, { route: '$route' }), labelName: 'code' });
    expect(messages(['sum(app_requests_total{code=~"$code"})'], [routeVariable, chained])).toEqual([]);
  });

  it('Having no variables and none used should pass.', () => {
    expect(messages(['sum(rate(app_requests_total[$__rate_interval]))'], [])).toEqual([]);
  });

  it('reads every reference form once, skipping capture groups', () => {
    expect(variableReferences('$a ${b} ${c:csv} ${d.text} [[e]] [[f:raw]] $1 ${2} $a')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});
