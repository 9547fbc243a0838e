/** CdbZeroActivitySignals: the Zero-Activity Incident of the signal engine. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { select } from '../../engine/promql';
import { lastSignalTimestamp, signalsGenerated } from '../../catalog/cdb';
import { exporters } from '../../catalog';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels, THRESHOLDS } from '../common';
import { tsdbHistorySince0, zeroActivityExpr } from '../zero-activity';

const { window, for: pending } = THRESHOLDS.CdbZeroActivitySignals;
const core = targetLabels('cdb_core');
const signals = (values: string) => series(select(signalsGenerated, { ...core, strategy: 'momentum', side: 'buy' }), values);
const lastEvent = (values: string) => series(select(lastSignalTimestamp, { ...core, strategy: 'momentum' }), values);
const description = (count: string) =>
  `${count} trading signals in the last 24h (a vanished signal metric counts as none): a Zero-Activity Incident.`;
const firing = [{ labels: {}, description: description('0') }];

export const cdbZeroActivitySignals = alert({
  name: 'CdbZeroActivitySignals',
  expr: zeroActivityExpr(signalsGenerated, lastSignalTimestamp, window),
  for: pending,
  severity: 'critical',
  labels: cdbLabels('signal-engine', 'cdb_core'),
  summary: 'No trading signal for 24 hours: Zero-Activity Incident.',
  description: description('{{ $value | humanize }}'),
  dashboard: { dashboard: DASHBOARD_IDS.signalEngine, panel: 'Time since last signal' },
  runbook: {
    meaning:
      'The signal engine has generated no signal for 24 hours, or its signal counter has not been exposed for 24 hours. Phase N1 treats a day without signals as an incident, whatever the market did.',
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
  scenarios: [
    scenario('signals stop for 25h', {
      input: [signals('0+1x60 60x1560'), lastEvent('_x60 3600x1560'), tsdbHistorySince0(1620)],
      at: '26h',
      fires: firing,
    }),
    scenario('a signal at hour 23 keeps it quiet at hour 25', {
      input: [signals('0x1380 1x120'), lastEvent('_x1380 82800x120'), tsdbHistorySince0(1500)],
      at: '25h',
      fires: 'quiet',
    }),
    scenario('the signal metric is absent for a day', {
      input: [series(select(exporters.up, core), '1x1560'), tsdbHistorySince0(1560)],
      at: '25h',
      fires: firing,
    }),
    scenario('a restart that resets the counter raises no false alarm', {
      input: [signals('0+1x600 0+1x900'), tsdbHistorySince0(1500)],
      at: '25h',
      fires: 'quiet',
    }),
    scenario('a restart followed by 24h without signals still fires', {
      input: [signals('0+1x60 0x1620'), tsdbHistorySince0(1680)],
      at: '26h',
      fires: firing,
    }),
    scenario('a signal right after a day-long gap counts, though its counter appears at 1', {
      input: [signals('_x1500 1x60'), lastEvent('_x1500 90000x60'), tsdbHistorySince0(1560)],
      at: '1530m',
      fires: 'quiet',
    }),
    scenario('a fresh Prometheus with less than a day of data stays quiet', {
      input: [signals('0x180'), tsdbHistorySince0(180)],
      at: '3h',
      fires: 'quiet',
    }),
    scenario('signals every minute stay quiet', { input: [signals('0+1x1800'), tsdbHistorySince0(1800)], at: '30h', fires: 'quiet' }),
  ],
});
