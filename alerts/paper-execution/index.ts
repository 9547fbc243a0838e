/** Layer 5 alerts: Paper Execution. */
import { layerAlertGroup } from '../common';
import { cdbZeroActivityPaperTrades } from './zero-activity-paper-trades';
import { cdbLiveTradingDetected } from './live-trading-detected';
import { cdbOrderFailureRatioHigh } from './order-failure-ratio-high';
import { cdbExecutionLatencyHigh } from './execution-latency-high';

export const paperExecutionAlerts = layerAlertGroup(
  'paper-execution',
  [cdbLiveTradingDetected, cdbZeroActivityPaperTrades, cdbOrderFailureRatioHigh, cdbExecutionLatencyHigh],
  import.meta.url,
);
