/**
 * The 72-hour block review: what happened over a paper-trading block, for the review that ends it. Opens on the
 * last 72 hours; panels count over the selected range, so any block can be reviewed by picking its time range.
 */
import { dashboard, row } from '../engine/dashboards/dashboard';
import { barGauge, NEUTRAL, query, stat, thresholds, warnThenFail, timeseries } from '../engine/dashboards/panels';
import type { PanelModel } from '../engine/model/dashboard';
import type { RecordingRule } from '../engine/rules/recording-rule';
import { avgOverTime, changes, div, matchesRegex, max, min, select, sub, subquery, sum, time } from '../engine/promql';
import { exporters } from '../catalog';
import { blockPlannedDuration, blockStartTimestamp, equity, executionMode } from '../catalog/cdb';
import { serviceUp } from '../recording-rules/system';
import { lastSignalAge, signalsLastHour, signalsRate } from '../recording-rules/signal-engine';
import { decisionsLastHour, decisionsRate } from '../recording-rules/risk';
import { filledRate, fillsLastHour, lastPaperTradeAge, paperTradesLastHour, paperTradesRate } from '../recording-rules/paper-execution';
import { writesLastHour, writesRate } from '../recording-rules/database';
import { ageStat, DASHBOARD_IDS, countOverRange, executionModeStat, FOLDERS, unitOf, zeroActivitySeconds } from './common';
import type { Settings } from '../config/settings';
import type { DashboardModel } from '../engine/model/dashboard';

export function blockReviewDashboard(settings: Settings): DashboardModel {
  const HOUR = 3600;
  const zai = zeroActivitySeconds(settings);

  /**
   * The stages of the event flow, in flow order, each with its rate and hourly-increase recording rules: range
   * counts read the rate rule at Grafana's interval, the hourly chart the hourly rule, never the raw counters.
   */
  const ACTIVITY: ReadonlyArray<{ readonly title: string; readonly rate: RecordingRule; readonly lastHour: RecordingRule; readonly what: string }> = [
    { title: 'Signals', rate: signalsRate, lastHour: signalsLastHour, what: 'signals generated' },
    { title: 'Risk decisions', rate: decisionsRate, lastHour: decisionsLastHour, what: 'risk decisions taken' },
    { title: 'Paper trades', rate: paperTradesRate, lastHour: paperTradesLastHour, what: 'paper trades completed' },
    { title: 'Fills', rate: filledRate, lastHour: fillsLastHour, what: 'orders filled' },
    { title: 'Database writes', rate: writesRate, lastHour: writesLastHour, what: 'rows written to PostgreSQL' },
  ];


  const status = row('Block status', [
    stat({
      title: 'Block elapsed',
      description: `Time since the current block started. A block is reviewed after ${settings.block.hours} hours of continuous operation.`,
      unit: 'dtdurations',
      width: 4,
      fixedColor: NEUTRAL,
      queries: [sub(time(), max(select(blockStartTimestamp)))],
    }),
    stat({
      title: 'Block progress',
      description: 'Share of the planned block length elapsed. Past 100 % the block is due for review.',
      unit: 'percentunit',
      width: 4,
      queries: [div(sub(time(), max(select(blockStartTimestamp))), max(select(blockPlannedDuration)))],
      thresholds: thresholds('blue', [1, 'green']),
    }),
    executionModeStat({
      description:
        'PAPER is the only expected mode in phase N1. LIVE at any time in the block is an incident to review.',
      width: 4,
    }),
    ageStat({
      title: 'Time since last signal',
      description: `Seconds since the last signal. ${zai.signals / HOUR} hours or more is a Zero-Activity Incident (ZAI).`,
      expr: min(select(lastSignalAge)),
      warnAfter: zai.signals / 4,
      failAfter: zai.signals,
    }),
    ageStat({
      title: 'Time since last paper trade',
      description: `Seconds since the last paper trade. ${zai.trades / HOUR} hours or more is a Zero-Activity Incident (ZAI).`,
      expr: min(select(lastPaperTradeAge)),
      warnAfter: zai.trades / 4,
      failAfter: zai.trades,
    }),
  ]);

  const totals = row(
    'Activity over the block',
    ACTIVITY.map(
      ({ title, rate, what }, i): PanelModel =>
        stat({
          title: `${title} in range`,
          description: `Number of ${what} over the selected time range, from the five-minute rate. Zero over a whole block means that stage of the flow never ran.`,
          unit: 'short',
          width: i === ACTIVITY.length - 1 ? 4 : 5,
          queries: [sum(countOverRange(rate))],
          thresholds: thresholds('red', [1, 'green']),
        }),
    ),
  );

  const activityPerHour = row('Activity per hour', [
    timeseries({
      title: 'Event flow per hour',
      description: 'Events per hour at each stage of the flow: signals → risk decisions → paper trades → fills → writes. A stage dropping to zero while the one before it continues shows where the flow breaks.',
      unit: 'short',
      width: 24,
      height: 9,
      queries: ACTIVITY.map(({ title, lastHour }) => query(sum(select(lastHour)), title)),
    }),
  ]);

  const services = row('Uptime and restarts', [
    barGauge({
      title: 'Uptime by service',
      description: 'Share of the time range during which each service scrape targets were up, read at the panel interval. Below 99 % the block had an outage.',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [query(avgOverTime(subquery(select(serviceUp), '$__range', '$__interval')), '{{service}}')],
      thresholds: thresholds('red', [0.95, 'orange'], [0.99, 'green']),
    }),
    barGauge({
      title: 'Restarts by container',
      description: 'Container starts within the time range, per CdB container. Every restart during a block needs an explanation in the review.',
      unit: 'short',
      queries: [
        query(
          sum.by(['name'], changes(select(exporters.containerStartTimeSeconds, { name: matchesRegex('cdb_.+') }).over('$__range'))),
          '{{name}}',
        ),
      ],
      thresholds: warnThenFail('green', 1, 3),
    }),
  ]);

  const outcome = row('Mode and equity', [
    timeseries({
      title: 'Execution mode over time',
      description: 'The execution mode series over the range: mode="live" at 1 at any point is an incident.',
      unit: 'none',
      queries: [query(max.by(['mode'], select(executionMode)), '{{mode}}')],
      thresholds: thresholds('green', [1, 'red']),
      thresholdsStyle: 'area',
    }),
    timeseries({
      title: 'Equity over time',
      description: `Paper account equity in the quote currency (${settings.trading.quoteCurrency}) over the block. Drops show where the strategy lost.`,
      unit: unitOf(settings, equity),
      queries: [query(max(select(equity)), 'equity')],
    }),
  ]);

  return dashboard({
    id: DASHBOARD_IDS.blockReview,
    title: `CdB · ${settings.block.hours}h Block Review`,
    description: `A ${settings.block.hours}-hour paper-trading block at a glance: activity along the event flow, uptime and restarts, Zero-Activity status and execution mode.`,
    folder: FOLDERS.overview,
    tags: ['overview', 'block-review'],
    timeFrom: `now-${settings.block.hours}h`,
    refresh: '5m',
    rows: [status, totals, activityPerHour, services, outcome],
    source: import.meta.url,
  });
}
