/** Layer 5 dashboard: does CdB still trade on paper only, do orders fill, how fast, at what slippage, with what result. */
import { dashboard, row } from '../engine/dashboards/dashboard';
import { NEUTRAL, query, stat, thresholds, warnThenFail, timeseries, type QuerySpec } from '../engine/dashboards/panels';
import { histogramQuantile, increase, max, maxOverTime, rate, select, sum } from '../engine/promql';
import type { RecordingRule } from '../engine/rules/recording-rule';
import { equity, executionMode, paperTrades, pnl, positionsOpen } from '../catalog/cdb';
import {
  executionDurationBuckets,
  executionDurationP99,
  failedRate,
  failureRatio,
  filledRate,
  lastPaperTradeAge,
  slippageBuckets,
  submittedRate,
} from '../recording-rules/paper-execution';
import { ageStat, DASHBOARD_IDS, executionModeStat, FOLDERS, layerTags, layerTitle, countOverRange, stateStat, unitOf, zeroActivitySeconds } from './common';
import type { Settings } from '../config/settings';
import type { DashboardModel } from '../engine/model/dashboard';

export function paperExecutionDashboard(settings: Settings): DashboardModel {
  /** Seconds without a paper trade that make a Zero-Activity Incident (CdbZeroActivityPaperTrades' window). */
  const ZERO_ACTIVITY_SECONDS = zeroActivitySeconds(settings).trades;
  /** The currency equity and PnL are in. */
  const QUOTE = settings.trading.quoteCurrency;
  /** Orange on the paper-trade clock: a quarter of the Zero-Activity Incident, early enough to look before it pages. */
  const TRADE_AGE_WARN_SECONDS = ZERO_ACTIVITY_SECONDS / 4;

  /** Failure ratio thresholds: a few rejections happen; red where CdbOrderFailureRatioHigh fires. */
  const FAILURE_RATIO_BAD = settings.thresholds.CdbOrderFailureRatioHigh.ratio;
  const FAILURE_RATIO_WARN = FAILURE_RATIO_BAD / 4;

  /**
   * Approved signal to fill, in seconds: the paper exchange answers in milliseconds, so a second is already slow;
   * red where CdbExecutionLatencyHigh fires.
   */
  const LATENCY_WARN_SECONDS = 1;
  const LATENCY_BAD_SECONDS = settings.thresholds.CdbExecutionLatencyHigh.p99Seconds;

  /** Slippage as a ratio of the expected price: 0.5 % is costly, 1 % means fills are priced far from the signal. */
  const SLIPPAGE_WARN = 0.005;
  const SLIPPAGE_BAD = 0.01;

  /** p50 and p90 computed from a recorded bucket rate (the p99 of latency has its own rule). */
  function quantilesFrom(bucketRule: RecordingRule<string, 'job' | 'le'>, phis: readonly number[]): QuerySpec[] {
    return phis.map((phi) => query(histogramQuantile(phi, select(bucketRule)), `p${Math.round(phi * 100)}`));
  }

  const mode = row('Execution mode', [
    executionModeStat({
      description:
        'Whether cdb_execution runs in live mode right now (cdb_execution_mode{mode="live"}). PAPER is the only valid state in phase N1; LIVE is an incident that pages. No data: the service does not report its mode (see layer 1).',
    }),
    stateStat({
      title: 'Live mode seen in range',
      description:
        'Whether the live-mode series was 1 at any sample of the selected time range, so a brief switch to live is not missed between refreshes. SEEN is an incident even if the mode is back to paper.',
      queries: [max(maxOverTime(select(executionMode, { mode: 'live' }).over('$__range')))],
      zero: { text: 'NEVER', color: 'green' },
      one: { text: 'SEEN', color: 'red' },
    }),
    timeseries({
      title: 'Execution mode by series',
      description:
        'Each mode series of each instance: 1 while that mode is active, 0 otherwise. The paper line must stay at 1 and the live line at 0; both at 0 or both at 1 means the service reports an impossible state.',
      unit: 'none',
      width: 12,
      height: 4,
      min: 0,
      max: 1,
      queries: [query(select(executionMode), '{{mode}} · {{instance}}')],
    }),
  ]);

  const orders = row('Orders', [
    timeseries({
      title: 'Orders submitted by side',
      description: 'Orders per second submitted to the paper exchange, by side (5-minute rate). Flat at zero for hours while signals are approved means execution stopped.',
      unit: 'ops',
      width: 8,
      queries: [query(select(submittedRate), '{{side}}')],
    }),
    timeseries({
      title: 'Orders filled by side',
      description: 'Orders per second filled, by side (5-minute rate). Fills well below submissions means orders hang or fail; compare with the failure panels.',
      unit: 'ops',
      width: 8,
      queries: [query(select(filledRate), '{{side}}')],
    }),
    timeseries({
      title: 'Orders failed by reason',
      description: 'Failed orders per second by reason (5-minute rate). insufficient_balance points at position sizing, timeout and error at the execution service itself.',
      unit: 'ops',
      width: 8,
      queries: [query(select(failedRate), '{{reason}}')],
    }),
    timeseries({
      title: 'Order failure ratio',
      description: `Share of submitted orders that failed (5-minute rates). Above ${FAILURE_RATIO_WARN * 100} % look at the reasons; above ${FAILURE_RATIO_BAD * 100} % paper execution is broken.`,
      unit: 'percentunit',
      width: 16,
      min: 0,
      queries: [query(select(failureRatio), '{{job}}')],
      thresholds: warnThenFail('green', FAILURE_RATIO_WARN, FAILURE_RATIO_BAD),
      thresholdsStyle: 'dashed',
    }),
    stat({
      title: 'Orders failed in range',
      description: 'Orders that failed over the selected time range. Any failure deserves a look at the reasons; many mean execution is broken.',
      unit: 'short',
      width: 8,
      height: 8,
      colorMode: 'background',
      queries: [sum(countOverRange(failedRate))],
      thresholds: thresholds('green', [1, 'orange']),
    }),
  ]);

  const latency = row('Latency and slippage', [
    timeseries({
      title: 'Execution latency',
      description: `Time from an approved signal to the order being filled or failing: p50, p90 and p99 over 5 minutes. Above ${LATENCY_WARN_SECONDS} s the paper exchange or the bus is slow; above ${LATENCY_BAD_SECONDS} s fills no longer match the signal's price.`,
      unit: 's',
      width: 12,
      queries: [...quantilesFrom(executionDurationBuckets, [0.5, 0.9]), query(select(executionDurationP99), 'p99')],
      thresholds: warnThenFail('green', LATENCY_WARN_SECONDS, LATENCY_BAD_SECONDS),
      thresholdsStyle: 'dashed',
    }),
    timeseries({
      title: 'Slippage',
      description: `Difference between expected and filled price as a share of the expected price: p50, p90 and p99 over 5 minutes. Above ${SLIPPAGE_WARN * 100} % paper results overstate what live trading would earn.`,
      unit: 'percentunit',
      width: 12,
      min: 0,
      queries: quantilesFrom(slippageBuckets, [0.5, 0.9, 0.99]),
      thresholds: warnThenFail('green', SLIPPAGE_WARN, SLIPPAGE_BAD),
      thresholdsStyle: 'dashed',
    }),
  ]);

  const results = row('Positions and PnL', [
    stat({
      title: 'Open positions',
      description: 'Positions currently open. Positions that stay open for a whole block, or a count far above the risk limits, mean exits are not executed.',
      unit: 'short',
      width: 6,
      fixedColor: NEUTRAL,
      queries: [select(positionsOpen)],
    }),
    stat({
      title: 'Equity',
      description: `Paper account equity (cash plus open positions at market), in the quote currency (${QUOTE}). A level with no good or bad value of its own: the PnL next to it says whether the block gains or loses.`,
      unit: unitOf(settings, equity),
      width: 6,
      fixedColor: NEUTRAL,
      queries: [select(equity)],
    }),
    stat({
      title: 'Realized PnL',
      description: `Realized profit and loss of the current block, in the quote currency (${QUOTE}). Red below zero: the block loses money on closed trades.`,
      unit: unitOf(settings, pnl),
      width: 6,
      queries: [select(pnl, { kind: 'realized' })],
      thresholds: thresholds('red', [0, 'green']),
    }),
    stat({
      title: 'Unrealized PnL',
      description: `Unrealized profit and loss of the open positions at market, in the quote currency (${QUOTE}). Red below zero: open positions are under water.`,
      unit: unitOf(settings, pnl),
      width: 6,
      queries: [select(pnl, { kind: 'unrealized' })],
      thresholds: thresholds('red', [0, 'green']),
    }),
    timeseries({
      title: 'Equity over time',
      description: `Paper account equity through the range, in the quote currency (${QUOTE}). Steps down without matching trades point at a valuation problem.`,
      unit: unitOf(settings, equity),
      width: 12,
      queries: [query(select(equity), 'equity')],
    }),
    timeseries({
      title: 'PnL by kind',
      description: `Realized and unrealized profit and loss of the block through the range, in the quote currency (${QUOTE}), on red below zero and green above. Unrealized PnL drifting far below zero means losing positions are held.`,
      unit: unitOf(settings, pnl),
      width: 12,
      queries: [query(select(pnl), '{{kind}}')],
      thresholds: thresholds('red', [0, 'green']),
      thresholdsStyle: 'area',
    }),
  ]);

  const trades = row('Paper trades', [
    ageStat({
      title: 'Time since last paper trade',
      description: `Time since the last paper trade completed. Orange after ${TRADE_AGE_WARN_SECONDS / 3600} hours; red at ${ZERO_ACTIVITY_SECONDS / 3600} hours, the Zero-Activity Incident. No data: the metric vanished, which is an incident too.`,
      expr: select(lastPaperTradeAge),
      warnAfter: TRADE_AGE_WARN_SECONDS,
      failAfter: ZERO_ACTIVITY_SECONDS,
      width: 12,
    }),
    stat({
      title: 'Paper trades in range',
      description: 'Paper trades completed over the selected time range. Zero over a range of a day or more is a Zero-Activity Incident.',
      unit: 'short',
      width: 12,
      queries: [sum(increase(select(paperTrades).over('$__range')))],
      thresholds: thresholds('orange', [1, 'green']),
    }),
    timeseries({
      title: 'Paper trades by side',
      description: 'Paper trades per second by side. Trades are rare, so values are small; a long flat zero while signals are approved means execution stopped.',
      unit: 'ops',
      width: 12,
      queries: [query(sum.by(['side'], rate(select(paperTrades).over('$__rate_interval'))), '{{side}}')],
    }),
    timeseries({
      title: 'Paper trade age over time',
      description: `Time since the last paper trade through the range: a sawtooth that resets with each trade. A ramp towards ${ZERO_ACTIVITY_SECONDS / 3600} hours is a Zero-Activity Incident building up.`,
      unit: 's',
      width: 12,
      queries: [query(select(lastPaperTradeAge), 'age')],
      thresholds: warnThenFail('green', TRADE_AGE_WARN_SECONDS, ZERO_ACTIVITY_SECONDS),
      thresholdsStyle: 'dashed',
    }),
  ]);

  return dashboard({
    id: DASHBOARD_IDS.paperExecution,
    title: layerTitle('paper-execution'),
    description:
      `Layer 5: execution mode (paper vs live; live is an incident), orders submitted, filled and failed, execution latency, slippage, open positions, equity and PnL, paper trades and time since the last one. Equity and PnL are amounts in the quote currency (${QUOTE}).`,
    folder: FOLDERS.layers,
    tags: layerTags('paper-execution'),
    rows: [mode, orders, latency, results, trades],
    source: import.meta.url,
  });
}
