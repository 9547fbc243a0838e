/** Layer 4 alerts: Risk Layer. */
import { layerAlertGroup } from '../common';

export const riskAlerts = layerAlertGroup('risk', [], import.meta.url);
