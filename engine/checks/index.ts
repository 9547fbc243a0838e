/** Every check the build runs, in report order. */
import type { Check } from './check';
import { promqlSyntax } from './promql/syntax';
import { promqlUnknownMetric } from './promql/unknown-metric';
import { promqlUnknownLabel } from './promql/unknown-label';
import { dashboardRateInterval } from './dashboards/rate-interval';
import { dashboardUid } from './dashboards/uid';
import { dashboardTitle } from './dashboards/title';
import { dashboardGrid } from './dashboards/grid';
import { dashboardPanelMetadata } from './dashboards/panel-metadata';
import { dashboardPanelIds } from './dashboards/panel-ids';
import { dashboardLinks } from './dashboards/links';
import { rulesNaming } from './rules/naming';
import { rulesDuplicates } from './rules/duplicates';

export const ALL_CHECKS: readonly Check[] = [
  promqlSyntax,
  promqlUnknownMetric,
  promqlUnknownLabel,
  dashboardRateInterval,
  dashboardUid,
  dashboardTitle,
  dashboardGrid,
  dashboardPanelMetadata,
  dashboardPanelIds,
  dashboardLinks,
  rulesNaming,
  rulesDuplicates,
];
