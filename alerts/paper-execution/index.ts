/** Layer 5 alerts: Paper Execution. */
import { layerAlertGroup } from '../common';
import type { Settings } from '../../config/settings';
import { cdbZeroActivityPaperTrades } from './zero-activity-paper-trades';
import { cdbLastPaperTradeTimestampInFuture } from './last-paper-trade-timestamp-in-future';
import { cdbLiveTradingDetected } from './live-trading-detected';
import { cdbPaperModeUnconfirmed } from './paper-mode-unconfirmed';
import { cdbOrderFailureRatioHigh } from './order-failure-ratio-high';
import { cdbExecutionLatencyHigh } from './execution-latency-high';

export function paperExecutionAlerts(settings: Settings) {
  return layerAlertGroup(
    'paper-execution',
    [cdbLiveTradingDetected(settings), cdbPaperModeUnconfirmed(settings), cdbZeroActivityPaperTrades(settings), cdbLastPaperTradeTimestampInFuture(settings), cdbOrderFailureRatioHigh(settings), cdbExecutionLatencyHigh(settings)],
    import.meta.url,
  );
}
