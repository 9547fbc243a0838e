/**
 * Compile-time proof that the typed builder rejects unknown labels. Not run: `tsc` (part of `npm test`) fails
 * when any `@ts-expect-error` below stops being an error, i.e. when the builder stops catching the mistake.
 */
import { buckets, histogramQuantile, rate, select, sum } from '../../engine/promql';
import { recordingRule } from '../../engine/rules/recording-rule';
import { signalProcessingDuration, signalsGenerated } from '../../catalog/cdb';
import { exporters } from '../../catalog';

const perStrategy = recordingRule('strategy:cdb_signals_generated:rate5m', sum.by(['strategy'], rate(select(signalsGenerated).over('5m'))));

export const compiles = [
  select(signalsGenerated, { strategy: 'momentum', job: 'cdb_core' }),
  select(perStrategy, { strategy: 'momentum' }),
  histogramQuantile(0.9, sum.by(['le', 'strategy'], rate(buckets(signalProcessingDuration).over('5m')))),
  select(exporters.up, { service: 'cdb_core' }),
];

// @ts-expect-error a typo in a label name of a catalog metric
select(signalsGenerated, { stratgy: 'momentum' });

// @ts-expect-error `job` no longer exists after `sum by (strategy)`
select(perStrategy, { job: 'cdb_core' });

// @ts-expect-error grouping by a label the input does not have
sum.by(['exchange'], rate(select(signalsGenerated).over('5m')));

// @ts-expect-error histogram_quantile needs `le` in its input
histogramQuantile(0.9, sum.by(['strategy'], rate(buckets(signalProcessingDuration).over('5m'))));

// @ts-expect-error `le` is consumed by histogram_quantile
sum.by(['le'], histogramQuantile(0.9, sum.by(['le'], rate(buckets(signalProcessingDuration).over('5m')))));

// @ts-expect-error buckets() only takes histograms
buckets(signalsGenerated);

// @ts-expect-error a range selector only comes from a plain selector
rate(sum(select(signalsGenerated)).over('5m'));

// @ts-expect-error not a duration
select(signalsGenerated).over('5 minutes');
