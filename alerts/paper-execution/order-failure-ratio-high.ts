/** CdbOrderFailureRatioHigh: too many paper orders fail. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { gt, select } from '../../engine/promql';
import { ordersFailed, ordersSubmitted } from '../../catalog/cdb';
import { failureRatio } from '../../recording-rules/paper-execution';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbOrderFailureRatioHigh(settings: Settings): AlertModel {
  const { ratio, for: pending } = settings.thresholds.CdbOrderFailureRatioHigh;
  const execution = targetLabels('cdb_execution');
  const submitted = (values: string) => series(select(ordersSubmitted, { ...execution, side: 'buy' }), values);
  const failed = (values: string) => series(select(ordersFailed, { ...execution, reason: 'rejected' }), values);

  const cdbOrderFailureRatioHigh = alert({
    name: 'CdbOrderFailureRatioHigh',
    expr: gt(select(failureRatio), ratio),
    for: pending,
    severity: 'warning',
    labels: cdbLabels('paper-execution', 'cdb_execution'),
    summary: 'Many paper orders fail.',
    description: '{{ $value | humanizePercentage }} of the orders submitted in the last 5 minutes failed.',
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
    scenarios: [
      scenario('three failures in ten orders for 20 minutes fire', {
        input: [submitted('0+10x40'), failed('0+3x40')],
        at: '30m',
        fires: [{ labels: { job: 'cdb_execution' }, description: '30% of the orders submitted in the last 5 minutes failed.' }],
      }),
      scenario('one failure in ten orders stays quiet', { input: [submitted('0+10x40'), failed('0+1x40')], at: '30m', fires: 'quiet' }),
      scenario('a failure burst shorter than the for duration stays quiet', {
        input: [submitted('0+10x40'), failed('0x20 0+5x5 25x15')],
        at: '30m',
        fires: 'quiet',
      }),
      scenario('no orders at all is not a failure ratio', { input: [submitted('0x40'), failed('0x40')], at: '30m', fires: 'quiet' }),
    ],
  });
  return cdbOrderFailureRatioHigh;
}
