import { describe, expect, it } from 'vitest';
import { promqlRateNonCounter } from '../../engine/checks/promql/rate-non-counter';
import { defineCatalog } from '../../engine/catalog/catalog';
import { metric } from '../../engine/catalog/metric';
import { findingsOf } from './run';
import { latency, rangeQuery, ready, requests, requestsByRoute, tinyAlert, tinyDashboard, tinyPanel, tinyProject, tinyRules, withAlerts, withExpression } from '../fixtures/tiny-project';

const gcPauses = metric({ name: 'app_gc_duration_seconds', type: 'summary', help: 'GC pauses.', unit: 'seconds', labels: [], exposedBy: ['app'] });
const buildInfo = metric({ name: 'app_build_info', type: 'info', help: 'Build.', unit: 'info', labels: ['version'], exposedBy: ['app'] });
const catalog = defineCatalog([requests, ready, latency, gcPauses, buildInfo]);

const { inPanel, inRule, inAlert } = withExpression({ catalog });

describe('promql/rate-non-counter', () => {
  it('Having rate() over a gauge should fail and name the metric type.', () => {
    expect(findingsOf(promqlRateNonCounter, inPanel('rate(app_ready[$__rate_interval])')).map((f) => f.message)).toEqual([
      'rate() over app_ready, which is a gauge, not a counter: rate(app_ready[$__rate_interval])',
    ]);
  });

  it.each([
    ['Having irate() over an info metric in a panel should fail.', inPanel('irate(app_build_info[$__rate_interval])')],
    ['Having increase() over a gauge in a recording rule should fail.', inRule('sum(increase(app_ready[1h]))')],
    ['Having rate() over a gauge in an alert should fail.', inAlert('rate(app_ready[5m]) > 0')],
    ['Having rate() over the quantile series of a summary should fail.', inPanel('rate(app_gc_duration_seconds[$__rate_interval])')],
  ])('%s', (_name, project) => {
    expect(findingsOf(promqlRateNonCounter, project)).toHaveLength(1);
  });

  it.each([
    ['Having rate() over a counter should pass.', inPanel('sum by (route) (rate(app_requests_total[$__rate_interval]))')],
    ['Having rate() over histogram buckets should pass.', inRule('sum by (le) (rate(app_request_duration_seconds_bucket[5m]))')],
    ['Having increase() over a histogram count and sum should pass.', inAlert('increase(app_request_duration_seconds_sum[1h]) / increase(app_request_duration_seconds_count[1h]) > 1')],
    ['Having rate() over a summary count should pass.', inPanel('rate(app_gc_duration_seconds_count[$__rate_interval])')],
    ['Having deriv() and avg_over_time() over a gauge should pass.', inPanel('deriv(app_ready[1h]) + avg_over_time(app_ready[1h])')],
    ['Having rate() over a recorded series should pass, as only catalog series are judged.', inRule('rate(route:app_requests:rate5m[5m])')],
  ])('%s', (_name, project) => {
    expect(findingsOf(promqlRateNonCounter, project)).toEqual([]);
  });
});
