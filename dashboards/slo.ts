/** The SLO dashboard of CdB: the generic SLO dashboard in the overview folder. */
import { sloDashboard } from '../engine/slo/dashboard';
import { DASHBOARD_IDS, FOLDERS } from './common';

export const sloOverviewDashboard = sloDashboard({
  id: DASHBOARD_IDS.slo,
  title: 'CdB · Service Level Objectives',
  folder: FOLDERS.overview,
  tags: ['overview'],
  source: import.meta.url,
});
