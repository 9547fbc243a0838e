import { describe, expect, it } from 'vitest';
import { alertsReachableThreshold } from '../../engine/checks/alerts/reachable-threshold';
import { settingsSchema } from '../../config/settings';
import { cdbProject } from '../../project';
import { findingsOf } from './run';

const withExecutionP99 = (p99Seconds: number) => cdbProject(settingsSchema.parse({ thresholds: { CdbExecutionLatencyHigh: { p99Seconds } } }));

describe('alerts/reachable-threshold', () => {
  it('Having the CdB latency thresholds below their largest buckets should pass.', () => {
    expect(findingsOf(alertsReachableThreshold, cdbProject())).toEqual([]);
  });

  it.each([10, 12])('Having a p99 threshold of %i s on a histogram whose largest bucket is 10 s should fail: it can never fire.', (p99) => {
    expect(findingsOf(alertsReachableThreshold, withExecutionP99(p99)).map((f) => f.message)).toEqual([
      `compares a quantile of cdb_order_execution_duration_seconds with ${p99}, but its largest finite bucket is 10: histogram_quantile() never returns more, so the alert can never fire`,
    ]);
  });

  it('Having a p99 threshold just under the largest bucket should pass.', () => {
    expect(findingsOf(alertsReachableThreshold, withExecutionP99(9.99))).toEqual([]);
  });
});
