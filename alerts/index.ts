/** Every CdB alert group, one per layer, in layer order. */
import { systemAlerts } from './system';
import { marketDataAlerts } from './market-data';
import { signalEngineAlerts } from './signal-engine';
import { riskAlerts } from './risk';
import { paperExecutionAlerts } from './paper-execution';
import { databaseAlerts } from './database';

export const alertGroups = [systemAlerts, marketDataAlerts, signalEngineAlerts, riskAlerts, paperExecutionAlerts, databaseAlerts];
