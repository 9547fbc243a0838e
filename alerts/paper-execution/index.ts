/** Layer 5 alerts: Paper Execution. */
import { layerAlertGroup } from '../common';

export const paperExecutionAlerts = layerAlertGroup('paper-execution', [], import.meta.url);
