/** Every CdB SLO. */
import type { Settings } from '../config/settings';
import { marketDataFreshness } from './market-data-freshness';
import { signalLatency } from './signal-latency';
import { paperOrderExecution } from './paper-order-execution';
import { databaseWriteSuccess } from './database-write-success';
import { coreAvailability } from './core-availability';

export function slos(settings: Settings) {
  return [marketDataFreshness, signalLatency, paperOrderExecution, databaseWriteSuccess, coreAvailability].map((slo) => slo(settings));
}
