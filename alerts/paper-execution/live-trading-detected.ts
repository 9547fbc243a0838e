/** CdbLiveTradingDetected: any sign that execution is not in paper mode pages at once. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { eq, gt, max, or, select } from '../../engine/promql';
import { executionMode } from '../../catalog/cdb';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbLiveTradingDetected(settings: Settings): AlertModel {
  const { keepFiringFor } = settings.thresholds.CdbLiveTradingDetected;
  const execution = targetLabels('cdb_execution');
  const mode = (m: 'paper' | 'live', values: string) => series(select(executionMode, { ...execution, mode: m }), values);
  const BY_TARGET = ['job', 'instance', 'service'] as const;
  const firing = [
    {
      labels: execution,
      description: 'cdb_execution on cdb_execution:8004 reports an execution mode other than paper. Live trading in phase N1 is an incident.',
    },
  ];

  const cdbLiveTradingDetected = alert({
    name: 'CdbLiveTradingDetected',
    // Live mode active, or paper mode not active: either is a sign that orders may reach a real exchange.
    expr: or(gt(max.by(BY_TARGET, select(executionMode, { mode: 'live' })), 0), eq(max.by(BY_TARGET, select(executionMode, { mode: 'paper' })), 0)),
    keepFiringFor,
    severity: 'critical',
    labels: cdbLabels('paper-execution'),
    summary: 'Execution is not in paper mode: possible live trading.',
    description:
      '{{ $labels.service }} on {{ $labels.instance }} reports an execution mode other than paper. Live trading in phase N1 is an incident.',
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
    scenarios: [
      scenario('live mode pages at the first evaluation', { input: [mode('live', '1x10'), mode('paper', '0x10')], at: '1m', fires: firing }),
      scenario('paper mode stays quiet', { input: [mode('live', '0x120'), mode('paper', '1x120')], at: '2h', fires: 'quiet' }),
      scenario('paper mode no longer active fires even without a live series', { input: [mode('paper', '1x10 0x10')], at: '12m', fires: firing }),
      scenario('a two-minute flip to live keeps firing ten minutes later', {
        input: [mode('live', '0x10 1x2 0x20'), mode('paper', '1x10 0x2 1x20')],
        at: '22m',
        fires: firing,
      }),
      scenario('the flip stops firing once keep_firing_for has passed', {
        input: [mode('live', '0x10 1x2 0x40'), mode('paper', '1x10 0x2 1x40')],
        at: '40m',
        fires: 'quiet',
      }),
    ],
  });
  return cdbLiveTradingDetected;
}
