/** CdbLiveTradingDetected: any sign that execution is not in paper mode pages at once. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at, firesAt, minutesOf } from '../../engine/rules/derive';
import { eq, gt, max, or, select } from '../../engine/promql';
import { executionMode } from '../../catalog/cdb';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel, AlertScenarioModel } from '../../engine/model/alerts';
import { gauge, promtoolValues } from '../risk/scenario-samples';

export function cdbLiveTradingDetected(settings: Settings): AlertModel {
  const { keepFiringFor } = settings.thresholds.CdbLiveTradingDetected;
  const execution = targetLabels('cdb_execution');
  /** `cdb_execution_mode{mode}` up to minute `until`: 1 while `active(t)`, else 0. */
  const mode = (m: 'paper' | 'live', until: number, active: (minute: number) => boolean) =>
    series(select(executionMode, { ...execution, mode: m }), promtoolValues(gauge(until, (t) => (active(t) ? 1 : 0))));
  const BY_TARGET = ['job', 'instance', 'service'] as const;
  const description = (service: string, instance: string) =>
    `${service} on ${instance} reports an execution mode other than paper. Live trading in phase N1 is an incident.`;
  const firing = [{ labels: execution, description: description(execution.service, execution.instance) }];

  /**
   * Live trading has no `for`: it pages at the evaluation the mode changes. After the mode is back to paper at
   * minute `back`, it keeps firing while less than keep_firing_for has passed: its last firing evaluation is one
   * before firesAt(back, keepFiringFor), and from that one on it is quiet.
   */
  function scenarios(): AlertScenarioModel[] {
    const FLIPS = 1;
    const FLIP_MINUTES = 2;
    const back = FLIPS + FLIP_MINUTES;
    const quietFrom = firesAt(back, keepFiringFor);
    const live = (t: number) => t >= FLIPS && t < back;
    const flip = (until: number) => [mode('live', until, live), mode('paper', until, (t) => !live(t))];
    const out = [
      scenario(`live mode from minute ${FLIPS} pages at minute ${FLIPS}, the same evaluation`, {
        input: [mode('live', FLIPS, (t) => t >= FLIPS), mode('paper', FLIPS, (t) => t < FLIPS)],
        at: at(FLIPS),
        fires: firing,
      }),
      scenario(`paper mode stays quiet at minute ${quietFrom}`, {
        input: [mode('live', quietFrom, () => false), mode('paper', quietFrom, () => true)],
        at: at(quietFrom),
        fires: 'quiet',
      }),
      scenario(`paper mode no longer active from minute ${FLIPS} fires at minute ${FLIPS}, even without a live series`, {
        input: [mode('paper', FLIPS, (t) => t < FLIPS)],
        at: at(FLIPS),
        fires: firing,
      }),
    ];
    const flipName = `a ${FLIP_MINUTES}-minute flip to live from minute ${FLIPS}`;
    if (minutesOf(keepFiringFor) > 0) {
      out.push(
        scenario(`${flipName} still fires at minute ${quietFrom - 1}, the last evaluation within keep_firing_for ${keepFiringFor} of paper mode's return`, {
          input: flip(quietFrom - 1),
          at: at(quietFrom - 1),
          fires: firing,
        }),
      );
    }
    out.push(
      scenario(
        minutesOf(keepFiringFor) > 0
          ? `${flipName} stops firing at minute ${quietFrom}, once keep_firing_for ${keepFiringFor} has passed since paper mode returned at minute ${back}`
          : `${flipName} stops firing at minute ${back}, as soon as paper mode returns, with no keep_firing_for`,
        {
          input: flip(quietFrom),
          at: at(quietFrom),
          fires: 'quiet',
        },
      ),
    );
    return out;
  }

  const cdbLiveTradingDetected = alert({
    name: 'CdbLiveTradingDetected',
    // Live mode active, or paper mode not active: either is a sign that orders may reach a real exchange.
    expr: or(gt(max.by(BY_TARGET, select(executionMode, { mode: 'live' })), 0), eq(max.by(BY_TARGET, select(executionMode, { mode: 'paper' })), 0)),
    keepFiringFor,
    severity: 'critical',
    labels: cdbLabels('paper-execution'),
    summary: 'Execution is not in paper mode: possible live trading.',
    description: description('{{ $labels.service }}', '{{ $labels.instance }}'),
    dashboard: { dashboard: DASHBOARD_IDS.paperExecution, panel: 'Execution mode' },
    runbook: {
      meaning:
        'cdb_execution reports `cdb_execution_mode{mode="live"}` above 0, or no longer reports paper mode as active. In phase N1 only paper trading is allowed: this is an incident, never a feature.',
      impact: 'Orders may reach a real exchange with real funds. Every minute counts; the block is void from the moment the mode changed.',
      diagnose: [
        'Look at `cdb_execution_mode` on the paper execution dashboard ("Execution mode by series") to see which instance changed and when.',
        'Check the deployed configuration of cdb_execution (its environment and config file) for the execution mode and exchange credentials.',
        'Check the exchange account for orders placed since the change.',
      ],
      mitigate: [
        'Stop cdb_execution immediately (`docker stop cdb_execution`); paper trading can wait, live orders cannot.',
        'Revoke or remove the exchange API keys from the host if any are present.',
        'Cancel any open real orders on the exchange, then restore paper mode and record the incident before restarting.',
      ],
    },
    source: import.meta.url,
    scenarios: scenarios(),
  });
  return cdbLiveTradingDetected;
}
