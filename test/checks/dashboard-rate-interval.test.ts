import { describe, expect, it } from 'vitest';
import { dashboardRateInterval } from '../../engine/checks/dashboards/rate-interval';
import { findingsOf } from './run';
import { tinyDashboard, tinyPanel, tinyProject , rangeQuery } from '../fixtures/tiny-project';

const withQuery = (expr: string) => tinyProject({ dashboards: [tinyDashboard([tinyPanel({ queries: [rangeQuery(expr)] })])] });

describe('dashboard/rate-interval', () => {
  it.each(['rate(app_requests_total[5m])', 'irate(app_requests_total[$__interval])', 'sum(rate(app_requests_total[$__range]))'])(
    'Having %s in a panel should fail.',
    (expr) => {
      expect(findingsOf(dashboardRateInterval, withQuery(expr))).toHaveLength(1);
    },
  );

  it.each(['rate(app_requests_total[$__rate_interval])', 'increase(app_requests_total[$__range])', 'route:app_requests:rate5m'])(
    'Having %s in a panel should pass.',
    (expr) => {
      expect(findingsOf(dashboardRateInterval, withQuery(expr))).toEqual([]);
    },
  );
});
