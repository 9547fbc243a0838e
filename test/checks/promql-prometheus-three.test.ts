import { describe, expect, it } from 'vitest';
import { promqlPrometheusThree } from '../../engine/checks/promql/prometheus-three';
import type { RuleModel } from '../../engine/model/rules';
import { findingsOf } from './run';
import { rangeQuery, requestsByRoute, tinyAlert, tinyDashboard, tinyPanel, tinyProject, tinyRules, withAlerts } from '../fixtures/tiny-project';

const inPanel = (expr: string) => tinyProject({ dashboards: [tinyDashboard([tinyPanel({ queries: [rangeQuery(expr)] })])] });
const inRule = (expr: string) => {
  const rule: RuleModel = { kind: 'recording', record: 'code:app_requests:rate5m', expr };
  return tinyProject({ ruleGroups: [tinyRules([requestsByRoute, rule])] });
};
const inAlert = (expr: string) => withAlerts(tinyAlert({ expr }));
const messages = (project: ReturnType<typeof tinyProject>) => findingsOf(promqlPrometheusThree, project).map((f) => f.message);

describe('promql/prometheus-three', () => {
  it('Having an integer-looking le matcher should fail: Prometheus 3 ingests it as "1.0".', () => {
    expect(findingsOf(promqlPrometheusThree, inRule('sum(rate(app_latency_seconds_bucket{le="1"}[5m]))')).map((f) => [f.message, f.hint, f.severity])).toEqual([
      [
        'app_latency_seconds_bucket{le="1"} names le "1" as a whole number; Prometheus 3 ingests le as a float ("1.0") whatever the scrape format, so the selector matches nothing there',
        'Match both spellings while Prometheus 2 and 3 may ingest it, e.g. le=~"1|1\\\\.0", or "1.0" once only Prometheus 3 does.',
        'warning',
      ],
    ]);
  });

  it('Having whole numbers among the alternatives of an le regex should fail, naming each.', () => {
    expect(messages(inPanel('sum(rate(app_latency_seconds_bucket{le=~"0.5|1|5"}[$__rate_interval]))'))).toEqual([
      'app_latency_seconds_bucket{le=~"0.5|1|5"} names le "1", "5" as a whole number; Prometheus 3 ingests le as a float ("1.0") whatever the scrape format, so the selector matches nothing there',
    ]);
  });

  it('Having a whole-number quantile in a negative matcher should fail: it excludes nothing in Prometheus 3.', () => {
    expect(messages(inAlert('app_latency_seconds{quantile!="1"} > 1'))).toEqual([
      'app_latency_seconds{quantile!="1"} names quantile "1" as a whole number; Prometheus 3 ingests quantile as a float ("1.0") whatever the scrape format, so the matcher excludes nothing there',
    ]);
  });

  it('Having holt_winters() should fail with its new name.', () => {
    expect(findingsOf(promqlPrometheusThree, inRule('holt_winters(app_ready[1h], 0.5, 0.5)')).map((f) => [f.message, f.hint])).toEqual([
      ['holt_winters() does not exist in Prometheus 3', 'Use double_exponential_smoothing(), which also needs --enable-feature=promql-experimental-functions.'],
    ]);
  });

  it('Having "." inside a regex on a label that can hold a newline should fail.', () => {
    expect(messages(inPanel('sum(rate(app_requests_total{route=~"/api/.*/users"}[$__rate_interval]))'))).toEqual([
      'app_requests_total{route=~"/api/.*/users"} uses "." inside the pattern; Prometheus 3 lets "." match a newline, so a route value holding one is selected where Prometheus 2 did not',
    ]);
  });

  it.each([
    ['Having a single "." in a negative regex should fail.', inAlert('rate(app_requests_total{route!~"/a.b"}[5m]) > 1')],
    ['Having ".?" should fail.', inRule('sum(rate(app_requests_total{route=~"/a.?"}[5m]))')],
    ['Having ".*" inside a group should fail.', inRule('sum(rate(app_requests_total{route=~"(/a.*)/b"}[5m]))')],
    ['Having a subquery no longer than its resolution should fail.', inRule('max_over_time(rate(app_requests_total[5m])[1m:1m])')],
    ['Having a subquery shorter than the default resolution (the evaluation interval) should fail.', inRule('max_over_time(rate(app_requests_total[5m])[30s:])')],
  ])('%s', (_name, project) => {
    expect(messages(project)).toHaveLength(1);
  });

  it('Having the Alertmanager v1 API in the Prometheus config should fail.', () => {
    const project = tinyProject();
    const v1 = tinyProject({ prometheus: { ...project.prometheus, alertmanagerApiVersion: 'v1' } });
    expect(findingsOf(promqlPrometheusThree, v1).map((f) => [f.message, f.location.file])).toEqual([
      ['Prometheus sends alerts with the Alertmanager v1 API, which Prometheus 3 removed: it refuses a config with api_version v1', 'definitions/project.ts'],
    ]);
  });

  it.each([
    ['Having a float-looking le should pass.', inRule('sum(rate(app_latency_seconds_bucket{le="0.25"}[5m]))')],
    ['Having le="+Inf" should pass.', inRule('sum(rate(app_latency_seconds_bucket{le="+Inf"}[5m]))')],
    ['Having a regex that matches both spellings should pass.', inRule('sum(rate(app_latency_seconds_bucket{le=~"1|1\\\\.0"}[5m]))')],
    ['Having an optional ".0" should pass.', inRule('sum(rate(app_latency_seconds_bucket{le=~"1(\\\\.0)?"}[5m]))')],
    ['Having a trailing ".+" (a prefix match) should pass.', inAlert('rate(app_requests_total{route=~"/api/.+"}[5m]) > 1')],
    ['Having a leading ".*" (a suffix match) should pass.', inAlert('rate(app_requests_total{route=~".*/users|/health"}[5m]) > 1')],
    ['Having ".*" alone should pass.', inPanel('app_requests_total{route=~".*"}')],
    ['Having "." inside a character class or escaped should pass.', inPanel('app_requests_total{route=~"/a[.]b|/c\\\\.d"}')],
    ['Having "." on a target label should pass, as the scrape config sets it.', inPanel('app_requests_total{job=~"app.x"}')],
    ['Having "." on a label the catalog closes should pass.', inPanel('app_requests_total{code=~"o.|error"}')],
    ['Having a dashboard variable should pass.', inPanel('app_requests_total{route=~"$route"}')],
    ['Having a subquery of two resolutions should pass.', inRule('max_over_time(rate(app_requests_total[5m])[2m:1m])')],
    ['Having Grafana macros as subquery range and resolution should pass.', inPanel('max_over_time(rate(app_requests_total[5m])[$__range:$__interval])')],
    ['Having a removed function name only inside a label value should pass.', inPanel('app_requests_total{route="/holt_winters(x)"}')],
    ['Having the default Alertmanager API (v2) should pass.', tinyProject()],
  ])('%s', (_name, project) => {
    expect(messages(project)).toEqual([]);
  });
});
