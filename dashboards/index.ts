/** Every CdB dashboard: the cockpit, the block review, one per layer and the SLO dashboard. */
import type { Settings } from '../config/settings';
import { cockpitDashboard } from './cockpit';
import { blockReviewDashboard } from './block-review';
import { systemDashboard } from './system';
import { marketDataDashboard } from './market-data';
import { signalEngineDashboard } from './signal-engine';
import { riskDashboard } from './risk';
import { paperExecutionDashboard } from './paper-execution';
import { databaseDashboard } from './database';
import { sloOverviewDashboard } from './slo';

export function dashboards(settings: Settings) {
  return [
    cockpitDashboard,
    blockReviewDashboard,
    systemDashboard,
    marketDataDashboard,
    signalEngineDashboard,
    riskDashboard,
    paperExecutionDashboard,
    databaseDashboard,
  ]
    .map((dashboard) => dashboard(settings))
    .concat(sloOverviewDashboard);
}
