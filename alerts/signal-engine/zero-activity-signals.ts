/** CdbZeroActivitySignals: the Zero-Activity Incident of the signal engine. */
import { alert, series } from '../../engine/rules/alert';
import { select } from '../../engine/promql';
import { lastSignalTimestamp, signalsGenerated } from '../../catalog/cdb';
import { exporters } from '../../catalog';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import { zeroActivityExpr, zeroActivityHistoryWaivers, zeroActivityScenarios } from '../zero-activity';
import type { Settings } from '../../config/settings';
import { durationWords } from '../../engine/rules/derive';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbZeroActivitySignals(settings: Settings): AlertModel {
  const { window, for: pending } = settings.thresholds.CdbZeroActivitySignals;
  const { toleranceSeconds } = settings.thresholds.CdbLastSignalTimestampInFuture;
  const core = targetLabels('cdb_core');
  const signals = (values: string) => series(select(signalsGenerated, { ...core, strategy: 'momentum', side: 'buy' }), values);
  const lastEvent = (values: string) => series(select(lastSignalTimestamp, { ...core, strategy: 'momentum' }), values);
  const description = (count: string) =>
    `${count} trading signals in the last ${window} (a vanished signal metric counts as none): a Zero-Activity Incident.`;
  const firing = [{ labels: {}, description: description('0') }];

  const cdbZeroActivitySignals = alert({
    name: 'CdbZeroActivitySignals',
    expr: zeroActivityExpr(signalsGenerated, lastSignalTimestamp, window, toleranceSeconds),
    for: pending,
    severity: 'critical',
    labels: cdbLabels('signal-engine', 'cdb_core'),
    summary: `No trading signal for ${durationWords(window)}: Zero-Activity Incident.`,
    description: description('{{ $value | humanize }}'),
    dashboard: { dashboard: DASHBOARD_IDS.signalEngine, panel: 'Time since last signal' },
    runbook: {
      meaning:
        `The signal engine has generated no signal for ${durationWords(window)}, or its signal counter has not been exposed for ${durationWords(window)}. Phase N1 treats a day without signals as an incident, whatever the market did. It judges once Prometheus holds ${durationWords(window)} of data: by its own oldest sample, or, when it cannot scrape itself, by the \`up\` history of cdb_core (written at every scrape attempt), so neither cdb_core being down nor Prometheus failing to scrape itself keeps it quiet. A last-event time (\`cdb_last_signal_timestamp_seconds\`) more than ${toleranceSeconds} s in the future is ignored: CdbLastSignalTimestampInFuture pages for it.`,
      impact: 'No signal means no risk decision and no paper trade: the block produces no evidence about the strategies and has to be extended or rerun.',
      diagnose: [
        'Check that market data flows: the market-data dashboard, or `exchange:cdb_ws_last_message_age_seconds:min`. A stale feed explains silence (and mutes this alert while it lasts).',
        'Check that cdb_core evaluates: `strategy:cdb_signal_evaluations:rate5m` near zero means the engine receives nothing from the bus; high `strategy:cdb_signal_errors:ratio_rate5m` means it fails.',
        'If evaluations run without errors, read the strategies\' thresholds in the cdb_core logs: every evaluation may be ending in "no signal".',
        'If the metric is missing altogether, check `up{job="cdb_core"}` and the /metrics output of cdb_core for `cdb_signals_generated_total`.',
      ],
      mitigate: [
        'Restore the market-data feed or the bus subscription first; signals follow.',
        'If a deploy changed strategy parameters, roll it back.',
        'Record the gap in the block log; a block with a Zero-Activity Incident is reviewed before the next one starts.',
      ],
    },
    source: import.meta.url,
    scenarios: zeroActivityScenarios({
      noun: 'signal',
      nouns: 'signals',
      events: signals,
      lastEvent,
      up: (values) => series(select(exporters.up, core), values),
      firing,
      window,
      pending,
      toleranceSeconds,
      futureAlert: 'CdbLastSignalTimestampInFuture',
    }),
    evidenceWaivers: [
      {
        metric: signalsGenerated.name,
        loss: 'vanished',
        reason:
          'A vanished counter is itself the incident this alert defines: it counts as no signals and fires when the window ends, as the operating rules say. Paging sooner would page after every restart of cdb_core: the labelled counter only appears with the first signal after a start, which can be hours away in a quiet market.',
      },
      ...zeroActivityHistoryWaivers('cdb_core'),
    ],
  });
  return cdbZeroActivitySignals;
}
