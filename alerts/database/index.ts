/** Layer 6 alerts: Database & Reporting. */
import { layerAlertGroup } from '../common';
import { cdbDbWriteErrors } from './write-errors';
import { cdbDbWriterBacklogGrowing } from './writer-backlog-growing';
import { cdbDbNoSuccessfulWrite } from './no-successful-write';
import { cdbDbSlowQueries } from './slow-queries';

export const databaseAlerts = layerAlertGroup(
  'database',
  [cdbDbWriteErrors, cdbDbWriterBacklogGrowing, cdbDbNoSuccessfulWrite, cdbDbSlowQueries],
  import.meta.url,
);
