/** Layer 5, Paper Execution: metrics of cdb_execution and cdb_paper_runner. */
import { metric } from '../../engine/catalog/metric';

const exposedBy = ['cdb_execution'];
const side = { side: ['buy', 'sell'] } as const;

export const ordersSubmitted = metric({
  name: 'cdb_orders_submitted_total',
  type: 'counter',
  help: 'Orders submitted to the (paper) exchange, by side.',
  unit: 'count',
  labels: ['side'],
  labelValues: side,
  exposedBy,
});

export const ordersFilled = metric({
  name: 'cdb_orders_filled_total',
  type: 'counter',
  help: 'Orders filled, by side.',
  unit: 'count',
  labels: ['side'],
  labelValues: side,
  exposedBy,
});

export const ordersFailed = metric({
  name: 'cdb_orders_failed_total',
  type: 'counter',
  help: 'Orders that failed, by reason.',
  unit: 'count',
  labels: ['reason'],
  labelValues: { reason: ['rejected', 'timeout', 'insufficient_balance', 'error'] },
  exposedBy,
});

export const orderExecutionDuration = metric({
  name: 'cdb_order_execution_duration_seconds',
  type: 'histogram',
  help: 'Time from an approved signal to the order being filled or failing.',
  unit: 'seconds',
  labels: [],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  exposedBy,
});

export const orderSlippage = metric({
  name: 'cdb_order_slippage_ratio',
  type: 'histogram',
  help: 'Absolute difference between the expected and the filled price, as a ratio of the expected price.',
  unit: 'ratio',
  labels: [],
  buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025],
  exposedBy,
});

export const positionsOpen = metric({
  name: 'cdb_positions_open',
  type: 'gauge',
  help: 'Positions currently open.',
  unit: 'count',
  labels: [],
  exposedBy,
});

export const equity = metric({
  name: 'cdb_equity',
  type: 'gauge',
  help: 'Paper account equity (cash plus open positions at market), in the quote currency.',
  unit: 'quote_currency',
  labels: [],
  exposedBy,
});

export const pnl = metric({
  name: 'cdb_pnl',
  type: 'gauge',
  help: 'Profit and loss of the current block, in the quote currency.',
  unit: 'quote_currency',
  labels: ['kind'],
  labelValues: { kind: ['realized', 'unrealized'] },
  exposedBy,
});

export const paperTrades = metric({
  name: 'cdb_paper_trades_total',
  type: 'counter',
  help: 'Paper trades completed (an order filled in paper mode), by side.',
  unit: 'count',
  labels: ['side'],
  labelValues: side,
  exposedBy,
});

export const lastPaperTradeTimestamp = metric({
  name: 'cdb_last_paper_trade_timestamp_seconds',
  type: 'gauge',
  help: 'Time the last paper trade completed, in seconds since the epoch.',
  unit: 'timestamp_seconds',
  labels: [],
  exposedBy,
});

export const executionMode = metric({
  name: 'cdb_execution_mode',
  type: 'gauge',
  help: 'Execution mode: 1 on the series of the active mode, 0 on the other. Live is never expected in phase N1.',
  unit: 'boolean',
  labels: ['mode'],
  labelValues: { mode: ['paper', 'live'] },
  oneHot: 'mode',
  exposedBy,
});

export const blockStartTimestamp = metric({
  name: 'cdb_block_start_timestamp_seconds',
  type: 'gauge',
  help: 'Start of the current paper-trading block, in seconds since the epoch.',
  unit: 'timestamp_seconds',
  labels: [],
  exposedBy: ['cdb_paper_runner'],
});

export const blockPlannedDuration = metric({
  name: 'cdb_block_planned_duration_seconds',
  type: 'gauge',
  help: 'Planned length of the current block (72 hours in phase N1).',
  unit: 'seconds',
  labels: [],
  exposedBy: ['cdb_paper_runner'],
});

export const paperExecutionMetrics = [
  ordersSubmitted,
  ordersFilled,
  ordersFailed,
  orderExecutionDuration,
  orderSlippage,
  positionsOpen,
  equity,
  pnl,
  paperTrades,
  lastPaperTradeTimestamp,
  executionMode,
  blockStartTimestamp,
  blockPlannedDuration,
];
