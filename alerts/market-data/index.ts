/** Layer 2 alerts: Market Data / Screener. */
import { layerAlertGroup } from '../common';

export const marketDataAlerts = layerAlertGroup('market-data', [], import.meta.url);
