/** Layer 1 alerts: System & Connectivity. */
import { layerAlertGroup } from '../common';

export const systemAlerts = layerAlertGroup('system', [], import.meta.url);
