/** CdbExecutionLatencyHigh: paper orders take too long to complete. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at, firesAt } from '../../engine/rules/derive';
import { humanizeDuration } from '../../engine/rules/humanize';
import { buckets, gt, select } from '../../engine/promql';
import { orderExecutionDuration } from '../../catalog/cdb';
import { executionDurationP99 } from '../../recording-rules/paper-execution';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel, AlertScenarioModel, ScenarioSeries } from '../../engine/model/alerts';
import { afterFor, counter, promtoolValues, rateAt } from '../risk/scenario-samples';
import { bucketQuantile, cumulative, digitsApart, observationsAround, type Observations } from './histogram-samples';

export function cdbExecutionLatencyHigh(settings: Settings): AlertModel {
  const { p99Seconds, for: pending } = settings.thresholds.CdbExecutionLatencyHigh;
  const execution = targetLabels('cdb_execution');

  const description = (p99: string) => `99 % of paper orders completed within ${p99} over the last 5 minutes.`;

  /** The quantile and the 5-minute window of job:cdb_order_execution_duration_seconds:p99_rate5m. */
  const QUANTILE = 0.99;
  const WINDOW = 5;
  const BOUNDS = orderExecutionDuration.buckets!;
  const UPPER_BOUNDS = [...BOUNDS, Number.POSITIVE_INFINITY];

  /** The bucket series of the histogram with `o` observations a minute from minute 0 to `until`. */
  function input(o: Observations, until: number): ScenarioSeries[] {
    const perMinute = cumulative(o);
    return UPPER_BOUNDS.map((le, i) =>
      series(
        buckets(orderExecutionDuration, { ...execution, le: le === Number.POSITIVE_INFINITY ? '+Inf' : String(le) }),
        promtoolValues(counter(until, () => perMinute[i]!)),
      ),
    );
  }
  /** The p99 the recording rule holds at minute t (NaN without observations or before the first rate). */
  function p99At(o: Observations, minute: number): number {
    const perMinute = cumulative(o);
    const rates = UPPER_BOUNDS.map((upperBound, i) => ({ upperBound, count: rateAt(counter(minute, () => perMinute[i]!), minute, WINDOW) }));
    if (rates.some((r) => r.count === undefined)) return Number.NaN;
    return bucketQuantile(QUANTILE, rates as Array<{ upperBound: number; count: number }>);
  }

  function scenarios(): AlertScenarioModel[] {
    // Observations from minute 0: the p99 has its first rate, and holds, at minute 1.
    const HOLDS = 1;
    const fires = firesAt(HOLDS, pending);
    const minutes = Array.from({ length: fires - HOLDS + 1 }, (_, i) => HOLDS + i);
    /** The closest observations whose p99 is on `side` of the threshold at every minute from HOLDS to `fires`. */
    const around = (side: 'above' | 'below') => {
      for (const o of observationsAround(BOUNDS, QUANTILE, p99Seconds, side)) {
        if (minutes.every((t) => (p99At(o, t) > p99Seconds) === (side === 'above'))) return o;
      }
      return undefined;
    };
    const top = BOUNDS.at(-1)!;
    const above = around('above');
    // histogram_quantile never returns more than the largest finite bound (10 s): with p99Seconds at or above it, no
    // input makes the alert fire. That is a fault of the alert for such settings, not of the scenario, which then
    // feeds orders slower than every bound and fails under promtool rather than hide it.
    const slow = above ?? { perBucket: [...BOUNDS.map(() => 0), 10] };
    const slowName = above
      ? `orders with a p99 of ${digitsApart(p99At(slow, fires), p99Seconds)} s, just above the ${p99Seconds} s threshold,`
      : `orders slower than every bucket bound (over ${top} s), above the ${p99Seconds} s threshold,`;
    const out = [
      scenario(`${slowName} fire at minute ${fires}, ${afterFor(pending)}`, {
        input: input(slow, fires),
        at: at(fires),
        fires: [{ labels: { job: execution.job }, description: description(humanizeDuration(p99At(slow, fires))) }],
        // Just above the threshold when observations can put the p99 there; otherwise only the firing minute.
        proves: above ? ['firing-minute', 'edge-above'] : ['firing-minute'],
      }),
      scenario(`the same orders are still quiet at minute ${fires - 1}, one evaluation before they fire`, {
        input: input(slow, fires - 1),
        at: at(fires - 1),
        fires: 'quiet',
        proves: ['pending'],
      }),
    ];
    // The lowest p99 any observation gives is 0.99 × the first bound: no p99 is at or below a threshold under it.
    const below = around('below');
    if (below) {
      const p99 = digitsApart(p99At(below, fires), p99Seconds);
      out.push(
        scenario(`orders with a p99 of ${p99} s, ${p99 === p99Seconds ? 'at' : 'just below'} the ${p99Seconds} s threshold, stay quiet at minute ${fires}`, {
          input: input(below, fires),
          at: at(fires),
          fires: 'quiet',
          proves: ['edge-below'],
        }),
      );
    }
    out.push(
      scenario(`no orders at all is no latency: quiet at minute ${fires}`, {
        input: input({ perBucket: UPPER_BOUNDS.map(() => 0) }, fires),
        at: at(fires),
        fires: 'quiet',
      }),
    );
    return out;
  }

  const cdbExecutionLatencyHigh = alert({
    name: 'CdbExecutionLatencyHigh',
    expr: gt(select(executionDurationP99), p99Seconds),
    for: pending,
    severity: 'warning',
    labels: cdbLabels('paper-execution', 'cdb_execution'),
    summary: 'Paper orders take too long to execute.',
    description: description('{{ $value | humanizeDuration }}'),
    dashboard: { dashboard: DASHBOARD_IDS.paperExecution, panel: 'Execution latency' },
    runbook: {
      meaning: `The 99th percentile of the time from an approved signal to a filled or failed order is above ${p99Seconds} s, for ${pending}.`,
      impact: 'Slow execution fills at prices the signal did not see: slippage grows and the paper results overstate what live trading would do.',
      diagnose: [
        'Compare with the slippage panel: slow fills with growing slippage point at the paper exchange adapter.',
        'Check the bus between risk and execution: `topic:cdb_bus_messages_consumed:rate5m{topic="orders"}` below published means execution is behind.',
        'Check CPU and memory of cdb_execution on the system dashboard.',
      ],
      mitigate: ['Relieve the bottleneck found above (CPU limit, adapter timeouts, a stuck consumer), or roll back a recent deploy of cdb_execution.'],
    },
    source: import.meta.url,
    scenarios: scenarios(),
  });
  return cdbExecutionLatencyHigh;
}
