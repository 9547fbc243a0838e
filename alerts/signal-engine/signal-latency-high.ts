/** CdbSignalLatencyHigh: a strategy's slowest decisions act on old prices. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { buckets, formatNumber, gt, select } from '../../engine/promql';
import { at } from '../../engine/rules/derive';
import { humanizeDuration } from '../../engine/rules/humanize';
import { bucketQuantile, counter, expand, extrapolated, firingAt, firstFiring, pendingMinutes } from '../market-data/evaluation-model';
import { quantileMixes, type Mix } from './quantile-mixes';
import { signalProcessingDuration } from '../../catalog/cdb';
import { processingDurationP99 } from '../../recording-rules/signal-engine';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbSignalLatencyHigh(settings: Settings): AlertModel {
  const { p99Seconds, for: pending } = settings.thresholds.CdbSignalLatencyHigh;
  const core = targetLabels('cdb_core');

  const bounds = signalProcessingDuration.buckets!;
  const les = [...bounds, Number.POSITIVE_INFINITY];

  /**
   * The `_bucket` series (every `le`, `+Inf` included) of `strategy`'s processing-duration histogram, as counter
   * notation for minutes 0 to `minutes`: from each phase's minute on, every minute brings the phase's mix of
   * decisions (`count` decisions taking `seconds`, for every pair).
   */
  function decisionSeries(phases: ReadonlyArray<{ readonly from: number; readonly mix: Mix }>, minutes: number): Array<{ le: number; values: string }> {
    const mixAt = (t: number) => [...phases].reverse().find((p) => p.from <= t)?.mix ?? [];
    return les.map((le) => ({
      le,
      values: counter((t) => mixAt(t).filter(([seconds]) => seconds <= le).reduce((total, [, count]) => total + count, 0), minutes),
    }));
  }
  function decisions(strategy: string, histogram: ReadonlyArray<{ le: number; values: string }>) {
    return histogram.map(({ le, values }) => series(buckets(signalProcessingDuration, { ...core, strategy, le: le === Number.POSITIVE_INFINITY ? '+Inf' : String(le) }), values));
  }

  const description = (strategy: string, p99: string) =>
    `99 % of strategy ${strategy}'s decisions took up to ${p99} over the last 5 minutes.`;

  /**
   * From `p99Seconds` (T) and `for`. Mixes of decision durations whose p99 lies just over or under T come from
   * quantileMixes (T need not be a bucket bound); the model computes the 5-minute bucket rates and their p99 as
   * Prometheus does, hence the minute the alert fires and the duration its description renders.
   */
  function latencyScenarios() {
    const T = p99Seconds;
    const pendingFor = pendingMinutes(pending);
    const largest = bounds[bounds.length - 1]!;
    const threshold = `the ${formatNumber(T)} s threshold`;
    const p99 = (histogram: ReadonlyArray<{ le: number; values: string }>) => {
      const samples = histogram.map(({ le, values }) => ({ le, samples: expand(values) }));
      return (t: number) => {
        const rates = samples.map(({ le, samples: s }) => ({ le, count: extrapolated(s, t, '5m', 'rate') }));
        return rates.some((r) => r.count === undefined) ? undefined : bucketQuantile(0.99, rates as Array<{ le: number; count: number }>);
      };
    };
    const holds = (histogram: ReadonlyArray<{ le: number; values: string }>) => (t: number) => (p99(histogram)(t) ?? Number.NaN) > T;
    const steady = (mix: Mix, minutes: number) => decisionSeries([{ from: 0, mix }], minutes);
    const firingMinute = (phases: ReadonlyArray<{ readonly from: number; readonly mix: Mix }>, horizon: number) => firstFiring(holds(decisionSeries(phases, horizon)), pending, horizon);
    const firing = (strategy: string, histogram: ReadonlyArray<{ le: number; values: string }>, t: number) => {
      const value = p99(histogram)(t);
      // Where the model has the alert quiet although the scenario says it must fire (T at or past the largest
      // bucket), the description is the one a working alert would render.
      return [{ labels: { strategy }, description: description(strategy, humanizeDuration(value !== undefined && !Number.isNaN(value) ? value : largest)) }];
    };
    // The first mix, closest to T, whose p99 the model confirms on the correct side of T from minute 5 on.
    const confirmed = (side: 'above' | 'below') =>
      quantileMixes(bounds, 0.99, T, side).find(({ mix }) => {
        const h = steady(mix, 10);
        return [5, 6, 7, 8, 9, 10].every((t) => (side === 'above' ? holds(h)(t) : !holds(h)(t)));
      })?.mix;
    const justAbove = confirmed('above');
    const justBelow = confirmed('below');
    const beyondLargest: Mix = [[2 * largest, 100]];
    // Before the onset: the just-under mix, or (a T below every achievable p99) the fastest decisions.
    const before = justBelow ?? [[bounds[0]!, 100]];
    const slow = justAbove ?? beyondLargest;

    // Decisions turn slow at minute `onset`: the 5-minute bucket rates move over five minutes, and the alert fires
    // `for` after the p99 first passes T.
    const onset = 5;
    const phases = [{ from: 0, mix: before }, { from: onset, mix: slow }];
    const horizon = onset + 6 + pendingFor;
    const fires = firingMinute(phases, horizon) ?? onset + 5 + pendingFor;
    const passes = firstFiring(holds(decisionSeries(phases, horizon)), undefined, horizon) ?? onset + 5;
    const turning = decisionSeries(phases, fires);

    // Decisions from minute 0: the rates exist from minute 1, so a p99 over T fires at `settled`.
    const settled = firingMinute([{ from: 0, mix: slow }], 6 + pendingFor) ?? 1 + pendingFor;
    const p99Of = (mix: Mix) => humanizeDuration(p99(steady(mix, settled))(settled)!);

    // The tail edge of a 99th percentile: with fast decisions at a bound at or under T and slow ones in a bucket
    // whose lower bound is at or over T, 1 % slow decisions leave the p99 at the fast bound, 2 % lift it past T.
    const fastBound = [...bounds].reverse().find((b) => b <= T);
    const slowIndex = les.findIndex((le, k) => (k === 0 ? 0 : les[k - 1]!) >= T);
    const slowSeconds = slowIndex < 0 ? undefined : les[slowIndex] === Number.POSITIVE_INFINITY ? (largest > T ? 2 * largest : undefined) : les[slowIndex];
    // Exactly 1 % puts the rank on the fast bucket's count, where the float rates may tip it into the next bucket:
    // the scale of the counts is the first the model confirms on both sides.
    const tail = (share: number, scale: number) => [[fastBound!, (100 - share) * scale], [slowSeconds!, share * scale]] as Mix;
    const scale =
      fastBound === undefined || slowSeconds === undefined
        ? undefined
        : [1, 2, 3, 4, 5, 10, 20, 50, 100].find((k) => !holds(steady(tail(1, k), settled))(settled) && firingAt(holds(steady(tail(2, k), settled)), pending, settled));
    const onePercent = scale === undefined ? undefined : tail(1, scale);
    const twoPercent = scale === undefined ? undefined : tail(2, scale);

    const scenarios = [
      scenario(
        justAbove
          ? `decisions turn slower at minute ${onset}: a p99 of ${humanizeDuration(p99(turning)(fires)!)}, over ${threshold} from minute ${passes}, fires at minute ${fires}`
          : // No p99 exceeds the largest bucket: an alert that works would still fire on decisions beyond it.
            `decisions turn slower than the largest bucket at minute ${onset} and fire at minute ${fires}`,
        { input: decisions('momentum', turning), at: at(fires), fires: firing('momentum', turning, fires), proves: justAbove ? ['firing-minute', 'edge-above'] : ['firing-minute'] },
      ),
      scenario(
        fires > passes
          ? `the same decisions are still pending at minute ${fires - 1}, one evaluation before they fire`
          : `the same decisions have a p99 of ${humanizeDuration(p99(turning)(fires - 1) ?? 0)} at minute ${fires - 1}, not over ${threshold}, and stay quiet`,
        { input: decisions('momentum', turning), at: at(fires - 1), fires: 'quiet', proves: ['pending'] },
      ),
    ];
    if (justBelow) {
      const exactly = p99(steady(justBelow, settled))(settled) === T;
      scenarios.push(
        scenario(`decisions with a p99 of ${p99Of(justBelow)}, ${exactly ? 'exactly at' : 'just under'} ${threshold}, stay quiet`, {
          input: decisions('momentum', steady(justBelow, settled)),
          at: at(settled),
          fires: 'quiet',
          proves: ['edge-below'],
        }),
      );
    }
    scenarios.push(
      scenario(`decisions slower than the largest bucket fire at its bound, ${humanizeDuration(largest)}`, {
        input: decisions('momentum', steady(beyondLargest, settled)),
        at: at(settled),
        fires: firing('momentum', steady(beyondLargest, settled), settled),
      }),
    );
    if (twoPercent && onePercent) {
      scenarios.push(
        scenario(`2% of decisions taking ${formatNumber(twoPercent[1]![0])} s, the rest ${formatNumber(fastBound!)} s, fire`, {
          input: decisions('momentum', steady(twoPercent, settled)),
          at: at(settled),
          fires: firing('momentum', steady(twoPercent, settled), settled),
          proves: ['edge-above'],
        }),
        scenario(`1% of decisions taking ${formatNumber(onePercent[1]![0])} s, the rest ${formatNumber(fastBound!)} s, stay quiet: the p99 stops at ${formatNumber(fastBound!)} s`, {
          input: decisions('momentum', steady(onePercent, settled)),
          at: at(settled),
          fires: 'quiet',
          proves: ['edge-below'],
        }),
      );
    }
    // Below every achievable p99 no decision is fast enough: the other strategy then makes none (0/0, no p99).
    const other: Mix = justBelow ?? [];
    scenarios.push(
      scenario(justBelow ? 'only the slow strategy fires' : 'only the slow strategy fires, the other making no decisions', {
        input: [...decisions('momentum', steady(other, settled)), ...decisions('breakout', steady(slow, settled))],
        at: at(settled),
        fires: firing('breakout', steady(slow, settled), settled),
      }),
    );
    return scenarios;
  }

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
    scenarios: latencyScenarios(),
  });
  return cdbSignalLatencyHigh;
}
