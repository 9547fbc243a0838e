/** Layer 3, Signal Engine: signal and error rates, latency quantiles and time since the last signal. */
import { recordingRule, ruleGroup } from '../engine/rules/recording-rule';
import { buckets, div, histogramQuantile, increase, max, rate, select, sub, sum, time } from '../engine/promql';
import { lastSignalTimestamp, signalErrors, signalEvaluations, signalProcessingDuration, signalsGenerated } from '../catalog/cdb';

/** Signals per second by strategy. */
export const signalsRate = recordingRule(
  'strategy:cdb_signals_generated:rate5m',
  sum.by(['strategy'], rate(select(signalsGenerated).over('5m'))),
);

/** Strategy evaluations per second by strategy. */
export const evaluationsRate = recordingRule(
  'strategy:cdb_signal_evaluations:rate5m',
  sum.by(['strategy'], rate(select(signalEvaluations).over('5m'))),
);

/** Failed evaluations per second by strategy. */
export const errorsRate = recordingRule(
  'strategy:cdb_signal_errors:rate5m',
  sum.by(['strategy'], rate(select(signalErrors).over('5m'))),
);

/** Share of strategy evaluations that failed. */
export const errorRatio = recordingRule('strategy:cdb_signal_errors:ratio_rate5m', div(select(errorsRate), select(evaluationsRate)));

/** Latency histogram buckets per strategy, aggregated over instances, for cheap quantiles. */
export const processingDurationBuckets = recordingRule(
  'strategy_le:cdb_signal_processing_duration_seconds_bucket:rate5m',
  sum.by(['strategy', 'le'], rate(buckets(signalProcessingDuration).over('5m'))),
);

/** 99th percentile of signal processing time per strategy. */
export const processingDurationP99 = recordingRule(
  'strategy:cdb_signal_processing_duration_seconds:p99_rate5m',
  histogramQuantile(0.99, select(processingDurationBuckets)),
);

/** Seconds since the engine last generated a signal, any strategy (the Zero-Activity clock). */
export const lastSignalAge = recordingRule(
  'job:cdb_last_signal_age_seconds:min',
  sub(time(), max.by(['job'], select(lastSignalTimestamp))),
);

/** Signals generated in the last hour: the block review reads it hour by hour instead of the raw counter. */
export const signalsLastHour = recordingRule('job:cdb_signals_generated:increase1h', sum.by(['job'], increase(select(signalsGenerated).over('1h'))));

/** Signals per second by strategy and side, for the by-side panel under a strategy selection. */
export const signalsBySideRate = recordingRule(
  'strategy_side:cdb_signals_generated:rate5m',
  sum.by(['strategy', 'side'], rate(select(signalsGenerated).over('5m'))),
);

/** Failed evaluations per second by strategy and error kind. */
export const errorsByKindRate = recordingRule(
  'strategy_error:cdb_signal_errors:rate5m',
  sum.by(['strategy', 'error'], rate(select(signalErrors).over('5m'))),
);

export const signalEngineRules = ruleGroup({
  name: 'cdb-signal-engine-recording',
  file: 'signal-engine',
  source: import.meta.url,
  rules: [signalsRate, evaluationsRate, errorsRate, errorRatio, processingDurationBuckets, processingDurationP99, lastSignalAge, signalsLastHour, signalsBySideRate, errorsByKindRate],
});
