/** CdbZeroActivityPaperTrades: the Zero-Activity Incident of paper execution. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { select } from '../../engine/promql';
import { lastPaperTradeTimestamp, paperTrades } from '../../catalog/cdb';
import { exporters } from '../../catalog';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels, THRESHOLDS } from '../common';
import { tsdbHistorySince0, zeroActivityExpr } from '../zero-activity';

const { window, for: pending } = THRESHOLDS.CdbZeroActivityPaperTrades;
const execution = targetLabels('cdb_execution');
const trades = (values: string) => series(select(paperTrades, { ...execution, side: 'buy' }), values);
const lastEvent = (values: string) => series(select(lastPaperTradeTimestamp, execution), values);
const description = (count: string) =>
  `${count} paper trades in the last 24h (a vanished trade metric counts as none): a Zero-Activity Incident.`;
const firing = [{ labels: {}, description: description('0') }];

export const cdbZeroActivityPaperTrades = alert({
  name: 'CdbZeroActivityPaperTrades',
  expr: zeroActivityExpr(paperTrades, lastPaperTradeTimestamp, window),
  for: pending,
  severity: 'critical',
  labels: cdbLabels('paper-execution', 'cdb_execution'),
  summary: 'No paper trade for 24 hours: Zero-Activity Incident.',
  description: description('{{ $value | humanize }}'),
  dashboard: { dashboard: DASHBOARD_IDS.paperExecution, panel: 'Time since last paper trade' },
  runbook: {
    meaning:
      'Paper execution has completed no trade for 24 hours, or its trade counter has not been exposed for 24 hours. Phase N1 treats a day without paper trades as an incident.',
    impact: 'The block records no execution: PnL, slippage and fill statistics of the block are empty and the block has to be extended or rerun.',
    diagnose: [
      'Walk the event flow backwards on the block review dashboard ("Event flow per hour"): the first stage that dropped to zero is where the flow breaks.',
      'Signals present but no approvals: read `decision_reason:cdb_risk_decisions:rate5m`; a circuit breaker or an exposure limit may reject everything.',
      'Approvals present but no fills: read `reason:cdb_orders_failed:rate5m` and the cdb_execution logs for rejected orders.',
      'If the metric is missing, check `up{job="cdb_execution"}` and the /metrics output of cdb_execution for `cdb_paper_trades_total`.',
    ],
    mitigate: [
      'Fix the first broken stage of the flow (feed, signals, risk, execution), in that order.',
      'If risk limits block every trade by design (drawdown limit reached), record it: the block ends early and is reviewed.',
      'Record the gap in the block log; a block with a Zero-Activity Incident is reviewed before the next one starts.',
    ],
  },
  source: import.meta.url,
  scenarios: [
    scenario('paper trades stop for 25h', {
      input: [trades('0+1x60 60x1560'), lastEvent('_x60 3600x1560'), tsdbHistorySince0(1620)],
      at: '26h',
      fires: firing,
    }),
    scenario('a paper trade at hour 23 keeps it quiet at hour 25', {
      input: [trades('0x1380 1x120'), lastEvent('_x1380 82800x120'), tsdbHistorySince0(1500)],
      at: '25h',
      fires: 'quiet',
    }),
    scenario('the trade metric is absent for a day', {
      input: [series(select(exporters.up, execution), '1x1560'), tsdbHistorySince0(1560)],
      at: '25h',
      fires: firing,
    }),
    scenario('a restart that resets the counter raises no false alarm', {
      input: [trades('0+1x600 0+1x900'), tsdbHistorySince0(1500)],
      at: '25h',
      fires: 'quiet',
    }),
    scenario('a restart followed by 24h without paper trades still fires', {
      input: [trades('0+1x60 0x1620'), tsdbHistorySince0(1680)],
      at: '26h',
      fires: firing,
    }),
    scenario('a paper trade right after a day-long gap counts, though its counter appears at 1', {
      input: [trades('_x1500 1x60'), lastEvent('_x1500 90000x60'), tsdbHistorySince0(1560)],
      at: '1530m',
      fires: 'quiet',
    }),
    scenario('a fresh Prometheus with less than a day of data stays quiet', {
      input: [trades('0x180'), tsdbHistorySince0(180)],
      at: '3h',
      fires: 'quiet',
    }),
    scenario('paper trades every minute stay quiet', { input: [trades('0+1x1800'), tsdbHistorySince0(1800)], at: '30h', fires: 'quiet' }),
  ],
});
