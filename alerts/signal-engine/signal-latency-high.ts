/** CdbSignalLatencyHigh: a strategy's slowest decisions act on old prices. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { buckets, gt, select } from '../../engine/promql';
import { signalProcessingDuration } from '../../catalog/cdb';
import { processingDurationP99 } from '../../recording-rules/signal-engine';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbSignalLatencyHigh(settings: Settings): AlertModel {
  const { p99Seconds, for: pending } = settings.thresholds.CdbSignalLatencyHigh;
  const core = targetLabels('cdb_core');

  /**
   * The `_bucket` series (every `le`, `+Inf` included) of `strategy`'s processing-duration histogram when each minute
   * brings `count` decisions taking `seconds`, for every `[seconds, count]` pair, during `minutes` minutes.
   */
  function decisions(strategy: string, perMinute: ReadonlyArray<readonly [seconds: number, count: number]>, minutes = 40) {
    const bounds = [...signalProcessingDuration.buckets!, Number.POSITIVE_INFINITY];
    return bounds.map((le) => {
      const increment = perMinute.filter(([seconds]) => seconds <= le).reduce((total, [, count]) => total + count, 0);
      const bound = le === Number.POSITIVE_INFINITY ? '+Inf' : String(le);
      return series(buckets(signalProcessingDuration, { ...core, strategy, le: bound }), `0+${increment}x${minutes}`);
    });
  }

  const description = (strategy: string, p99: string) =>
    `99 % of strategy ${strategy}'s decisions took up to ${p99} over the last 5 minutes.`;

  const cdbSignalLatencyHigh = alert({
    name: 'CdbSignalLatencyHigh',
    expr: gt(select(processingDurationP99), p99Seconds),
    for: pending,
    severity: 'warning',
    labels: cdbLabels('signal-engine', 'cdb_core'),
    summary: 'A strategy takes too long to turn market data into a decision.',
    description: description('{{ $labels.strategy }}', '{{ $value | humanizeDuration }}'),
    dashboard: { dashboard: DASHBOARD_IDS.signalEngine, panel: 'Processing latency p99 by strategy' },
    runbook: {
      meaning: `The 99th percentile of one strategy's time from receiving a market-data event to publishing its decision is above ${p99Seconds} s (5-minute rates), for ${pending}. At 2.5 s, the largest bucket, the value is a floor: the real tail may be longer.`,
      impact:
        'The slowest signals are computed on prices that have already moved: risk approves and execution fills them at prices the strategy never saw, so the block\'s paper PnL and slippage no longer describe the strategy. A growing lag also backs up the market-data topic on Redis.',
      diagnose: [
        'Open the signal-engine dashboard, row "Processing latency": does the median ("Processing latency p50 by strategy") rise too (everything is slower: load, CPU) or only the p99 (occasional slow decisions: GC pauses, a slow dependency call)?',
        'Check CPU throttling and memory of the cdb_core container on the system dashboard (`name:container_cpu_usage_seconds:rate5m{name="cdb_core"}`).',
        'Compare the input rate with the usual: `strategy:cdb_signal_evaluations:rate5m` far above normal (a volatile market, more symbols screened via `cdb_screener_symbols`) means more work per second.',
        'Check whether cdb_core keeps up with the bus: `topic:cdb_bus_messages_published:rate5m{topic="market_data"}` against `sum(rate(cdb_bus_messages_consumed_total{service="cdb_core", topic="market_data"}[5m]))`.',
      ],
      mitigate: [
        'CPU-bound: raise the CPU limit of cdb_core or reduce the screened symbols for the rest of the block.',
        'Slow after a deploy of cdb_core: roll it back.',
        'Note in the block log the period during which the strategy\'s signals were late, for the block review.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario('decisions taking 2 seconds fire', {
        input: decisions('momentum', [[2, 10]]),
        at: '30m',
        fires: [{ labels: { strategy: 'momentum' }, description: description('momentum', '2.485s') }],
      }),
      scenario('decisions slower than the largest bucket fire at its bound', {
        input: decisions('momentum', [[5, 10]]),
        at: '30m',
        fires: [{ labels: { strategy: 'momentum' }, description: description('momentum', '2.5s') }],
      }),
      scenario('2 % of decisions taking 2 seconds fire', {
        input: decisions('momentum', [[0.01, 98], [2, 2]]),
        at: '30m',
        fires: [{ labels: { strategy: 'momentum' }, description: description('momentum', '1.75s') }],
      }),
      scenario('1 % of decisions taking 2 seconds stay quiet', {
        input: decisions('momentum', [[0.01, 99], [2, 1]]),
        at: '30m',
        fires: 'quiet',
      }),
      scenario('decisions taking 0.8 seconds, a p99 just under 1 second, stay quiet', {
        input: decisions('momentum', [[0.8, 10]]),
        at: '30m',
        fires: 'quiet',
      }),
      scenario('only the slow strategy fires', {
        input: [...decisions('momentum', [[0.02, 10]]), ...decisions('breakout', [[2, 10]])],
        at: '30m',
        fires: [{ labels: { strategy: 'breakout' }, description: description('breakout', '2.485s') }],
      }),
      scenario('slow decisions for 8 minutes stay quiet while the for runs', {
        input: decisions('momentum', [[2, 10]], 8),
        at: '8m',
        fires: 'quiet',
      }),
    ],
  });
  return cdbSignalLatencyHigh;
}
