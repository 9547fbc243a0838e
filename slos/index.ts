/** Every CdB SLO. */
import { marketDataFreshness } from './market-data-freshness';
import { signalLatency } from './signal-latency';
import { paperOrderExecution } from './paper-order-execution';
import { databaseWriteSuccess } from './database-write-success';
import { coreAvailability } from './core-availability';

export const slos = [marketDataFreshness, signalLatency, paperOrderExecution, databaseWriteSuccess, coreAvailability];
