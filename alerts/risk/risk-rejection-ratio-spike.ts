/** CdbRiskRejectionRatioSpike: the risk manager rejects almost every signal. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { and, ge, gt, increase, select, sum } from '../../engine/promql';
import { riskDecisions } from '../../catalog/cdb';
import { rejectionRatio } from '../../recording-rules/risk';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbRiskRejectionRatioSpike(settings: Settings): AlertModel {
  const { ratio, minDecisions5m, for: pending } = settings.thresholds.CdbRiskRejectionRatioSpike;
  const risk = targetLabels('cdb_risk');
  const decisions = (decision: 'approved' | 'rejected', reason: string, values: string) =>
    series(select(riskDecisions, { ...risk, decision, reason }), values);
  const description = (share: string) =>
    `The risk manager rejected ${share} of its decisions in the last 5 minutes: almost no signal reaches execution.`;

  const cdbRiskRejectionRatioSpike = alert({
    name: 'CdbRiskRejectionRatioSpike',
    expr: and(gt(select(rejectionRatio), ratio), ge(sum.by(['job'], increase(select(riskDecisions).over('5m'))), minDecisions5m), {
      on: ['job'],
    }),
    for: pending,
    severity: 'warning',
    labels: cdbLabels('risk', 'cdb_risk'),
    summary: 'The risk manager rejects almost every signal.',
    description: description('{{ $value | humanizePercentage }}'),
    dashboard: { dashboard: DASHBOARD_IDS.risk, panel: 'Rejection ratio over time' },
    runbook: {
      meaning: `More than ${ratio * 100} % of the risk decisions were rejections over 5 minutes (\`job:cdb_risk_decisions_rejected:ratio_rate5m\`), with at least ${minDecisions5m} decisions in those 5 minutes, for ${pending}. The minimum keeps a trickle of signals from deciding the ratio: one rejection out of one decision is 100 %, and a strategy that signals once every few minutes into a full position limit would keep the ticket open all block long without telling anything new. Rejections at low volume are visible on the dashboard and, if they stop all trades, end in CdbZeroActivityPaperTrades.`,
      impact:
        'Signals are generated but do not become paper trades: the block measures the risk limits instead of the strategies, and the PnL and fill statistics rest on the few signals that pass.',
      diagnose: [
        'Open the risk dashboard, "Rejections per second by reason" (`decision_reason:cdb_risk_decisions:rate5m{decision="rejected"}`): the reason says which rule rejects.',
        '`circuit_breaker`: see CdbCircuitBreakerOpen. `max_exposure` or `position_limit`: check "Exposure of limit over time" and "Exposure by symbol"; positions that never close (failed sells, a stuck execution) fill the limit.',
        '`max_drawdown`: compare "Drawdown vs limit"; the risk manager is protecting the block.',
        '`stale_signal`: signals arrive too late; check the signal latency (`strategy:cdb_signal_processing_duration_seconds:p99_rate5m`), the Redis bus and market-data freshness.',
      ],
      mitigate: [
        'Fix what fills the limits (close stuck positions, fix failing sell orders in cdb_execution) rather than raising a limit during a block.',
        'For `stale_signal`, fix the latency or the bus backlog first.',
        'If a strategy is meant to be filtered this heavily, raise `ratio` of CdbRiskRejectionRatioSpike in alerts/thresholds.ts in a reviewed change, and record why.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario('every decision rejected at two a minute fires after the for duration', {
        input: [decisions('rejected', 'max_exposure', '0+2x40'), decisions('approved', 'within_limits', '0x40')],
        at: '30m',
        fires: [{ labels: { job: 'cdb_risk' }, description: description('100%') }],
      }),
      scenario('19 rejections in 20 decisions a minute fire', {
        input: [decisions('rejected', 'position_limit', '0+19x40'), decisions('approved', 'within_limits', '0+1x40')],
        at: '30m',
        fires: [{ labels: { job: 'cdb_risk' }, description: description('95%') }],
      }),
      scenario('a ratio just under the threshold stays quiet', {
        input: [decisions('rejected', 'max_exposure', '0+17x40'), decisions('approved', 'within_limits', '0+3x40')],
        at: '30m',
        fires: 'quiet',
      }),
      scenario('one rejection out of one decision stays quiet', {
        input: [decisions('rejected', 'stale_signal', '0x10 1x30')],
        at: '30m',
        fires: 'quiet',
      }),
      scenario('a trickle of one rejection every five minutes stays quiet all block long', {
        input: [decisions('rejected', 'position_limit', '0x4 1x4 2x4 3x4 4x4 5x4 6x4 7x4 8x4 9x4 10x4 11x4 12x4')],
        at: '60m',
        fires: 'quiet',
      }),
      scenario('a spike shorter than the for duration stays quiet', {
        input: [decisions('rejected', 'max_exposure', '0x20 0+2x10'), decisions('approved', 'within_limits', '0+2x20 40x10')],
        at: '30m',
        fires: 'quiet',
      }),
    ],
  });
  return cdbRiskRejectionRatioSpike;
}
