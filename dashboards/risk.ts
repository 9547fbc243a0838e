/** Layer 4 dashboard: what the risk manager approves and rejects, and how close exposure and drawdown are to their limits. */
import { dashboard, row } from '../engine/dashboards/dashboard';
import { barGauge, NEUTRAL, query, stat, thresholds, warnThenFail, timeseries } from '../engine/dashboards/panels';
import type { ValueMapping } from '../engine/model/dashboard';
import { div, max, select, sum, topk } from '../engine/promql';
import { riskCircuitBreakerOpen, riskDrawdown, riskDrawdownLimit, riskExposure, riskExposureLimit } from '../catalog/cdb';
import { breachesLastHour, breachesRate, decisionsRate, exposureToLimit, rejectionRatio } from '../recording-rules/risk';
import { countOverRange, DASHBOARD_IDS, drawdownStat, FOLDERS, layerTags, layerTitle, stateStat, unitOf } from './common';
import type { Settings } from '../config/settings';
import type { DashboardModel } from '../engine/model/dashboard';

export function riskDashboard(settings: Settings): DashboardModel {
  /** Rejection ratio from which limits are hit often or signals arrive stale; the cockpit uses the same value. */
  const REJECTION_RATIO_WARN = 0.5;
  /** Rejection ratio at which practically nothing gets through to execution: CdbRiskRejectionRatioSpike's threshold. */
  const REJECTION_RATIO_FAIL = settings.thresholds.CdbRiskRejectionRatioSpike.ratio;
  /** Share of a limit (exposure, drawdown) from which the risk manager is about to start rejecting. */
  const LIMIT_USED_WARN = 0.8;
  /** Share of a limit at which it is reached. */
  const LIMIT_USED_FAIL = 1;

  /** Circuit breaker gauge values: 1 is open (every signal rejected), the bad state. */
  const CIRCUIT_BREAKER_MAPPINGS: ValueMapping[] = [
    { value: 0, text: 'CLOSED', color: 'green' },
    { value: 1, text: 'OPEN', color: 'red' },
  ];

  /** Drawdown as a share of its configured limit. */
  const drawdownToLimit = () => div(max.by(['job'], select(riskDrawdown)), max.by(['job'], select(riskDrawdownLimit)));

  const overview = row('Overview', [
    stateStat({
      title: 'Circuit breaker',
      description: 'State of the risk circuit breaker. OPEN (red): every signal is rejected until it closes, so no paper trades happen.',
      width: 4,
      queries: [max(select(riskCircuitBreakerOpen))],
      zero: { text: 'CLOSED', color: 'green' },
      one: { text: 'OPEN', color: 'red' },
    }),
    stat({
      title: 'Rejection ratio',
      description: `Share of signals the risk manager rejected (5-minute rate). From ${REJECTION_RATIO_WARN * 100} % limits are hit often or signals are stale; from ${REJECTION_RATIO_FAIL * 100} % almost nothing reaches execution.`,
      unit: 'percentunit',
      width: 4,
      queries: [max(select(rejectionRatio))],
      thresholds: warnThenFail('green', REJECTION_RATIO_WARN, REJECTION_RATIO_FAIL),
    }),
    stat({
      title: 'Exposure of limit',
      description: `Total open exposure as a share of the configured limit. From ${LIMIT_USED_WARN * 100} % new positions are about to be rejected; at 100 % they are.`,
      unit: 'percentunit',
      width: 4,
      queries: [max(select(exposureToLimit))],
      thresholds: warnThenFail('green', LIMIT_USED_WARN, LIMIT_USED_FAIL),
    }),
    drawdownStat({
      description: `Current drawdown of paper equity from its peak in this block. Orange from ${LIMIT_USED_WARN * 100} % of the configured maximum drawdown, red once it is reached and the risk manager rejects new positions.`,
      warnShare: LIMIT_USED_WARN,
      width: 4,
    }),
    stat({
      title: 'Drawdown of limit',
      description: `Current drawdown as a share of the configured maximum drawdown. From ${LIMIT_USED_WARN * 100} % the limit is near; at 100 % the risk manager rejects new positions.`,
      unit: 'percentunit',
      width: 4,
      queries: [max(drawdownToLimit())],
      thresholds: warnThenFail('green', LIMIT_USED_WARN, LIMIT_USED_FAIL),
    }),
    stat({
      title: 'Limit breaches (1h)',
      description: 'Times any risk limit was reached in the last hour. Any breach during a paper block deserves a look at the limit and the strategy behind it.',
      unit: 'short',
      width: 4,
      queries: [sum(select(breachesLastHour))],
      thresholds: thresholds('green', [1, 'red']),
    }),
  ]);

  const decisions = row('Decisions', [
    timeseries({
      title: 'Decisions per second: approved vs rejected',
      description: 'Risk decisions per second by outcome (5-minute rate). Approvals at zero while signals flow means nothing reaches paper execution.',
      unit: 'ops',
      width: 8,
      stacked: true,
      queries: [query(sum.by(['decision'], select(decisionsRate)), '{{decision}}')],
    }),
    timeseries({
      title: 'Rejections per second by reason',
      description: 'Rejected signals per second by reason (5-minute rate). stale_signal points upstream at the signal engine or market data; circuit_breaker at an open breaker; the others at a limit.',
      unit: 'ops',
      width: 8,
      stacked: true,
      queries: [query(sum.by(['reason'], select(decisionsRate, { decision: 'rejected' })), '{{reason}}')],
    }),
    timeseries({
      title: 'Rejection ratio over time',
      description: `Share of signals rejected (5-minute rate), over time. Above ${REJECTION_RATIO_FAIL * 100} % for long, the block produces almost no paper trades.`,
      unit: 'percentunit',
      width: 8,
      min: 0,
      max: 1,
      queries: [query(select(rejectionRatio), 'rejected')],
      thresholds: warnThenFail('green', REJECTION_RATIO_WARN, REJECTION_RATIO_FAIL),
      thresholdsStyle: 'dashed',
    }),
    barGauge({
      title: 'Decisions in the time range',
      description: 'Signals approved and rejected within the dashboard time range. Mostly rejected means the risk settings or the signals need review.',
      unit: 'short',
      fixedColor: NEUTRAL,
      queries: [query(sum.by(['decision'], countOverRange(decisionsRate)), '{{decision}}')],
    }),
    barGauge({
      title: 'Rejections by reason in the time range',
      description: 'Rejected signals within the dashboard time range, by reason. The longest bar is the limit or condition that blocks trading most.',
      unit: 'short',
      fixedColor: NEUTRAL,
      queries: [query(sum.by(['reason'], countOverRange(decisionsRate, { decision: 'rejected' })), '{{reason}}')],
    }),
  ]);

  const exposure = row('Exposure', [
    timeseries({
      title: 'Exposure by symbol',
      description: `Open notional exposure of each symbol, in the quote currency (${settings.trading.quoteCurrency}), stacked to the total. One symbol dominating means concentrated risk.`,
      unit: unitOf(settings, riskExposure),
      stacked: true,
      queries: [query(sum.by(['symbol'], select(riskExposure)), '{{symbol}}')],
    }),
    timeseries({
      title: 'Total exposure vs limit',
      description: `Total open exposure and the configured maximum, in the quote currency (${settings.trading.quoteCurrency}). Where the lines meet, the risk manager rejects new positions (max_exposure).`,
      unit: unitOf(settings, riskExposure),
      min: 0,
      queries: [query(sum(select(riskExposure)), 'total exposure'), query(max(select(riskExposureLimit)), 'limit')],
    }),
    timeseries({
      title: 'Exposure of limit over time',
      description: `Total open exposure as a share of the configured limit. From ${LIMIT_USED_WARN * 100} % rejections for max_exposure are near.`,
      unit: 'percentunit',
      min: 0,
      queries: [query(select(exposureToLimit), 'exposure of limit')],
      thresholds: warnThenFail('green', LIMIT_USED_WARN, LIMIT_USED_FAIL),
      thresholdsStyle: 'dashed',
    }),
    barGauge({
      title: 'Largest exposures now',
      description: `The ten symbols with the largest open exposure now, in the quote currency (${settings.trading.quoteCurrency}). A single large bar is a concentrated position.`,
      unit: unitOf(settings, riskExposure),
      fixedColor: NEUTRAL,
      queries: [query(topk(10, sum.by(['symbol'], select(riskExposure))), '{{symbol}}')],
    }),
  ]);

  const drawdown = row('Drawdown', [
    timeseries({
      title: 'Drawdown vs limit',
      description: 'Drawdown of paper equity from its block peak, and the configured maximum drawdown. Drawdown reaching the limit stops new positions for the block.',
      unit: 'percentunit',
      min: 0,
      queries: [query(max(select(riskDrawdown)), 'drawdown'), query(max(select(riskDrawdownLimit)), 'limit')],
    }),
    timeseries({
      title: 'Drawdown of limit over time',
      description: `Drawdown as a share of its configured limit. From ${LIMIT_USED_WARN * 100} % the block is close to being stopped by max_drawdown.`,
      unit: 'percentunit',
      min: 0,
      queries: [query(drawdownToLimit(), 'drawdown of limit')],
      thresholds: warnThenFail('green', LIMIT_USED_WARN, LIMIT_USED_FAIL),
      thresholdsStyle: 'dashed',
    }),
  ]);

  const limits = row('Limits and circuit breaker', [
    timeseries({
      title: 'Limit breaches per hour by limit',
      description: 'Times each risk limit was reached within the preceding hour. Repeated breaches of one limit mean a strategy keeps pushing against it.',
      unit: 'short',
      width: 8,
      queries: [query(select(breachesLastHour), '{{limit}}')],
      thresholds: thresholds('green', [1, 'red']),
      thresholdsStyle: 'dashed',
    }),
    barGauge({
      title: 'Limit breaches in the time range',
      description: 'Times each risk limit was reached within the dashboard time range. Any bar above zero names a limit to review in the block report.',
      unit: 'short',
      width: 8,
      queries: [query(countOverRange(breachesRate), '{{limit}}')],
      thresholds: thresholds('green', [1, 'red']),
    }),
    timeseries({
      title: 'Circuit breaker over time',
      description: 'Circuit breaker state over time: 0 closed, 1 open. Every open stretch is a period in which all signals were rejected.',
      unit: 'none',
      width: 8,
      min: 0,
      max: 1,
      queries: [query(max(select(riskCircuitBreakerOpen)), 'open')],
      thresholds: thresholds('green', [1, 'red']),
      thresholdsStyle: 'area',
      mappings: CIRCUIT_BREAKER_MAPPINGS,
    }),
  ]);

  return dashboard({
    id: DASHBOARD_IDS.risk,
    title: layerTitle('risk'),
    description: 'Layer 4: risk decisions approved and rejected by reason, exposure per symbol and against its limit, drawdown against its limit, limit breaches and the circuit breaker.',
    folder: FOLDERS.layers,
    tags: layerTags('risk'),
    rows: [overview, decisions, exposure, drawdown, limits],
    source: import.meta.url,
  });
}
