/** Layer 6 alerts: Database & Reporting. */
import { layerAlertGroup } from '../common';
import type { Settings } from '../../config/settings';
import { cdbDbWriteErrors } from './write-errors';
import { cdbDbWriterBacklogGrowing } from './writer-backlog-growing';
import { cdbDbNoSuccessfulWrite } from './no-successful-write';
import { cdbDbWriteTimestampInFuture } from './write-timestamp-in-future';
import { cdbTradeRowsLost } from './trade-rows-lost';
import { cdbTradeWriteCountersMissing } from './trade-write-counters-missing';
import { cdbDbSlowQueries } from './slow-queries';

export function databaseAlerts(settings: Settings) {
  return layerAlertGroup(
    'database',
    [
      cdbDbWriteErrors(settings),
      cdbDbWriterBacklogGrowing(settings),
      cdbDbNoSuccessfulWrite(settings),
      cdbDbWriteTimestampInFuture(settings),
      cdbTradeRowsLost(settings),
      cdbTradeWriteCountersMissing(settings),
      cdbDbSlowQueries(settings),
    ],
    import.meta.url,
  );
}
