/** CdbExecutionLatencyHigh: paper orders take too long to complete. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { buckets, gt, select } from '../../engine/promql';
import { orderExecutionDuration } from '../../catalog/cdb';
import { executionDurationP99 } from '../../recording-rules/paper-execution';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbExecutionLatencyHigh(settings: Settings): AlertModel {
  const { p99Seconds, for: pending } = settings.thresholds.CdbExecutionLatencyHigh;
  const execution = targetLabels('cdb_execution');

  /** Bucket series of the execution-duration histogram where every observation takes `seconds` (10 per minute). */
  function observationsOf(seconds: number) {
    const bounds = [...orderExecutionDuration.buckets!, Number.POSITIVE_INFINITY];
    return bounds.map((le) =>
      series(buckets(orderExecutionDuration, { ...execution, le: le === Number.POSITIVE_INFINITY ? '+Inf' : String(le) }), le >= seconds ? '0+10x40' : '0x40'),
    );
  }

  const cdbExecutionLatencyHigh = alert({
    name: 'CdbExecutionLatencyHigh',
    expr: gt(select(executionDurationP99), p99Seconds),
    for: pending,
    severity: 'warning',
    labels: cdbLabels('paper-execution', 'cdb_execution'),
    summary: 'Paper orders take too long to execute.',
    description: '99 % of paper orders completed within {{ $value | humanizeDuration }} over the last 5 minutes.',
    dashboard: { dashboard: DASHBOARD_IDS.paperExecution, panel: 'Execution latency' },
    runbook: {
      meaning: `The 99th percentile of the time from an approved signal to a filled or failed order is above ${p99Seconds} s, for ${pending}.`,
      impact: 'Slow execution fills at prices the signal did not see: slippage grows and the paper results overstate what live trading would do.',
      diagnose: [
        'Compare with the slippage panel: slow fills with growing slippage point at the paper exchange adapter.',
        'Check the bus between risk and execution: `topic:cdb_bus_messages_consumed:rate5m{topic="orders"}` below published means execution is behind.',
        'Check CPU and memory of cdb_execution on the system dashboard.',
      ],
      mitigate: ['Relieve the bottleneck found above (CPU limit, adapter timeouts, a stuck consumer), or roll back a recent deploy of cdb_execution.'],
    },
    source: import.meta.url,
    scenarios: [
      scenario('orders taking 8 seconds fire', {
        input: observationsOf(8),
        at: '30m',
        fires: [{ labels: { job: 'cdb_execution' }, description: '99 % of paper orders completed within 9.95s over the last 5 minutes.' }],
      }),
      scenario('orders taking 40 milliseconds stay quiet', { input: observationsOf(0.04), at: '30m', fires: 'quiet' }),
    ],
  });
  return cdbExecutionLatencyHigh;
}
