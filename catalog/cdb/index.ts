/** The metrics CdB's own services expose, layer by layer. */
export * from './service-health';
export * from './market-data';
export * from './signal-engine';
export * from './risk';
export * from './paper-execution';
export * from './database';

import { listedMetrics } from '../../engine/catalog/catalog';
import * as serviceHealth from './service-health';
import * as marketData from './market-data';
import * as signalEngine from './signal-engine';
import * as risk from './risk';
import * as paperExecution from './paper-execution';
import * as database from './database';

/** Every CdB service metric, in each file's list order; a metric a file exports but does not list is an error. */
export const cdbMetrics = [
  ...listedMetrics(serviceHealth, serviceHealth.serviceHealthMetrics, 'serviceHealthMetrics in catalog/cdb/service-health.ts'),
  ...listedMetrics(marketData, marketData.marketDataMetrics, 'marketDataMetrics in catalog/cdb/market-data.ts'),
  ...listedMetrics(signalEngine, signalEngine.signalEngineMetrics, 'signalEngineMetrics in catalog/cdb/signal-engine.ts'),
  ...listedMetrics(risk, risk.riskMetrics, 'riskMetrics in catalog/cdb/risk.ts'),
  ...listedMetrics(paperExecution, paperExecution.paperExecutionMetrics, 'paperExecutionMetrics in catalog/cdb/paper-execution.ts'),
  ...listedMetrics(database, database.databaseMetrics, 'databaseMetrics in catalog/cdb/database.ts'),
];
