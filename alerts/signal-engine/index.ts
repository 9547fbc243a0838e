/** Layer 3 alerts: the signal engine. */
import { layerAlertGroup } from '../common';
import type { Settings } from '../../config/settings';
import { cdbZeroActivitySignals } from './zero-activity-signals';
import { cdbLastSignalTimestampInFuture } from './last-signal-timestamp-in-future';
import { cdbSignalErrorRatioHigh } from './signal-error-ratio-high';
import { cdbSignalLatencyHigh } from './signal-latency-high';

export function signalEngineAlerts(settings: Settings) {
  return layerAlertGroup(
    'signal-engine',
    [cdbZeroActivitySignals(settings), cdbLastSignalTimestampInFuture(settings), cdbSignalErrorRatioHigh(settings), cdbSignalLatencyHigh(settings)],
    import.meta.url,
  );
}
