/** Layer 3 alerts: the signal engine. */
import { layerAlertGroup } from '../common';
import { cdbZeroActivitySignals } from './zero-activity-signals';
import { cdbSignalErrorRatioHigh } from './signal-error-ratio-high';
import { cdbSignalLatencyHigh } from './signal-latency-high';

export const signalEngineAlerts = layerAlertGroup(
  'signal-engine',
  [cdbZeroActivitySignals, cdbSignalErrorRatioHigh, cdbSignalLatencyHigh],
  import.meta.url,
);
