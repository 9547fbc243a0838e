import { describe, expect, it } from 'vitest';
import { promqlHistogramQuantileLe } from '../../engine/checks/promql/histogram-quantile-le';
import { defineCatalog } from '../../engine/catalog/catalog';
import { metric } from '../../engine/catalog/metric';
import type { RecordingRuleModel } from '../../engine/model/rules';
import { findingsOf } from './run';
import { latency, rangeQuery, ready, requests, tinyAlert, tinyDashboard, tinyPanel, tinyProject, tinyRules, withAlerts } from '../fixtures/tiny-project';

const catalog = defineCatalog([requests, ready, latency]);

const recorded = (record: string, expr: string): RecordingRuleModel => ({ kind: 'recording', record, expr });
const bucketsByRouteAndLe = recorded('route_le:app_request_duration_seconds_bucket:rate5m', 'sum by (route, le) (rate(app_request_duration_seconds_bucket[5m]))');
const bucketsByRoute = recorded('route:app_request_duration_seconds_bucket:rate5m', 'sum by (route) (rate(app_request_duration_seconds_bucket[5m]))');
const rules = [bucketsByRouteAndLe, bucketsByRoute];

const inPanel = (expr: string) =>
  tinyProject({ catalog, ruleGroups: [tinyRules(rules)], dashboards: [tinyDashboard([tinyPanel({ queries: [rangeQuery(expr)] })])] });
const inRule = (expr: string) => tinyProject({ catalog, ruleGroups: [tinyRules([...rules, recorded('job:app_request_duration_seconds:p90', expr)])] });
const inAlert = (expr: string) => ({ ...withAlerts(tinyAlert({ expr })), catalog, ruleGroups: [tinyRules(rules)] });

describe('promql/histogram-quantile-le', () => {
  it('Having histogram_quantile() over a sum by job should fail and name what is kept.', () => {
    const expr = 'histogram_quantile(0.9, sum by (job) (rate(app_request_duration_seconds_bucket[$__rate_interval])))';
    expect(findingsOf(promqlHistogramQuantileLe, inPanel(expr)).map((f) => f.message)).toEqual([
      `histogram_quantile() input drops the le label (it keeps: job): ${expr}`,
    ]);
  });

  it.each([
    ['Having histogram_quantile() over a sum without grouping should fail.', inPanel('histogram_quantile(0.5, sum(rate(app_request_duration_seconds_bucket[$__rate_interval])))')],
    ['Having histogram_quantile() over a sum without le should fail.', inRule('histogram_quantile(0.9, sum without (le) (rate(app_request_duration_seconds_bucket[5m])))')],
    ['Having histogram_quantile() over a recording rule that dropped le should fail.', inAlert('histogram_quantile(0.99, route:app_request_duration_seconds_bucket:rate5m) > 1')],
    ['Having histogram_quantile() over a sum by job of an unknown series should fail, as by (job) drops le whatever the input.', inPanel('histogram_quantile(0.9, sum by (job) (other_bucket))')],
    ['Having histogram_quantile() over a sum by route of recorded buckets should fail.', inPanel('histogram_quantile(0.9, sum by (route) (route_le:app_request_duration_seconds_bucket:rate5m))')],
    ['Having a histogram_quantile() nested in an aggregation, over buckets summed by job, should fail.', inRule('max(histogram_quantile(0.9, sum by (job) (rate(app_request_duration_seconds_bucket[5m]))))')],
  ])('%s', (_name, project) => {
    expect(findingsOf(promqlHistogramQuantileLe, project)).toHaveLength(1);
  });

  it.each([
    ['Having histogram_quantile() over a sum by le should pass.', inPanel('histogram_quantile(0.9, sum by (le) (rate(app_request_duration_seconds_bucket[$__rate_interval])))')],
    ['Having histogram_quantile() over a sum by route and le should pass.', inRule('histogram_quantile(0.9, sum by (route, le) (rate(app_request_duration_seconds_bucket[5m])))')],
    ['Having histogram_quantile() over rated buckets with all their labels should pass.', inPanel('histogram_quantile(0.9, rate(app_request_duration_seconds_bucket[$__rate_interval]))')],
    ['Having histogram_quantile() over a recording rule that keeps le should pass.', inAlert('histogram_quantile(0.99, route_le:app_request_duration_seconds_bucket:rate5m) > 1')],
    ['Having histogram_quantile() over a sum without route should pass.', inPanel('histogram_quantile(0.9, sum without (route) (rate(app_request_duration_seconds_bucket[$__rate_interval])))')],
    ['Having histogram_quantile() over an unknown series should pass, as its labels are unknown.', inPanel('histogram_quantile(0.9, sum without (job) (other_bucket))')],
  ])('%s', (_name, project) => {
    expect(findingsOf(promqlHistogramQuantileLe, project)).toEqual([]);
  });
});
