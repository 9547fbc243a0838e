import { describe, expect, it } from 'vitest';
import { describePath } from '../../engine/model/location';
import { promqlUnknownMetric } from '../../engine/checks/promql/unknown-metric';
import { findingsOf } from './run';
import { tinyDashboard, tinyPanel, tinyProject, tinyRules , rangeQuery } from '../fixtures/tiny-project';

describe('promql/unknown-metric', () => {
  it('Having a misspelt metric in a panel should fail.', () => {
    const project = tinyProject({ dashboards: [tinyDashboard([tinyPanel({ queries: [rangeQuery('sum(rate(app_request_total[$__rate_interval]))')] })])] });
    expect(findingsOf(promqlUnknownMetric, project).map((f) => f.message)).toEqual(['selects unknown metric "app_request_total"']);
  });

  it('Having a panel read a recording rule that is not defined should fail.', () => {
    const project = tinyProject({ ruleGroups: [tinyRules([])], dashboards: [tinyDashboard([tinyPanel({ queries: [rangeQuery('route:app_requests:rate5m')] })])] });
    // The fixture's "Recorded requests" panel reads the rule too.
    expect(findingsOf(promqlUnknownMetric, project).map((f) => `${describePath(f.location)}: ${f.message}`)).toEqual([
      'dashboard "tiny" › panel "Recorded requests" › query 1: selects unknown metric "route:app_requests:rate5m"',
      'dashboard "tiny" › panel "Requests by route" › query 1: selects unknown metric "route:app_requests:rate5m"',
    ]);
  });

  it('Having a panel read a defined recording rule should pass.', () => {
    const project = tinyProject({ dashboards: [tinyDashboard([tinyPanel({ queries: [rangeQuery('route:app_requests:rate5m')] })])] });
    expect(findingsOf(promqlUnknownMetric, project)).toEqual([]);
  });
});
