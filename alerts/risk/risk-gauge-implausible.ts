/**
 * CdbRiskGaugeImplausible: a risk gauge holds a value it cannot hold, so the alert reading it may never fire: a
 * drawdown or drawdown limit outside [0, 1] (or NaN), a circuit breaker neither 0 nor 1.
 */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at, firesAt } from '../../engine/rules/derive';
import { and, gt, labelReplace, lt, ne, or, select, type InstantVector } from '../../engine/promql';
import { riskCircuitBreakerOpen, riskDrawdown, riskDrawdownLimit } from '../../catalog/cdb';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { TargetLabel } from '../../engine/catalog/metric';
import type { AlertModel, AlertScenarioModel, ScenarioSeries } from '../../engine/model/alerts';
import { afterFor, gauge, promtoolValues } from './scenario-samples';

/** The label that names the implausible gauge. */
export const GAUGE_LABEL = 'gauge';

export function cdbRiskGaugeImplausible(settings: Settings): AlertModel {
  const { for: pending } = settings.thresholds.CdbRiskGaugeImplausible;
  const risk = targetLabels('cdb_risk');
  const description = (gaugeName: string, instance: string, value: string) =>
    `${gaugeName} of cdb_risk on ${instance} is ${value}, a value it cannot hold: the alert reading it may never fire.`;
  /** Prometheus renders a plain `{{ $value }}` with Go's %v: the shortest decimal, NaN as NaN. */
  const rendered = (v: number) => (Number.isNaN(v) ? 'NaN' : String(v));
  const firing = (gaugeName: string, value: number) => [
    { labels: { ...risk, [GAUGE_LABEL]: gaugeName }, description: description(gaugeName, risk.instance, rendered(value)) },
  ];

  /** Healthy values, and the values just past the bounds each gauge can hold. */
  const HEALTHY = { [riskDrawdown.name]: 0.02, [riskDrawdownLimit.name]: 0.1, [riskCircuitBreakerOpen.name]: 0 } as Record<string, number>;
  const ABOVE_ONE = 1.0001;
  const BELOW_ZERO = -0.05;
  /** A gauge at `value` from minute `from` on, instead of its healthy value. */
  interface Change {
    readonly gauge: string;
    readonly value: number;
    readonly from: number;
  }
  /** Every gauge at its healthy value up to minute `until`, except as `changes` say. */
  function input(until: number, ...changes: Change[]): ScenarioSeries[] {
    return [riskDrawdown, riskDrawdownLimit, riskCircuitBreakerOpen].map((m) =>
      series(
        select(m, risk),
        promtoolValues(gauge(until, (t) => changes.find((c) => c.gauge === m.name && t >= c.from)?.value ?? HEALTHY[m.name]!)),
      ),
    );
  }

  function scenarios(): AlertScenarioModel[] {
    const LEAVES = 2;
    const fires = firesAt(LEAVES, pending);
    const leaving = (gaugeName: string, value: number, until = fires) => input(until, { gauge: gaugeName, value, from: LEAVES });
    return [
      scenario(`a drawdown of ${ABOVE_ONE}, just above 1, from minute ${LEAVES} fires at minute ${fires}, ${afterFor(pending)}`, {
        input: leaving(riskDrawdown.name, ABOVE_ONE),
        at: at(fires),
        fires: firing(riskDrawdown.name, ABOVE_ONE),
        proves: ['firing-minute', 'evidence-loss', 'edge-above'],
        guards: ['CdbDrawdownOverLimit'],
      }),
      scenario(`the same drawdown is still quiet at minute ${fires - 1}, one evaluation before it fires`, {
        input: leaving(riskDrawdown.name, ABOVE_ONE, fires - 1),
        at: at(fires - 1),
        fires: 'quiet',
        proves: ['pending'],
      }),
      scenario(`a drawdown of exactly 1 from minute ${LEAVES} stays quiet at minute ${fires}`, {
        input: leaving(riskDrawdown.name, 1),
        at: at(fires),
        fires: 'quiet',
        proves: ['edge-below'],
      }),
      scenario(`a negative drawdown (${BELOW_ZERO}) from minute ${LEAVES} fires at minute ${fires}`, {
        input: leaving(riskDrawdown.name, BELOW_ZERO),
        at: at(fires),
        fires: firing(riskDrawdown.name, BELOW_ZERO),
        proves: ['evidence-loss'],
        guards: ['CdbDrawdownOverLimit'],
      }),
      scenario(`a drawdown of NaN from minute ${LEAVES} fires at minute ${fires}`, {
        input: leaving(riskDrawdown.name, Number.NaN),
        at: at(fires),
        fires: firing(riskDrawdown.name, Number.NaN),
        proves: ['evidence-loss'],
        guards: ['CdbDrawdownOverLimit'],
      }),
      scenario(`a drawdown limit of ${ABOVE_ONE}, which no drawdown can exceed, from minute ${LEAVES} fires at minute ${fires}`, {
        input: leaving(riskDrawdownLimit.name, ABOVE_ONE),
        at: at(fires),
        fires: firing(riskDrawdownLimit.name, ABOVE_ONE),
        proves: ['evidence-loss'],
        guards: ['CdbDrawdownOverLimit'],
      }),
      scenario(`a circuit breaker at 2, which CdbCircuitBreakerOpen never reads as open, from minute ${LEAVES} fires at minute ${fires}`, {
        input: leaving(riskCircuitBreakerOpen.name, 2),
        at: at(fires),
        fires: firing(riskCircuitBreakerOpen.name, 2),
        proves: ['evidence-loss'],
        guards: ['CdbCircuitBreakerOpen'],
      }),
      scenario(`an open breaker (1) and a drawdown of 0 are plausible: quiet at minute ${fires}`, {
        input: input(fires, { gauge: riskCircuitBreakerOpen.name, value: 1, from: LEAVES }, { gauge: riskDrawdown.name, value: 0, from: LEAVES }),
        at: at(fires),
        fires: 'quiet',
      }),
    ];
  }

  /** `expr` labelled with the gauge it is about. */
  const named = (expr: InstantVector<TargetLabel>, gaugeName: string) => labelReplace(expr, GAUGE_LABEL, gaugeName, 'job', '.*');
  /** A ratio outside [0, 1], or NaN (the only value not equal to itself). */
  const outsideUnit = (ratio: typeof riskDrawdown | typeof riskDrawdownLimit) =>
    named(or(or(gt(select(ratio), 1), lt(select(ratio), 0)), ne(select(ratio), select(ratio))), ratio.name);
  const breaker = select(riskCircuitBreakerOpen);

  const cdbRiskGaugeImplausible = alert({
    name: 'CdbRiskGaugeImplausible',
    expr: or(or(outsideUnit(riskDrawdown), outsideUnit(riskDrawdownLimit)), named(and(ne(breaker, 0), ne(breaker, 1)), riskCircuitBreakerOpen.name)),
    for: pending,
    severity: 'critical',
    labels: cdbLabels('risk'),
    summary: 'A risk gauge holds an impossible value: the risk alerts may never fire.',
    description: description(`{{ $labels.${GAUGE_LABEL} }}`, '{{ $labels.instance }}', '{{ $value }}'),
    dashboard: { dashboard: DASHBOARD_IDS.risk, panel: 'Drawdown vs limit' },
    runbook: {
      meaning: `For ${pending}, the gauge named in the \`${GAUGE_LABEL}\` label has held a value it cannot hold: \`cdb_risk_drawdown_ratio\` or \`cdb_risk_drawdown_limit_ratio\` outside [0, 1] or NaN (a percentage exported instead of a ratio, a sign error, a division by zero), or \`cdb_risk_circuit_breaker_open\` neither 0 nor 1. CdbDrawdownOverLimit compares the two ratios and CdbCircuitBreakerOpen looks for exactly 1: with such values they may never fire, so this guard pages in their place.`,
      impact: 'A drawdown beyond its limit or a tripped circuit breaker would not page, and the risk manager itself may be deciding on the same wrong numbers.',
      diagnose: [
        'Open the risk dashboard, "Drawdown vs limit" and "Circuit breaker over time": when did the value change, and did it jump (a unit change in a deploy) or drift (a calculation)?',
        'A drawdown or limit near 100 times the expected value is a percentage exported as a ratio; a negative drawdown is a sign error or an equity peak below current equity.',
        'Read the cdb_risk logs for the equity, peak and limit it computes the ratios from.',
      ],
      mitigate: [
        'Fix the export in cdb_risk (or roll back the deploy that changed it); the risk rules may be using the same wrong value, so check that it still rejects what it should.',
        'Until it is fixed, check the drawdown and the breaker by hand and record them in the block log.',
      ],
    },
    source: import.meta.url,
    scenarios: scenarios(),
  });
  return cdbRiskGaugeImplausible;
}
