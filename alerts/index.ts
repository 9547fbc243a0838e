/** Every CdB alert group, one per layer, in layer order. */
import type { Settings } from '../config/settings';
import { systemAlerts } from './system';
import { marketDataAlerts } from './market-data';
import { signalEngineAlerts } from './signal-engine';
import { riskAlerts } from './risk';
import { paperExecutionAlerts } from './paper-execution';
import { databaseAlerts } from './database';

export function alertGroups(settings: Settings) {
  return [systemAlerts, marketDataAlerts, signalEngineAlerts, riskAlerts, paperExecutionAlerts, databaseAlerts].map((group) => group(settings));
}
