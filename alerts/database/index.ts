/** Layer 6 alerts: Database & Reporting. */
import { layerAlertGroup } from '../common';

export const databaseAlerts = layerAlertGroup('database', [], import.meta.url);
