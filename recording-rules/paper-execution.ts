/** Layer 5, Paper Execution: order flow, failure ratio, latency and slippage quantiles, time since last trade. */
import { recordingRule, ruleGroup } from '../engine/rules/recording-rule';
import { buckets, div, histogramQuantile, increase, max, rate, select, sub, sum, time } from '../engine/promql';
import {
  lastPaperTradeTimestamp,
  orderExecutionDuration,
  orderSlippage,
  ordersFailed,
  ordersFilled,
  ordersSubmitted,
  paperTrades,
} from '../catalog/cdb';

/** Orders submitted per second by side. */
export const submittedRate = recordingRule('side:cdb_orders_submitted:rate5m', sum.by(['side'], rate(select(ordersSubmitted).over('5m'))));

/** Orders filled per second by side. */
export const filledRate = recordingRule('side:cdb_orders_filled:rate5m', sum.by(['side'], rate(select(ordersFilled).over('5m'))));

/** Failed orders per second by reason. */
export const failedRate = recordingRule('reason:cdb_orders_failed:rate5m', sum.by(['reason'], rate(select(ordersFailed).over('5m'))));

/** Share of submitted orders that failed. */
export const failureRatio = recordingRule(
  'job:cdb_orders_failed:ratio_rate5m',
  div(sum.by(['job'], rate(select(ordersFailed).over('5m'))), sum.by(['job'], rate(select(ordersSubmitted).over('5m')))),
);

/** Execution latency buckets, aggregated over instances. */
export const executionDurationBuckets = recordingRule(
  'job_le:cdb_order_execution_duration_seconds_bucket:rate5m',
  sum.by(['job', 'le'], rate(buckets(orderExecutionDuration).over('5m'))),
);

/** 99th percentile of execution latency. */
export const executionDurationP99 = recordingRule(
  'job:cdb_order_execution_duration_seconds:p99_rate5m',
  histogramQuantile(0.99, select(executionDurationBuckets)),
);

/** Slippage buckets, aggregated over instances. */
export const slippageBuckets = recordingRule(
  'job_le:cdb_order_slippage_ratio_bucket:rate5m',
  sum.by(['job', 'le'], rate(buckets(orderSlippage).over('5m'))),
);

/** Seconds since the last paper trade (the Zero-Activity clock of execution). */
export const lastPaperTradeAge = recordingRule(
  'job:cdb_last_paper_trade_age_seconds:min',
  sub(time(), max.by(['job'], select(lastPaperTradeTimestamp))),
);

/** Paper trades completed in the last hour: the block review reads it hour by hour instead of the raw counter. */
export const paperTradesLastHour = recordingRule('job:cdb_paper_trades:increase1h', sum.by(['job'], increase(select(paperTrades).over('1h'))));

/** Orders filled in the last hour: the block review reads it hour by hour instead of the raw counter. */
export const fillsLastHour = recordingRule('job:cdb_orders_filled:increase1h', sum.by(['job'], increase(select(ordersFilled).over('1h'))));

/** Paper trades per second by side. */
export const paperTradesRate = recordingRule('side:cdb_paper_trades:rate5m', sum.by(['side'], rate(select(paperTrades).over('5m'))));

export const paperExecutionRules = ruleGroup({
  name: 'cdb-paper-execution-recording',
  file: 'paper-execution',
  source: import.meta.url,
  rules: [
    submittedRate,
    filledRate,
    failedRate,
    failureRatio,
    executionDurationBuckets,
    executionDurationP99,
    slippageBuckets,
    lastPaperTradeAge,
    paperTradesLastHour,
    fillsLastHour,
    paperTradesRate,
  ],
});
