/** Layer 3 alerts: the signal engine. */
import { layerAlertGroup } from '../common';
import { cdbZeroActivitySignals } from './zero-activity-signals';

export const signalEngineAlerts = layerAlertGroup('signal-engine', [cdbZeroActivitySignals], import.meta.url);
