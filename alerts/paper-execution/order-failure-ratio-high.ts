/** CdbOrderFailureRatioHigh: too many paper orders fail. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at, countsAround, firesAt } from '../../engine/rules/derive';
import { humanizePercentage } from '../../engine/rules/humanize';
import { gt, select } from '../../engine/promql';
import { ordersFailed, ordersSubmitted } from '../../catalog/cdb';
import { failureRatio } from '../../recording-rules/paper-execution';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel, AlertScenarioModel, ScenarioSeries } from '../../engine/model/alerts';
import { afterFor, burstEndingAt, counter, percent, plural, promtoolValues, rateAt, type Samples } from '../risk/scenario-samples';

export function cdbOrderFailureRatioHigh(settings: Settings): AlertModel {
  const { ratio, for: pending } = settings.thresholds.CdbOrderFailureRatioHigh;
  const execution = targetLabels('cdb_execution');
  const description = (share: string) => `${share} of the orders submitted in the last 5 minutes failed.`;

  /** The 5-minute window of job:cdb_orders_failed:ratio_rate5m, which the expression compares. */
  const WINDOW = 5;

  /** Orders up to minute `until`: `submitted(t)` submitted and `failed(t)` failed during minute t. */
  interface Orders {
    readonly submitted: Samples;
    readonly failed: Samples;
  }
  const orders = (until: number, submitted: (t: number) => number, failed: (t: number) => number): Orders => ({
    submitted: counter(until, submitted),
    failed: counter(until, failed),
  });
  const input = (o: Orders): ScenarioSeries[] => [
    series(select(ordersSubmitted, { ...execution, side: 'buy' }), promtoolValues(o.submitted)),
    series(select(ordersFailed, { ...execution, reason: 'rejected' }), promtoolValues(o.failed)),
  ];
  /** What the expression returns at minute t, the failure ratio, or undefined when it returns nothing. */
  function returned(o: Orders, minute: number): number | undefined {
    const failed = rateAt(o.failed, minute, WINDOW);
    const submitted = rateAt(o.submitted, minute, WINDOW);
    if (failed === undefined || submitted === undefined) return undefined;
    const share = failed / submitted;
    return share > ratio ? share : undefined;
  }
  /** The alert expected at minute t, with the description rendered from the ratio the expression returns then. */
  function firingAt(o: Orders, minute: number) {
    const share = returned(o, minute);
    if (share === undefined) throw new Error(`CdbOrderFailureRatioHigh scenario: the expression returns nothing at minute ${minute}`);
    return [{ labels: { job: execution.job }, description: description(humanizePercentage(share)) }];
  }

  function scenarios(): AlertScenarioModel[] {
    const { total, above, below } = countsAround(ratio);
    // Orders from minute 0: the ratio has its first rate, and holds, at minute 1.
    const HOLDS = 1;
    const fires = firesAt(HOLDS, pending);
    const steady = (until: number, failures: number) => orders(until, () => total, () => failures);
    const ofTotal = (failures: number) => `${failures} of ${total} orders a minute failing (${percent(failures / total)})`;
    const out = [
      scenario(`${ofTotal(above)}, just above the ${percent(ratio)} threshold, fire at minute ${fires}, ${afterFor(pending)}`, {
        input: input(steady(fires, above)),
        at: at(fires),
        fires: firingAt(steady(fires, above), fires),
        proves: ['firing-minute', 'edge-above'],
      }),
      scenario(`the same failures are still quiet at minute ${fires - 1}, one evaluation before they fire`, {
        input: input(steady(fires - 1, above)),
        at: at(fires - 1),
        fires: 'quiet',
        proves: ['pending'],
      }),
    ];
    // Nothing is below a ratio of 0: any failure is above it.
    if (below !== undefined) {
      out.push(
        scenario(`${ofTotal(below)}, just below the ${percent(ratio)} threshold, stay quiet at minute ${fires}`, {
          input: input(steady(fires, below)),
          at: at(fires),
          fires: 'quiet',
          proves: ['edge-below'],
        }),
      );
    }
    // A burst of failures that ends so that the ratio, lagging it by up to the window, holds until one evaluation
    // before the alert would fire. With no `for`, or a `for` shorter than that lag, there is none.
    const burst = (minutes: number, until: number) => orders(until, () => total, (t) => (t <= minutes ? above : 0));
    const burstMinutes = fires > HOLDS ? burstEndingAt((m) => (t) => returned(burst(m, t), t) !== undefined, HOLDS, fires - 1) : undefined;
    if (burstMinutes !== undefined) {
      out.push(
        scenario(`a failure burst lasting ${plural(burstMinutes, 'minute')} holds the ratio until minute ${fires - 1}, one evaluation short of for ${pending}, and stays quiet at minute ${fires}`, {
          input: input(burst(burstMinutes, fires)),
          at: at(fires),
          fires: 'quiet',
        }),
      );
    }
    out.push(scenario(`no orders at all is not a failure ratio: quiet at minute ${fires}`, { input: input(orders(fires, () => 0, () => 0)), at: at(fires), fires: 'quiet' }));
    return out;
  }

  const cdbOrderFailureRatioHigh = alert({
    name: 'CdbOrderFailureRatioHigh',
    expr: gt(select(failureRatio), ratio),
    for: pending,
    severity: 'warning',
    labels: cdbLabels('paper-execution', 'cdb_execution'),
    summary: 'Many paper orders fail.',
    description: description('{{ $value | humanizePercentage }}'),
    dashboard: { dashboard: DASHBOARD_IDS.paperExecution, panel: 'Order failure ratio' },
    runbook: {
      meaning: `More than ${ratio * 100} % of submitted paper orders failed over 5 minutes, for ${pending}.`,
      impact: 'Approved signals do not turn into trades: PnL and fill statistics of the block are biased towards the orders that happen to pass.',
      diagnose: [
        'Read the failure reasons: `reason:cdb_orders_failed:rate5m` ("Orders failed by reason" on the paper execution dashboard).',
        '`insufficient_balance`: the paper account ran out of quote currency; check `cdb_equity` and open positions.',
        '`rejected` or `error`: read the cdb_execution logs for the paper exchange responses; `timeout`: check market-data freshness and the execution latency.',
      ],
      mitigate: [
        'Fix the cause the reasons point at (balance, order sizing, paper exchange adapter).',
        'If the failures come from a deploy of cdb_execution, roll it back.',
      ],
    },
    source: import.meta.url,
    scenarios: scenarios(),
  });
  return cdbOrderFailureRatioHigh;
}
