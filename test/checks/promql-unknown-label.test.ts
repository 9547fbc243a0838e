import { describe, expect, it } from 'vitest';
import { promqlUnknownLabel } from '../../engine/checks/promql/unknown-label';
import { findingsOf } from './run';
import { tinyDashboard, tinyPanel, tinyProject , rangeQuery } from '../fixtures/tiny-project';

const withQuery = (expr: string) => tinyProject({ dashboards: [tinyDashboard([tinyPanel({ queries: [rangeQuery(expr)] })])] });

describe('promql/unknown-label', () => {
  it('Having a matcher on a label the metric lacks should fail.', () => {
    expect(findingsOf(promqlUnknownLabel, withQuery('app_requests_total{method="GET"}')).map((f) => f.message)).toEqual([
      'matches on label "method", which app_requests_total does not have (it has: code, instance, job, route, service)',
    ]);
  });

  it('Having a grouping label the input has lost should fail.', () => {
    const findings = findingsOf(promqlUnknownLabel, withQuery('sum by (code) (route:app_requests:rate5m)'));
    expect(findings.map((f) => f.message)).toEqual(['groups by label "code", which its input cannot carry (available: route)']);
  });

  it('Having matchers on target labels and grouping by kept labels should pass.', () => {
    expect(findingsOf(promqlUnknownLabel, withQuery('sum by (route) (rate(app_requests_total{job="app", code="ok"}[$__rate_interval]))'))).toEqual([]);
  });
});
