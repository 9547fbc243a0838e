import { describe, expect, it } from 'vitest';
import { promqlCounterWithoutRate } from '../../engine/checks/promql/counter-without-rate';
import { defineCatalog } from '../../engine/catalog/catalog';
import { metric } from '../../engine/catalog/metric';
import { labelValuesVariable } from '../../engine/dashboards/dashboard';
import { select } from '../../engine/promql';
import { findingsOf } from './run';
import { latency, rangeQuery, ready, requests, requestsByRoute, tinyAlert, tinyDashboard, tinyPanel, tinyProject, tinyRules, withAlerts, withExpression } from '../fixtures/tiny-project';

const catalog = defineCatalog([requests, ready, latency]);

const { inPanel, inRule, inAlert } = withExpression({ catalog });

describe('promql/counter-without-rate', () => {
  it('Having sum() over a raw counter in a panel should fail and say where the counter is.', () => {
    expect(findingsOf(promqlCounterWithoutRate, inPanel('sum(app_requests_total)')).map((f) => f.message)).toEqual([
      'counter app_requests_total is used in sum() without rate(), irate() or increase(): sum(app_requests_total)',
    ]);
  });

  it('Having a histogram sum divided by its count, both raw, should fail twice.', () => {
    const findings = findingsOf(promqlCounterWithoutRate, inPanel('app_request_duration_seconds_sum / app_request_duration_seconds_count'));
    expect(findings.map((f) => f.message.split(' without')[0])).toEqual([
      'counter app_request_duration_seconds_sum is used as a raw value',
      'counter app_request_duration_seconds_count is used as a raw value',
    ]);
  });

  it.each([
    ['Having a raw counter compared in an alert should fail.', inAlert('app_requests_total > 100')],
    ['Having a raw counter aggregated in a recording rule should fail.', inRule('sum by (route) (app_requests_total)')],
    ['Having histogram_quantile() over raw buckets should fail.', inPanel('histogram_quantile(0.9, app_request_duration_seconds_bucket)')],
    ['Having max_over_time() over a counter should fail.', inPanel('max_over_time(app_requests_total[1h])')],
    ['Having a counter inside arithmetic inside abs() should fail.', inPanel('abs(app_requests_total - 1)')],
    ['Having a counter next to its own rate should fail once, for the raw one.', inPanel('rate(app_requests_total[$__rate_interval]) / app_requests_total')],
  ])('%s', (_name, project) => {
    expect(findingsOf(promqlCounterWithoutRate, project)).toHaveLength(1);
  });

  it.each([
    ['Having rate() and increase() over counters should pass.', inPanel('sum(rate(app_requests_total[$__rate_interval])) + sum(increase(app_requests_total[1h]))')],
    ['Having irate() and resets() over a counter should pass.', inPanel('irate(app_requests_total[$__rate_interval]) + resets(app_requests_total[1h])')],
    ['Having a latency quantile from rated buckets should pass.', inRule('histogram_quantile(0.9, sum by (le) (rate(app_request_duration_seconds_bucket[5m])))')],
    ['Having a counter in absent() should pass.', inAlert('absent(app_requests_total{job="app"})')],
    ['Having a counter in absent_over_time() should pass.', inAlert('absent_over_time(app_requests_total[1h])')],
    ['Having a counter counted or grouped should pass.', inPanel('count(app_requests_total) + count(group by (route) (app_requests_total))')],
    ['Having timestamp(), changes() and last_over_time() of a counter should pass.', inPanel('timestamp(app_requests_total) - changes(app_requests_total[1h]) - last_over_time(app_requests_total[1h])')],
    ['Having rate() over a subquery of a counter should pass.', inRule('max_over_time(rate(app_requests_total[5m])[1h:1m])')],
    ['Having a raw gauge should pass.', inAlert('app_ready == 0')],
    ['Having a recorded rate should pass.', inPanel('sum(route:app_requests:rate5m)')],
  ])('%s', (_name, project) => {
    expect(findingsOf(promqlCounterWithoutRate, project)).toEqual([]);
  });

  it('Having a counter as the series of a label-values variable should pass.', () => {
    const variable = labelValuesVariable({ name: 'route', label: 'Route', series: select(requests), labelName: 'route' });
    expect(findingsOf(promqlCounterWithoutRate, tinyProject({ catalog, dashboards: [tinyDashboard(undefined, { variables: [variable] })] }))).toEqual([]);
  });
});
