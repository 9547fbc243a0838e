/** Layer 6 alerts: Database & Reporting. */
import { layerAlertGroup } from '../common';
import type { Settings } from '../../config/settings';
import { cdbDbWriteErrors } from './write-errors';
import { cdbDbWriterBacklogGrowing } from './writer-backlog-growing';
import { cdbDbNoSuccessfulWrite } from './no-successful-write';
import { cdbDbSlowQueries } from './slow-queries';

export function databaseAlerts(settings: Settings) {
  return layerAlertGroup(
    'database',
    [cdbDbWriteErrors(settings), cdbDbWriterBacklogGrowing(settings), cdbDbNoSuccessfulWrite(settings), cdbDbSlowQueries(settings)],
    import.meta.url,
  );
}
