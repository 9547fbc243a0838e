/**
 * CdbRiskGaugeMissing: cdb_risk is up but does not export its circuit breaker or drawdown gauges, so
 * CdbCircuitBreakerOpen and CdbDrawdownOverLimit are blind. The guard that keeps them failing closed.
 */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at, firesAt } from '../../engine/rules/derive';
import { select } from '../../engine/promql';
import { riskCircuitBreakerOpen, riskDrawdown, riskDrawdownLimit } from '../../catalog/cdb';
import { exporters } from '../../catalog';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel, AlertScenarioModel, ScenarioSeries } from '../../engine/model/alerts';
import { MISSING_LABEL, missingWhileUp } from './missing-while-up';
import { afterFor, gauge, promtoolValues } from './scenario-samples';

export function cdbRiskGaugeMissing(settings: Settings): AlertModel {
  const { for: pending } = settings.thresholds.CdbRiskGaugeMissing;
  const risk = targetLabels('cdb_risk');
  /** The gauges the critical risk alerts read, with the alert each one blinds and a healthy value. */
  const GAUGES = [
    { metric: riskCircuitBreakerOpen, blinds: 'CdbCircuitBreakerOpen', value: 0 },
    { metric: riskDrawdown, blinds: 'CdbDrawdownOverLimit', value: 0.02 },
    { metric: riskDrawdownLimit, blinds: 'CdbDrawdownOverLimit', value: 0.1 },
  ] as const;
  const description = (instance: string, missing: string) =>
    `cdb_risk on ${instance} is up but exports no ${missing}: the circuit breaker and drawdown alerts cannot fire.`;
  const firing = (missing: string) => [{ labels: { ...risk, [MISSING_LABEL]: missing }, description: description(risk.instance, missing) }];

  /**
   * Scenario input up to minute `until`: cdb_risk up (or down with `up` 0) with its gauges at healthy values; the
   * gauges in `stopped` are no longer exported from minute `stops` on (a stale marker, as Prometheus writes when a
   * series leaves a successful scrape).
   */
  function input(until: number, stopped: readonly string[], stops: number, up = 1): ScenarioSeries[] {
    return [
      series(select(exporters.up, risk), promtoolValues(gauge(until, () => up))),
      ...GAUGES.map((g) => {
        const stop = stopped.includes(g.metric.name) ? Math.min(stops, until + 1) : until + 1;
        const kept = promtoolValues(gauge(stop - 1, () => g.value));
        return series(select(g.metric, risk), stop <= until ? `${kept} stale` : kept);
      }),
    ];
  }

  function scenarios(): AlertScenarioModel[] {
    const STOPS = 2;
    const fires = firesAt(STOPS, pending);
    const [breaker, ...drawdownGauges] = GAUGES;
    return [
      scenario(`the circuit breaker gauge stops being exported at minute ${STOPS} while cdb_risk is up: fires at minute ${fires}, ${afterFor(pending)}`, {
        input: input(fires, [breaker.metric.name], STOPS),
        at: at(fires),
        fires: firing(breaker.metric.name),
        proves: ['firing-minute', 'evidence-loss'],
        guards: [breaker.blinds],
      }),
      scenario(`the same loss is still quiet at minute ${fires - 1}, one evaluation before it fires`, {
        input: input(fires - 1, [breaker.metric.name], STOPS),
        at: at(fires - 1),
        fires: 'quiet',
        proves: ['pending'],
      }),
      ...drawdownGauges.map((g) =>
        scenario(`${g.metric.name} stops being exported at minute ${STOPS}: fires at minute ${fires}`, {
          input: input(fires, [g.metric.name], STOPS),
          at: at(fires),
          fires: firing(g.metric.name),
          proves: ['evidence-loss'],
          guards: [g.blinds],
        }),
      ),
      scenario(`every gauge exported stays quiet at minute ${fires}`, { input: input(fires, [], STOPS), at: at(fires), fires: 'quiet' }),
      scenario(`cdb_risk down, its gauges gone with it, is CdbTargetDown's page, not this one: quiet at minute ${fires}`, {
        input: input(fires, GAUGES.map((g) => g.metric.name), STOPS, 0),
        at: at(fires),
        fires: 'quiet',
      }),
    ];
  }

  const cdbRiskGaugeMissing = alert({
    name: 'CdbRiskGaugeMissing',
    expr: missingWhileUp(risk.job, GAUGES.map((g) => select(g.metric))),
    for: pending,
    severity: 'critical',
    labels: cdbLabels('risk'),
    summary: 'The risk manager does not export its circuit breaker or drawdown: the risk alerts are blind.',
    description: description('{{ $labels.instance }}', `{{ $labels.${MISSING_LABEL} }}`),
    dashboard: { dashboard: DASHBOARD_IDS.risk, panel: 'Circuit breaker over time' },
    runbook: {
      meaning: `cdb_risk has been scraped successfully for ${pending} without exporting the gauge named in the \`${MISSING_LABEL}\` label: \`cdb_risk_circuit_breaker_open\` (read by CdbCircuitBreakerOpen), \`cdb_risk_drawdown_ratio\` or \`cdb_risk_drawdown_limit_ratio\` (read by CdbDrawdownOverLimit). Without it those alerts cannot fire, so this guard pages in their place. A cdb_risk that cannot be scraped at all is CdbTargetDown.`,
      impact:
        'A tripped circuit breaker or a drawdown beyond its limit would not page: the block could run on with trading stopped, or keep losing past its loss budget, unnoticed.',
      diagnose: [
        'Read the /metrics output of cdb_risk: is the named gauge there at all, under another name or with other labels?',
        'Check whether cdb_risk was just deployed or restarted: a build that no longer exports the gauge, or one that sets it only after its first decision.',
        'Until it is back, read the breaker state and the drawdown from the cdb_risk logs.',
      ],
      mitigate: [
        'Restore the instrumentation (roll back the deploy that dropped the gauge); cdb_risk sets its gauges from its start, as the catalog requires.',
        'While the gauges are missing, check the breaker and the drawdown by hand at least as often as the alerts would, and record it in the block log.',
      ],
    },
    source: import.meta.url,
    scenarios: scenarios(),
  });
  return cdbRiskGaugeMissing;
}
