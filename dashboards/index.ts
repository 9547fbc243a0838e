/** Every CdB dashboard: the cockpit, the block review and one per layer. */
import { systemDashboard } from './system';

export const dashboards = [systemDashboard];
