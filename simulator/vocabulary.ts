/**
 * Values of the labels whose sets the catalog leaves open (strategies, symbols, exchanges, queries), as the
 * simulated CdB stack uses them, and every label combination a service exposes from its first scrape.
 */
import type { Metric } from '../engine/catalog/metric';
import type { Labels } from './metric-sink';

export const EXCHANGE = 'mexc';
export const STRATEGIES = ['momentum', 'mean_reversion', 'breakout'] as const;
export const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'] as const;
export const QUERIES = ['state_recovery', 'report_summary'] as const;

const OPEN_LABEL_VALUES: Readonly<Record<string, readonly string[]>> = {
  exchange: [EXCHANGE],
  strategy: STRATEGIES,
  symbol: SYMBOLS,
  query: QUERIES,
};

/**
 * Every combination of a metric's label values: the catalog's closed sets, and the simulator's values for open
 * labels. Undefined when a label has neither (the metric is then only written with the labels the model chooses).
 */
export function labelCombinations(metric: Metric): Labels[] | undefined {
  let combinations: Record<string, string>[] = [{}];
  for (const label of metric.labels) {
    const values = metric.labelValues?.[label] ?? OPEN_LABEL_VALUES[label];
    if (!values) return undefined;
    combinations = combinations.flatMap((c) => values.map((v) => ({ ...c, [label]: v })));
  }
  return combinations;
}
