/**
 * Expands one validated SLO into Prometheus rules: SLI error ratios per window, metadata, and one burn-rate alert
 * per tier plus the alerts that speak for the tiers when they are blind (engine/slo/evidence-alerts.ts). Rule names and labels follow the contract in `conventions.ts`.
 */
import type { AlertGroupModel, AlertModel } from '../model/alerts';
import type { RecordingRuleModel, RuleGroupModel } from '../model/rules';
import type { Duration } from '../promql/duration';
import { and, avgOverTime, countOverTime, div, ge, gt, max, num, select, sub, sumOverTime, vector } from '../promql';
import type { InstantVector } from '../promql/expr';
import { ALERT_WINDOWS, BURN_RATE_TIERS, burnRateFactor, errorBudget, type BurnRateTier } from './burn-rate';
import { periodDays, type SloModel } from './model';
import { rawErrorRatio, totalRate } from './sli';
import { sliMissingAlert, trafficStoppedAlert } from './evidence-alerts';
import {
  sliErrorRatio,
  sloBurnRateThreshold,
  sloCurrentBurnRate,
  sloErrorBudget,
  sloInfo,
  sloObjective,
  sloPeriodBurnRate,
  sloPeriodErrorBudgetRemaining,
  sloTimePeriodDays,
  burnRateAlertName,
  sloRuleFile,
} from './conventions';
import type { SloAlertConventions } from '../model/slo';
import { Exact } from './decimal';
import { sloScenarios } from './scenarios';

/** Everything one SLO expands into. */
export interface ExpandedSlo {
  readonly recordingGroups: readonly RuleGroupModel[];
  readonly alertGroup: AlertGroupModel;
}

export function expandSlo(slo: SloModel, conventions: SloAlertConventions): ExpandedSlo {
  const days = periodDays(slo.period);
  const budget = errorBudget(slo.objective);
  const sloLabels = { slo_id: slo.id, slo_service: slo.service, slo_name: slo.name, ...(slo.labels ?? {}) };
  const file = sloRuleFile(slo);
  const own = { slo_id: slo.id };
  const record = (name: string, expr: InstantVector<string>, labels: Record<string, string> = {}): RecordingRuleModel => ({
    kind: 'recording',
    record: name,
    expr: String(expr),
    labels: { ...sloLabels, ...labels },
  });
  const ratio5m = select(sliErrorRatio('5m'), own);

  const windowRule = (window: Duration) => {
    const derived = slo.sli.kind === 'availability' && window !== '5m';
    const expr = derived ? avgOverTime(ratio5m.over(window)) : rawErrorRatio(slo.sli, window);
    return record(sliErrorRatio(window).name, expr, { slo_window: window });
  };
  const periodExpr =
    slo.periodWindow === 'raw'
      ? rawErrorRatio(slo.sli, slo.period as Duration)
      : div(sumOverTime(ratio5m.over(slo.period as Duration)), countOverTime(ratio5m.over(slo.period as Duration)));

  const sliGroup: RuleGroupModel = {
    name: `slo-${slo.id}-sli`,
    file,
    source: slo.source,
    // Metadata and the current burn rate sit here, at the default interval: dashboards read them as current.
    rules: [
      ...ALERT_WINDOWS.map(windowRule),
      record(sloObjective.name, vector(Exact.of(slo.objective).dividedBy(Exact.of(100)).toNumber())),
      record(sloErrorBudget.name, vector(budget.toNumber())),
      record(sloTimePeriodDays.name, vector(days)),
      record(sloCurrentBurnRate.name, div(max.without(['slo_window'], ratio5m), num(budget.toNumber()))),
      record(sloInfo.name, vector(1), { slo_objective: Exact.of(slo.objective).toString(), slo_period: slo.period, slo_sli_kind: slo.sli.kind, slo_layer: slo.layer }),
      ...BURN_RATE_TIERS.map((t) => record(sloBurnRateThreshold.name, vector(burnRateFactor(t, days).toNumber()), { slo_tier: t.name, slo_window: t.longWindow })),
    ],
  };
  const periodGroup: RuleGroupModel = {
    name: `slo-${slo.id}-period`,
    file,
    // Period windows change slowly and scan the whole period: every 2 minutes is enough and stays well inside
    // Prometheus' 5-minute look-back, so instant queries never find them stale.
    interval: '2m',
    source: slo.source,
    rules: [
      record(sliErrorRatio(slo.period as Duration).name, periodExpr, { slo_window: slo.period }),
      record(sloPeriodBurnRate.name, div(max.without(['slo_window'], select(sliErrorRatio(slo.period as Duration), own)), num(budget.toNumber()))),
      record(sloPeriodErrorBudgetRemaining.name, sub(num(1), select(sloPeriodBurnRate, own))),
    ],
  };

  const alerts: AlertModel[] = [
    ...BURN_RATE_TIERS.map((tier) => burnRateAlert(slo, tier, conventions, days, budget)),
    sliMissingAlert(slo, conventions),
    ...[trafficStoppedAlert(slo, conventions)].filter((a): a is AlertModel => a !== undefined),
  ];
  const scenarios = sloScenarios(slo, conventions, days, budget);
  return {
    recordingGroups: [sliGroup, periodGroup],
    alertGroup: {
      name: `slo-${slo.id}-alerts`,
      title: `SLO ${slo.name}`,
      file,
      source: slo.source,
      alerts: alerts.map((a) => ({ ...a, scenarios: scenarios.get(a.name) ?? [] })),
    },
  };
}

function dashboardRef(slo: SloModel, conventions: SloAlertConventions) {
  return conventions.dashboard
    ? { dashboard: conventions.dashboard.id, panel: conventions.dashboard.panel, variables: { slo_id: slo.id } }
    : undefined;
}

function burnRateAlert(slo: SloModel, tier: BurnRateTier, conventions: SloAlertConventions, days: number, budget: Exact): AlertModel {
  const exactFactor = burnRateFactor(tier, days);
  const factor = exactFactor.toExactText();
  const threshold = exactFactor.times(budget).toNumber();
  const own = { slo_id: slo.id };
  // The error ratio is compared with the threshold (factor × budget) itself: `ratio / budget > factor` divides in
  // float64 first, which can put a ratio equal to the threshold above the factor (95 % over 28 days: 0.28 / 0.05
  // is 5.6000000000000005, above page-slow's 5.6) or a ratio a hair above it back on the factor. The long window's
  // ratio divided by the budget stays the alert's value: the burn rate the description shows.
  const above = (window: Duration) => gt(select(sliErrorRatio(window), own), num(threshold));
  let expr: InstantVector<string> = and(div(above(tier.longWindow), num(budget.toNumber())), above(tier.shortWindow), { ignoring: ['slo_window'] });
  const traffic = totalRate(slo.sli, tier.longWindow);
  if (slo.minTrafficRate !== undefined && traffic) expr = and(expr, ge(traffic, slo.minTrafficRate), { on: [] });
  const share = `${Exact.of(tier.budgetShare).times(Exact.of(100)).toString()} %`;
  const page = tier.severity === 'critical';
  const dashboard = dashboardRef(slo, conventions);
  return {
    name: burnRateAlertName(conventions.alertPrefix, tier),
    expr: String(expr),
    severity: tier.severity,
    labels: { layer: slo.layer, service: slo.service, slo_tier: tier.name, slo_long_window: tier.longWindow, slo_short_window: tier.shortWindow },
    ...(slo.annotations ? { annotations: slo.annotations } : {}),
    summary: `The ${slo.name} SLO burns its error budget ${page ? 'fast' : 'steadily'} (${tier.name}).`,
    description:
      `{{ $labels.slo_name }}: the error budget (${budget.times(Exact.of(100)).toString()} % of ${slo.period}) burns {{ $value | humanize }} times ` +
      `faster than sustainable over ${tier.longWindow}, and above ${factor} times over ${tier.shortWindow} too: ${share} of it goes every ${tier.longWindow} at this rate.`,
    ...(dashboard ? { dashboard } : {}),
    runbook: {
      meaning: `The ${slo.name} SLO (${slo.objective} % over ${slo.period}) has burnt its error budget more than ${factor} times faster than sustainable over both the last ${tier.longWindow} and the last ${tier.shortWindow}: ${share} of the ${slo.period} budget is gone within ${tier.longWindow} if this goes on. ${slo.description}`,
      impact: page
        ? `At this rate the whole ${slo.period} budget is gone in ${Exact.of(days * 24).dividedBy(exactFactor).toString(3)} hours: the SLO will be missed for the period unless the cause is fixed now.`
        : `A slow, sustained burn: left alone it spends the ${slo.period} budget before the period ends. Fix it within working hours.`,
      diagnose: [
        `Open the SLO dashboard for \`${slo.id}\` and compare the burn rate per window: the shortest window above its threshold shows how recent the problem is.`,
        `Read the SLI's error ratio over the last hour: \`slo:sli_error:ratio_rate1h{slo_id="${slo.id}"}\`, and break the raw errors down by label on the ${slo.layer} layer dashboard.`,
        'Check the service the SLO is about for restarts, deploys and dependency alerts at the time the burn started.',
      ],
      mitigate: [
        'Fix or roll back the cause found above; the alert resolves once the short window is back under its threshold.',
        'Record the budget spent in the block log; an exhausted budget freezes risky changes until the period recovers.',
      ],
    },
    source: slo.source,
    runbookAnchor: `${burnRateAlertName(conventions.alertPrefix, tier).toLowerCase()}-${slo.id}`,
    scenarios: [],
  };
}
