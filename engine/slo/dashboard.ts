/** One generic SLO dashboard driven by the `slo:*` series, with an `slo_id` variable. */
import { dashboard, labelValuesVariable, row } from '../dashboards/dashboard';
import { barGauge, NEUTRAL, query, stat, thresholds, timeseries } from '../dashboards/panels';
import type { DashboardModel } from '../model/dashboard';
import { div, mul, select, sub, num } from '../promql';
import type { Duration } from '../promql/duration';
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
} from './conventions';
import { BURN_RATE_TIERS } from './burn-rate';

/** Title of the panel that SLO alerts link to. */
export const BURN_RATE_PANEL = 'Burn rate by window';

export function sloDashboard(options: { readonly id: string; readonly title: string; readonly folder: string; readonly tags?: readonly string[]; readonly source: string }): DashboardModel {
  const chosen = { slo_id: '$slo_id' };
  const ignoringWindow = { ignoring: ['slo_window'] };
  return dashboard({
    id: options.id,
    title: options.title,
    description: 'Service level objectives: objective, SLI over the period, error budget left and when it runs out, burn rate per alert window against its threshold, and every SLO at a glance.',
    folder: options.folder,
    tags: [...(options.tags ?? []), 'slo'],
    timeFrom: 'now-7d',
    refresh: '1m',
    variables: [labelValuesVariable({ name: 'slo_id', label: 'SLO', series: select(sloInfo), labelName: 'slo_id', includeAll: false, multi: false })],
    rows: [
      row('Objective and budget', [
        stat({
          title: 'Objective',
          description: 'The share of good events (or good time) the SLO promises over its period.',
          unit: 'percentunit',
          decimals: 3,
          queries: [select(sloObjective, chosen)],
          fixedColor: NEUTRAL,
        }),
        stat({
          title: 'SLI over the period',
          description:
            'The share of good events (or time) over the whole period so far. Red below the objective (the SLO is missed for the period), orange while less than a quarter of the error budget is left.',
          unit: 'percentunit',
          decimals: 3,
          max: 1,
          // The scale runs from the SLO's own objective to 1, so the percentage thresholds are the share of the
          // error budget left: below 0 % the SLI is under the objective.
          queries: [
            sub(num(1), mul(select(sloPeriodBurnRate, chosen), select(sloErrorBudget, chosen))),
            query(select(sloObjective, chosen), 'objective', { sets: 'min' }),
          ],
          thresholds: thresholds('red', [0, 'orange'], [25, 'green']),
          thresholdsMode: 'percentage',
        }),
        stat({
          title: 'Error budget remaining',
          description: 'Share of the period error budget not yet spent. Negative: the budget is overspent and the SLO missed.',
          unit: 'percentunit',
          queries: [select(sloPeriodErrorBudgetRemaining, chosen)],
          thresholds: thresholds('red', [0, 'orange'], [0.25, 'green']),
        }),
        stat({
          title: 'Budget exhausted in',
          description: 'Time until the remaining error budget is spent at the current (5-minute) burn rate. Infinite when nothing burns.',
          unit: 's',
          queries: [div(mul(mul(select(sloPeriodErrorBudgetRemaining, chosen), select(sloTimePeriodDays, chosen)), 86400), select(sloCurrentBurnRate, chosen))],
          thresholds: thresholds('red', [86400, 'orange'], [7 * 86400, 'green']),
        }),
      ]),
      row('Burn rate', [
        timeseries({
          title: BURN_RATE_PANEL,
          description: 'Error ratio over each alert window divided by the error budget, with the tier thresholds. A window above its threshold, together with its short window, fires that tier.',
          unit: 'short',
          width: 24,
          queries: [
            ...BURN_RATE_TIERS.map((t) => query(div(select(sliErrorRatio(t.longWindow as Duration), chosen), select(sloErrorBudget, chosen), ignoringWindow), `burn rate ${t.longWindow}`)),
            query(select(sloBurnRateThreshold, chosen), '{{slo_tier}} threshold'),
          ],
        }),
        timeseries({
          title: 'SLI error ratio',
          description: 'Share of bad events (or bad time) over 5 minutes and 1 hour. Spikes here are what burns the budget.',
          unit: 'percentunit',
          queries: [query(select(sliErrorRatio('5m'), chosen), '5m'), query(select(sliErrorRatio('1h'), chosen), '1h')],
        }),
        timeseries({
          title: 'Current burn rate',
          description: 'The 5-minute error ratio divided by the error budget: 1 spends the budget exactly over the period.',
          unit: 'short',
          queries: [query(select(sloCurrentBurnRate, chosen), 'burn rate')],
          thresholds: thresholds('green', [1, 'orange']),
          thresholdsStyle: 'dashed',
        }),
      ]),
      row('All SLOs', [
        barGauge({
          title: 'Error budget remaining by SLO',
          description: 'Every SLO with the share of its period error budget left. Red bars are SLOs missed or about to be.',
          unit: 'percentunit',
          width: 24,
          min: 0,
          max: 1,
          queries: [query(select(sloPeriodErrorBudgetRemaining), '{{slo_name}}')],
          thresholds: thresholds('red', [0, 'orange'], [0.25, 'green']),
        }),
      ]),
    ],
    source: options.source,
  });
}
