/**
 * CdbPaperModeUnconfirmed: cdb_execution is up but does not export what confirms paper mode, so
 * CdbLiveTradingDetected is blind. The guard that keeps the live-trading alert failing closed.
 */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at, firesAt } from '../../engine/rules/derive';
import { executionMode, ordersFilled, paperTrades } from '../../catalog/cdb';
import { exporters } from '../../catalog';
import { select } from '../../engine/promql';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel, AlertScenarioModel, ScenarioSeries } from '../../engine/model/alerts';
import { MISSING_LABEL, missingWhileUp } from '../risk/missing-while-up';
import { afterFor, counter, gauge, promtoolValues } from '../risk/scenario-samples';

export function cdbPaperModeUnconfirmed(settings: Settings): AlertModel {
  const { for: pending } = settings.thresholds.CdbPaperModeUnconfirmed;
  const execution = targetLabels('cdb_execution');
  /** What confirms paper mode: the paper series, and the two counters the fill sign compares. */
  const EVIDENCE = [select(executionMode, { mode: 'paper' }), select(ordersFilled), select(paperTrades)];
  const [paperSeries, fillSeries, tradeSeries] = EVIDENCE.map(String) as [string, string, string];
  const description = (service: string, instance: string, missing: string) =>
    `${service} on ${instance} is up but exports no ${missing}: paper mode cannot be confirmed, and live trading would go unnoticed.`;
  const firing = (missing: string) => [{ labels: { ...execution, [MISSING_LABEL]: missing }, description: description(execution.service, execution.instance, missing) }];

  /**
   * Scenario input up to minute `until`: cdb_execution up, in paper mode, filling one order a minute as a paper
   * trade; each of `stops` no longer exported from its minute on (a stale marker, as Prometheus writes when a
   * series leaves a successful scrape).
   */
  function input(until: number, stops: Partial<Record<'mode' | 'fills' | 'trades', number>> = {}, up = 1): ScenarioSeries[] {
    const until_ = (stop: number | undefined) => (stop === undefined ? until : Math.min(until, stop - 1));
    const values = (samples: readonly number[], stop: number | undefined) => {
      if (stop !== undefined && stop <= 0) return undefined;
      const kept = promtoolValues(samples.slice(0, until_(stop) + 1));
      return stop !== undefined && stop <= until ? `${kept} stale` : kept;
    };
    const trades = counter(until, () => 1);
    const out: ScenarioSeries[] = [series(select(exporters.up, execution), promtoolValues(gauge(until, () => up)))];
    const add = (selector: Parameters<typeof series>[0], samples: readonly number[], stop: number | undefined) => {
      const v = values(samples, stop);
      if (v !== undefined) out.push(series(selector, v));
    };
    add(select(executionMode, { ...execution, mode: 'paper' }), gauge(until, () => 1), stops.mode);
    add(select(executionMode, { ...execution, mode: 'live' }), gauge(until, () => 0), stops.mode);
    add(select(ordersFilled, { ...execution, side: 'buy' }), trades, stops.fills);
    add(select(paperTrades, { ...execution, side: 'buy' }), trades, stops.trades);
    return out;
  }

  function scenarios(): AlertScenarioModel[] {
    const STOPS = 2;
    const fires = firesAt(STOPS, pending);
    const fromStart = firesAt(0, pending);
    return [
      scenario(`the mode series stop being exported at minute ${STOPS} while cdb_execution is up: fires at minute ${fires}, ${afterFor(pending)}`, {
        input: input(fires, { mode: STOPS }),
        at: at(fires),
        fires: firing(paperSeries),
        proves: ['firing-minute', 'evidence-loss'],
        guards: ['CdbLiveTradingDetected'],
      }),
      scenario(`the same loss is still quiet at minute ${fires - 1}, one evaluation before it fires`, {
        input: input(fires - 1, { mode: STOPS }),
        at: at(fires - 1),
        fires: 'quiet',
        proves: ['pending'],
      }),
      scenario(`cdb_execution up and filling orders with no mode series at all fires at minute ${fromStart}`, {
        input: input(fromStart, { mode: 0 }),
        at: at(fromStart),
        fires: firing(paperSeries),
        proves: ['evidence-loss'],
        guards: ['CdbLiveTradingDetected'],
      }),
      scenario(`the paper-trade counter stops being exported at minute ${STOPS}: fires at minute ${fires}`, {
        input: input(fires, { trades: STOPS }),
        at: at(fires),
        fires: firing(tradeSeries),
        proves: ['evidence-loss'],
        guards: ['CdbLiveTradingDetected', 'CdbZeroActivityPaperTrades'],
      }),
      scenario(`the fill counter stops being exported at minute ${STOPS}: fires at minute ${fires}`, {
        input: input(fires, { fills: STOPS }),
        at: at(fires),
        fires: firing(fillSeries),
        proves: ['evidence-loss'],
        guards: ['CdbLiveTradingDetected'],
      }),
      scenario(`paper mode and both counters exported stay quiet at minute ${fires}`, { input: input(fires), at: at(fires), fires: 'quiet' }),
      scenario(`cdb_execution down, its series gone with it, is CdbTargetDown's page, not this one: quiet at minute ${fires}`, {
        input: input(fires, { mode: STOPS, fills: STOPS, trades: STOPS }, 0),
        at: at(fires),
        fires: 'quiet',
      }),
    ];
  }

  const cdbPaperModeUnconfirmed = alert({
    name: 'CdbPaperModeUnconfirmed',
    expr: missingWhileUp(execution.job, EVIDENCE),
    for: pending,
    severity: 'critical',
    labels: cdbLabels('paper-execution'),
    summary: 'Execution does not confirm paper mode: live trading would go unnoticed.',
    description: description('{{ $labels.service }}', '{{ $labels.instance }}', `{{ $labels.${MISSING_LABEL} }}`),
    dashboard: { dashboard: DASHBOARD_IDS.paperExecution, panel: 'Execution mode' },
    runbook: {
      meaning: `cdb_execution has been scraped successfully for ${pending} without exporting the series named in the \`${MISSING_LABEL}\` label: \`cdb_execution_mode{mode="paper"}\`, \`cdb_orders_filled_total\` or \`cdb_paper_trades_total\`. CdbLiveTradingDetected reads exactly these; without them it cannot tell paper trading from live trading, so the guard pages in its place. A cdb_execution that cannot be scraped at all is CdbTargetDown.`,
      impact:
        'Live trading would not page. Until the series are back, nobody can tell from the monitoring whether orders reach a real exchange; treat it as possible live trading.',
      diagnose: [
        'Read the /metrics output of cdb_execution: is the named series there at all, under another name or with other labels?',
        'Check whether cdb_execution was just deployed or restarted: a build that no longer exports the series, or one that sets its mode only after its first order.',
        'Look at "Execution mode" on the paper execution dashboard: when did the series stop?',
      ],
      mitigate: [
        'If the execution mode cannot be confirmed from the host (configuration, logs, exchange account), stop cdb_execution (`docker stop cdb_execution`) as for live trading.',
        'Restore the instrumentation (roll back the deploy that dropped the series); every counter is exported at 0 from the first scrape, as the catalog requires.',
      ],
    },
    source: import.meta.url,
    scenarios: scenarios(),
  });
  return cdbPaperModeUnconfirmed;
}
