/** CdbCircuitBreakerOpen: the risk circuit breaker has stopped all trading. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at, firesAt } from '../../engine/rules/derive';
import { eq, select } from '../../engine/promql';
import { riskCircuitBreakerOpen } from '../../catalog/cdb';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel, AlertScenarioModel } from '../../engine/model/alerts';
import { afterFor, gauge, plural, promtoolValues } from './scenario-samples';

export function cdbCircuitBreakerOpen(settings: Settings): AlertModel {
  const { for: pending } = settings.thresholds.CdbCircuitBreakerOpen;
  const risk = targetLabels('cdb_risk');
  /** The breaker's state at every minute up to `until`: 1 open, 0 closed. */
  const breaker = (until: number, open: (minute: number) => boolean) =>
    series(select(riskCircuitBreakerOpen, risk), promtoolValues(gauge(until, (t) => (open(t) ? 1 : 0))));
  const description = (instance: string) =>
    `The circuit breaker of ${instance} is open: every signal is rejected and no paper trade is placed until it closes.`;

  /**
   * The breaker opens at minute OPENS and the condition holds from that evaluation on, so the alert fires once it
   * has held for `for`: at `fires`, and not one evaluation before.
   */
  function scenarios(): AlertScenarioModel[] {
    const OPENS = 1;
    const fires = firesAt(OPENS, pending);
    const firing = [{ labels: risk, description: description(risk.instance) }];
    const out = [
      scenario(`the breaker opens at minute ${OPENS} and stays open: it fires at minute ${fires}, ${afterFor(pending)}`, {
        input: [breaker(fires, (t) => t >= OPENS)],
        at: at(fires),
        fires: firing,
        proves: ['firing-minute'],
      }),
      scenario(`the same breaker is still quiet at minute ${fires - 1}, one evaluation before it fires`, {
        input: [breaker(fires - 1, (t) => t >= OPENS)],
        at: at(fires - 1),
        fires: 'quiet',
        proves: ['pending'],
      }),
      scenario(`a closed breaker stays quiet at minute ${fires}`, { input: [breaker(fires, () => false)], at: at(fires), fires: 'quiet' }),
    ];
    // With a `for`, a breaker that closes again at the evaluation it would fire has not been open long enough.
    if (fires > OPENS) {
      out.push(
        scenario(`a breaker open for ${plural(fires - OPENS, 'minute')} from minute ${OPENS}, closed again at minute ${fires}, one evaluation short of for ${pending}, stays quiet`, {
          input: [breaker(fires, (t) => t >= OPENS && t < fires)],
          at: at(fires),
          fires: 'quiet',
        }),
      );
    }
    return out;
  }

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
    scenarios: scenarios(),
  });
  return cdbCircuitBreakerOpen;
}
