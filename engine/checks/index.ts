/** Every check the build runs, in report order. */
import type { Check } from './check';
import { promqlSyntax } from './promql/syntax';
import { promqlUnknownMetric } from './promql/unknown-metric';
import { promqlUnknownLabel } from './promql/unknown-label';
import { promqlRateNonCounter } from './promql/rate-non-counter';
import { promqlCounterWithoutRate } from './promql/counter-without-rate';
import { promqlHistogramQuantileLe } from './promql/histogram-quantile-le';
import { promqlRuleRateWindow } from './promql/rule-rate-window';
import { promqlImpossibleMatcher } from './promql/impossible-matcher';
import { promqlPrometheusThree } from './promql/prometheus-three';
import { dashboardRateInterval } from './dashboards/rate-interval';
import { dashboardUid } from './dashboards/uid';
import { dashboardTitle } from './dashboards/title';
import { dashboardGrid } from './dashboards/grid';
import { dashboardPanelMetadata } from './dashboards/panel-metadata';
import { dashboardPanelIds } from './dashboards/panel-ids';
import { dashboardLinks } from './dashboards/links';
import { dashboardDatasource } from './dashboards/datasource';
import { dashboardVariables } from './dashboards/variables';
import { dashboardThresholds } from './dashboards/thresholds';
import { dashboardSchemaKeys } from './dashboards/schema-keys';
import { dashboardGrafanaIds } from './dashboards/grafana-ids';
import { rulesUnused } from './rules/unused';
import { secretsLiteral } from './secrets/literal';
import { rulesNaming } from './rules/naming';
import { rulesDuplicates } from './rules/duplicates';
import { alertsNaming } from './alerts/naming';
import { alertsLabels } from './alerts/labels';
import { alertsAnnotations } from './alerts/annotations';
import { alertsScenarios } from './alerts/scenarios';
import { alertsDashboardLink } from './alerts/dashboard-link';
import { alertsComparison } from './alerts/comparison';
import { alertsDurations } from './alerts/durations';
import { alertsDuplicates } from './alerts/duplicates';
import { alertsReachableThreshold } from './alerts/reachable-threshold';
import { alertsEvidenceLoss } from './alerts/evidence-loss';
import { alertsScenarioClasses } from './alerts/scenario-classes';
import { alertmanagerAlertNames } from './alertmanager/alert-names';
import { catalogScrapeJobs } from './catalog/scrape-jobs';
import { sloObjective } from './slo/objective';

export const ALL_CHECKS: readonly Check[] = [
  promqlSyntax,
  promqlUnknownMetric,
  promqlUnknownLabel,
  promqlRateNonCounter,
  promqlCounterWithoutRate,
  promqlHistogramQuantileLe,
  promqlRuleRateWindow,
  promqlImpossibleMatcher,
  promqlPrometheusThree,
  dashboardRateInterval,
  dashboardUid,
  dashboardTitle,
  dashboardGrid,
  dashboardPanelMetadata,
  dashboardPanelIds,
  dashboardLinks,
  dashboardDatasource,
  dashboardVariables,
  dashboardThresholds,
  dashboardSchemaKeys,
  dashboardGrafanaIds,
  rulesNaming,
  rulesDuplicates,
  rulesUnused,
  alertsNaming,
  alertsLabels,
  alertsAnnotations,
  alertsScenarios,
  alertsDashboardLink,
  alertsComparison,
  alertsDurations,
  alertsDuplicates,
  alertsReachableThreshold,
  alertsEvidenceLoss,
  alertsScenarioClasses,
  alertmanagerAlertNames,
  catalogScrapeJobs,
  sloObjective,
  secretsLiteral,
];
