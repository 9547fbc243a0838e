/** The metrics CdB's own services expose, layer by layer. */
export * from './service-health';
export * from './market-data';
export * from './signal-engine';
export * from './risk';
export * from './paper-execution';
export * from './database';

import { serviceHealthMetrics } from './service-health';
import { marketDataMetrics } from './market-data';
import { signalEngineMetrics } from './signal-engine';
import { riskMetrics } from './risk';
import { paperExecutionMetrics } from './paper-execution';
import { databaseMetrics } from './database';

export const cdbMetrics = [
  ...serviceHealthMetrics,
  ...marketDataMetrics,
  ...signalEngineMetrics,
  ...riskMetrics,
  ...paperExecutionMetrics,
  ...databaseMetrics,
];
