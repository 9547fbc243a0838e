/** CdbDrawdownOverLimit: the paper account's drawdown is beyond its configured maximum. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at, firesAt } from '../../engine/rules/derive';
import { humanizePercentage } from '../../engine/rules/humanize';
import { gt, select } from '../../engine/promql';
import { riskDrawdown, riskDrawdownLimit } from '../../catalog/cdb';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel, AlertScenarioModel } from '../../engine/model/alerts';
import { afterFor, gauge, percent, promtoolValues } from './scenario-samples';

export function cdbDrawdownOverLimit(settings: Settings): AlertModel {
  const { for: pending } = settings.thresholds.CdbDrawdownOverLimit;
  const risk = targetLabels('cdb_risk');
  /** The comparison matches `on (job, instance)`, so the result keeps only those labels; `service` is static. */
  const resultLabels = { job: risk.job, instance: risk.instance };
  /** Drawdown and limit series with `valueAt(t)` at every minute t up to `until`. */
  const drawdown = (until: number, valueAt: (minute: number) => number) => series(select(riskDrawdown, risk), promtoolValues(gauge(until, valueAt)));
  const limit = (until: number, valueAt: (minute: number) => number) => series(select(riskDrawdownLimit, risk), promtoolValues(gauge(until, valueAt)));
  const description = (share: string) =>
    `The drawdown of paper equity from its peak in this block is ${share}, above the configured maximum drawdown.`;

  /**
   * The limit is a metric, not a setting: the scenarios choose it (LIMIT) and a drawdown one basis point above it,
   * which `>` must see, and one exactly at it, which `>` must not. The drawdown crosses at minute CROSSES; the
   * comparison holds from that evaluation, so the alert fires once it has held for `for`.
   */
  function scenarios(): AlertScenarioModel[] {
    const LIMIT = 0.1;
    const JUST_ABOVE = 0.1001;
    const BEFORE = 0.05;
    const CROSSES = 1;
    const fires = firesAt(CROSSES, pending);
    const crossing = (to: number) => (t: number) => (t < CROSSES ? BEFORE : to);
    const fixedLimit = (until: number) => limit(until, () => LIMIT);
    // The limit is raised at the minute the alert would fire, or (with no `for`) the minute after it fired.
    const raised = Math.max(fires, CROSSES + 1);
    const RAISED_LIMIT = 0.15;
    return [
      scenario(`a drawdown of ${percent(JUST_ABOVE)}, just above its ${percent(LIMIT)} limit from minute ${CROSSES}, fires at minute ${fires}, ${afterFor(pending)}`, {
        input: [drawdown(fires, crossing(JUST_ABOVE)), fixedLimit(fires)],
        at: at(fires),
        fires: [{ labels: resultLabels, description: description(humanizePercentage(JUST_ABOVE)) }],
        proves: ['firing-minute', 'edge-above'],
      }),
      scenario(`the same drawdown is still quiet at minute ${fires - 1}, one evaluation before it fires`, {
        input: [drawdown(fires - 1, crossing(JUST_ABOVE)), fixedLimit(fires - 1)],
        at: at(fires - 1),
        fires: 'quiet',
        proves: ['pending'],
      }),
      scenario(`a drawdown exactly at its limit from minute ${CROSSES} stays quiet at minute ${fires}`, {
        input: [drawdown(fires, crossing(LIMIT)), fixedLimit(fires)],
        at: at(fires),
        fires: 'quiet',
        proves: ['edge-below'],
      }),
      scenario(`a limit raised to ${percent(RAISED_LIMIT)} at minute ${raised}, above the drawdown, leaves it quiet at minute ${raised}`, {
        input: [drawdown(raised, crossing(JUST_ABOVE)), limit(raised, (t) => (t < raised ? LIMIT : RAISED_LIMIT))],
        at: at(raised),
        fires: 'quiet',
      }),
    ];
  }

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
      meaning: `\`cdb_risk_drawdown_ratio\` has been above \`cdb_risk_drawdown_limit_ratio\` of the same cdb_risk instance for ${pending}. The risk manager should reject new positions with reason \`max_drawdown\` from the moment the limit is reached; a drawdown that goes on beyond it means open positions keep losing or the limit is not enforced. Without either gauge, or with one outside [0, 1], the comparison cannot hold: CdbRiskGaugeMissing and CdbRiskGaugeImplausible page instead.`,
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
    scenarios: scenarios(),
  });
  return cdbDrawdownOverLimit;
}
