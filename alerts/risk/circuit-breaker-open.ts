/** CdbCircuitBreakerOpen: the risk circuit breaker has stopped all trading. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { eq, select } from '../../engine/promql';
import { riskCircuitBreakerOpen } from '../../catalog/cdb';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbCircuitBreakerOpen(settings: Settings): AlertModel {
  const { for: pending } = settings.thresholds.CdbCircuitBreakerOpen;
  const risk = targetLabels('cdb_risk');
  const breaker = (values: string) => series(select(riskCircuitBreakerOpen, risk), values);
  const description = (instance: string) =>
    `The circuit breaker of ${instance} is open: every signal is rejected and no paper trade is placed until it closes.`;

  const cdbCircuitBreakerOpen = alert({
    name: 'CdbCircuitBreakerOpen',
    expr: eq(select(riskCircuitBreakerOpen), 1),
    for: pending,
    severity: 'critical',
    labels: cdbLabels('risk'),
    summary: 'The risk circuit breaker is open: trading has stopped.',
    description: description('{{ $labels.instance }}'),
    dashboard: { dashboard: DASHBOARD_IDS.risk, panel: 'Circuit breaker over time' },
    runbook: {
      meaning: `\`cdb_risk_circuit_breaker_open\` has been 1 for ${pending}: the risk manager tripped its circuit breaker and rejects every signal with reason \`circuit_breaker\`.`,
      impact:
        'The block stops trading: no approved signal, no paper order, no PnL. If nobody acts the block runs on without evidence and CdbZeroActivityPaperTrades follows after 24h. The breaker is a protection, not a fault: the question is what tripped it.',
      diagnose: [
        'Open the risk dashboard, "Circuit breaker over time", to see when it opened, and "Limit breaches per hour by limit" (`limit:cdb_risk_limit_breaches:increase1h`) for the limit that tripped it just before.',
        '`daily_loss` or `max_drawdown` breaches: compare "Drawdown vs limit" and the PnL of the paper execution dashboard; a real loss streak is the breaker doing its job.',
        'No breach before the trip: read the cdb_risk logs around the opening for the trigger (stale market data, an error in the exposure calculation, a manual trip).',
        'Check market data (`exchange:cdb_ws_last_message_age_seconds:min`): stale prices can make exposure or PnL look wrong and trip the breaker.',
      ],
      mitigate: [
        'If a genuine loss limit tripped it, leave it open: record the trip in the block log and let the block review decide whether to reset and continue.',
        'If the trigger was a fault (stale prices, a calculation bug), fix the cause first, then reset the breaker as described in the cdb_risk operations notes and watch `cdb_risk_circuit_breaker_open` return to 0.',
        'Never raise a loss limit to close the breaker during a block.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario('the breaker opens at minute 10 and stays open', {
        input: [breaker('0x10 1x20')],
        at: '20m',
        fires: [{ labels: risk, description: description(risk.instance) }],
      }),
      scenario('a closed breaker stays quiet', { input: [breaker('0x30')], at: '30m', fires: 'quiet' }),
      scenario('a breaker that trips and closes within the for duration stays quiet', {
        input: [breaker('0x10 1x0 0x19')],
        at: '10m',
        fires: 'quiet',
      }),
    ],
  });
  return cdbCircuitBreakerOpen;
}
