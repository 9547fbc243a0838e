/** CdbDrawdownOverLimit: the paper account's drawdown is beyond its configured maximum. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { gt, select } from '../../engine/promql';
import { riskDrawdown, riskDrawdownLimit } from '../../catalog/cdb';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbDrawdownOverLimit(settings: Settings): AlertModel {
  const { for: pending } = settings.thresholds.CdbDrawdownOverLimit;
  const risk = targetLabels('cdb_risk');
  /** The comparison matches `on (job, instance)`, so the result keeps only those labels; `service` is static. */
  const resultLabels = { job: risk.job, instance: risk.instance };
  const drawdown = (values: string) => series(select(riskDrawdown, risk), values);
  const limit = (values: string) => series(select(riskDrawdownLimit, risk), values);
  const description = (share: string) =>
    `The drawdown of paper equity from its peak in this block is ${share}, above the configured maximum drawdown.`;

  const cdbDrawdownOverLimit = alert({
    name: 'CdbDrawdownOverLimit',
    expr: gt(select(riskDrawdown), select(riskDrawdownLimit), { on: ['job', 'instance'] }),
    for: pending,
    severity: 'critical',
    labels: cdbLabels('risk', 'cdb_risk'),
    summary: 'The drawdown is over its configured limit.',
    description: description('{{ $value | humanizePercentage }}'),
    dashboard: { dashboard: DASHBOARD_IDS.risk, panel: 'Drawdown vs limit' },
    runbook: {
      meaning: `\`cdb_risk_drawdown_ratio\` has been above \`cdb_risk_drawdown_limit_ratio\` of the same cdb_risk instance for ${pending}. The risk manager should reject new positions with reason \`max_drawdown\` from the moment the limit is reached; a drawdown that goes on beyond it means open positions keep losing or the limit is not enforced. The alert stays quiet when the limit metric is missing; check the "Drawdown vs limit" panel for a limit line.`,
      impact:
        'The block has lost more than the loss budget it was allowed: its results are outside the tested risk envelope and the block review has to decide whether it continues. In live trading this would be real money; in paper trading it is the signal that a strategy or the risk rules are wrong.',
      diagnose: [
        'Open the risk dashboard, "Drawdown vs limit" and "Drawdown of limit over time": a sudden jump points at one losing position, a steady climb at a strategy that keeps losing.',
        'Check that the limit is enforced: "Rejections per second by reason" should show `max_drawdown` rejections; new approvals (`decision_reason:cdb_risk_decisions:rate5m{decision="approved"}`) after the breach mean the rule is not applied.',
        'Check the open positions and PnL on the paper execution dashboard: positions that cannot be closed (failed sell orders) keep the drawdown growing.',
        'Check market data freshness: stale or wrong prices (`exchange:cdb_ws_last_message_age_seconds:min`) can inflate the computed drawdown.',
      ],
      mitigate: [
        'Stop new positions: if cdb_risk does not reject them, trip its circuit breaker by hand.',
        'Let the block review decide about closing open positions; record the breach, its time and size in the block log.',
        'If the drawdown is a calculation error (stale prices, a wrong equity peak), fix cdb_risk and note the corrected figures; never raise the limit to silence the alert during a block.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario('a drawdown of 12 % against a 10 % limit fires', {
        input: [drawdown('0.05x10 0.12x20'), limit('0.1x30')],
        at: '20m',
        fires: [{ labels: resultLabels, description: description('12%') }],
      }),
      scenario('a drawdown under the limit stays quiet', { input: [drawdown('0.08x30'), limit('0.1x30')], at: '30m', fires: 'quiet' }),
      scenario('a drawdown exactly at the limit stays quiet', { input: [drawdown('0.1x30'), limit('0.1x30')], at: '30m', fires: 'quiet' }),
      scenario('a drawdown over the limit for less than the for duration stays quiet', {
        input: [drawdown('0.05x10 0.12x20'), limit('0.1x30')],
        at: '11m',
        fires: 'quiet',
      }),
      scenario('a limit raised above the drawdown stays quiet', {
        input: [drawdown('0.12x30'), limit('0.1x10 0.15x20')],
        at: '30m',
        fires: 'quiet',
      }),
    ],
  });
  return cdbDrawdownOverLimit;
}
