/** Layer 3, Signal Engine: metrics of cdb_core. */
import { metric } from '../../engine/catalog/metric';

const exposedBy = ['cdb_core'];

export const signalEvaluations = metric({
  name: 'cdb_signal_evaluations_total',
  type: 'counter',
  help: 'Strategy evaluations of incoming market data, whether or not they produced a signal.',
  unit: 'count',
  labels: ['strategy'],
  exposedBy,
});

export const signalsGenerated = metric({
  name: 'cdb_signals_generated_total',
  type: 'counter',
  help: 'Trading signals generated, by strategy and side.',
  unit: 'count',
  labels: ['strategy', 'side'],
  labelValues: { side: ['buy', 'sell'] },
  exposedBy,
});

export const signalProcessingDuration = metric({
  name: 'cdb_signal_processing_duration_seconds',
  type: 'histogram',
  help: 'Time from receiving a market-data event to publishing the strategy decision.',
  unit: 'seconds',
  labels: ['strategy'],
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  exposedBy,
});

export const signalErrors = metric({
  name: 'cdb_signal_errors_total',
  type: 'counter',
  help: 'Strategy evaluations that failed, by strategy and error kind.',
  unit: 'count',
  labels: ['strategy', 'error'],
  labelValues: { error: ['invalid_input', 'stale_data', 'exception'] },
  exposedBy,
});

export const lastSignalTimestamp = metric({
  name: 'cdb_last_signal_timestamp_seconds',
  type: 'gauge',
  help: 'Time the last signal was generated, in seconds since the epoch.',
  unit: 'timestamp_seconds',
  labels: ['strategy'],
  exposedBy,
});

export const signalEngineMetrics = [signalEvaluations, signalsGenerated, signalProcessingDuration, signalErrors, lastSignalTimestamp];
