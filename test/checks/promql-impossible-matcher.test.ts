import { describe, expect, it } from 'vitest';
import { promqlImpossibleMatcher } from '../../engine/checks/promql/impossible-matcher';
import type { RuleModel } from '../../engine/model/rules';
import { findingsOf } from './run';
import { rangeQuery, requestsByRoute, tinyAlert, tinyDashboard, tinyPanel, tinyProject, tinyRules, withAlerts } from '../fixtures/tiny-project';

const inPanel = (expr: string) => tinyProject({ dashboards: [tinyDashboard([tinyPanel({ queries: [rangeQuery(expr)] })])] });
const inRule = (expr: string) => {
  const rule: RuleModel = { kind: 'recording', record: 'code:app_requests:rate5m', expr };
  return tinyProject({ ruleGroups: [tinyRules([requestsByRoute, rule])] });
};
const inAlert = (expr: string) => withAlerts(tinyAlert({ expr }));

describe('promql/impossible-matcher', () => {
  it('Having an equality matcher on a value the catalog rules out should fail and list the allowed values.', () => {
    expect(findingsOf(promqlImpossibleMatcher, inPanel('sum(rate(app_requests_total{code="okk"}[$__rate_interval]))')).map((f) => [f.message, f.hint])).toEqual([
      [
        'app_requests_total{code="okk"} asks for "okk", which the catalog rules out (code is one of: ok, error), so the selector can never match',
        'Use one of the values the catalog enumerates for code, or add the new value to labelValues in the catalog.',
      ],
    ]);
  });

  it('Having a regex of literals that all fall outside the closed set should fail as never matching.', () => {
    expect(findingsOf(promqlImpossibleMatcher, inAlert('increase(app_requests_total{code=~"fail|timeout"}[1h]) > 0')).map((f) => f.message)).toEqual([
      'app_requests_total{code=~"fail|timeout"} asks for "fail", "timeout", which the catalog rules out (code is one of: ok, error), so the selector can never match',
    ]);
  });

  it('Having one misspelt alternative among valid ones should fail for that alternative.', () => {
    expect(findingsOf(promqlImpossibleMatcher, inRule('sum(rate(app_requests_total{code=~"ok|eror"}[5m]))')).map((f) => f.message)).toEqual([
      'app_requests_total{code=~"ok|eror"} asks for "eror", which the catalog rules out (code is one of: ok, error), so that alternative can never match',
    ]);
  });

  it.each([
    ['Having a regex without metacharacters on a ruled-out value should fail.', inPanel('app_requests_total{code=~"failed"}')],
    ['Having a ruled-out value in an alert next to a valid matcher should fail once.', inAlert('rate(app_requests_total{route="/", code="500"}[5m]) > 1')],
    ['Having a ruled-out value in absent() should fail, as absent() would then always fire.', inAlert('absent(app_requests_total{code="OK"})')],
  ])('%s', (_name, project) => {
    expect(findingsOf(promqlImpossibleMatcher, project)).toHaveLength(1);
  });

  it.each([
    ['Having an equality matcher on an allowed value should pass.', inPanel('sum(rate(app_requests_total{code="error"}[$__rate_interval]))')],
    ['Having an alternation of allowed values should pass.', inRule('sum(rate(app_requests_total{code=~"ok|error"}[5m]))')],
    ['Having a negative matcher on a ruled-out value should pass, as it matches everything.', inPanel('app_requests_total{code!="okk"}')],
    ['Having a real regex should pass, as it is not a list of literals.', inPanel('app_requests_total{code=~"e.*"}')],
    ['Having a dashboard variable as the value should pass.', inPanel('app_requests_total{code="$code"}')],
    ['Having a dashboard variable in a regex should pass.', inPanel('app_requests_total{code=~"${code:regex}"}')],
    ['Having an empty alternative next to an allowed value should pass.', inPanel('app_requests_total{code=~"ok|"}')],
    ['Having any value of a label without a closed set should pass.', inAlert('rate(app_requests_total{route="/checkout"}[5m]) > 1')],
    ['Having any value on a recorded series should pass, as only catalog series are judged.', inPanel('route:app_requests:rate5m{route="/none"}')],
  ])('%s', (_name, project) => {
    expect(findingsOf(promqlImpossibleMatcher, project)).toEqual([]);
  });
});
