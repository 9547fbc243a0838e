/** CdbZeroActivityPaperTrades: the Zero-Activity Incident of paper execution. */
import { alert, series } from '../../engine/rules/alert';
import { select } from '../../engine/promql';
import { lastPaperTradeTimestamp, paperTrades } from '../../catalog/cdb';
import { exporters } from '../../catalog';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import { zeroActivityExpr, zeroActivityHistoryWaivers, zeroActivityScenarios } from '../zero-activity';
import type { Settings } from '../../config/settings';
import { durationWords } from '../../engine/rules/derive';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbZeroActivityPaperTrades(settings: Settings): AlertModel {
  const { window, for: pending } = settings.thresholds.CdbZeroActivityPaperTrades;
  const { toleranceSeconds } = settings.thresholds.CdbLastPaperTradeTimestampInFuture;
  const execution = targetLabels('cdb_execution');
  const trades = (values: string) => series(select(paperTrades, { ...execution, side: 'buy' }), values);
  const lastEvent = (values: string) => series(select(lastPaperTradeTimestamp, execution), values);
  const description = (count: string) =>
    `${count} paper trades in the last ${window} (a vanished trade metric counts as none): a Zero-Activity Incident.`;
  const firing = [{ labels: {}, description: description('0') }];

  const cdbZeroActivityPaperTrades = alert({
    name: 'CdbZeroActivityPaperTrades',
    expr: zeroActivityExpr(paperTrades, lastPaperTradeTimestamp, window, toleranceSeconds),
    for: pending,
    severity: 'critical',
    labels: cdbLabels('paper-execution', 'cdb_execution'),
    summary: `No paper trade for ${durationWords(window)}: Zero-Activity Incident.`,
    description: description('{{ $value | humanize }}'),
    dashboard: { dashboard: DASHBOARD_IDS.paperExecution, panel: 'Time since last paper trade' },
    runbook: {
      meaning:
        `Paper execution has completed no trade for ${durationWords(window)}, or its trade counter has not been exposed for ${durationWords(window)}. Phase N1 treats a day without paper trades as an incident. It judges once Prometheus holds ${durationWords(window)} of data: by its own oldest sample, or, when it cannot scrape itself, by the \`up\` history of cdb_execution (written at every scrape attempt), so neither cdb_execution being down nor Prometheus failing to scrape itself keeps it quiet. A last-event time (\`cdb_last_paper_trade_timestamp_seconds\`) more than ${toleranceSeconds} s in the future is ignored: CdbLastPaperTradeTimestampInFuture pages for it.`,
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
    scenarios: zeroActivityScenarios({
      noun: 'paper trade',
      nouns: 'paper trades',
      events: trades,
      lastEvent,
      up: (values) => series(select(exporters.up, execution), values),
      firing,
      window,
      pending,
      toleranceSeconds,
      futureAlert: 'CdbLastPaperTradeTimestampInFuture',
    }),
    evidenceWaivers: [
      {
        metric: paperTrades.name,
        loss: 'vanished',
        reason:
          'A vanished counter is itself the incident this alert defines: it counts as no paper trades and fires when the window ends, as the operating rules say. Paging sooner would page after every restart of cdb_execution: the labelled counter only appears with the first paper trade after a start, which can be hours away in a quiet market.',
      },
      ...zeroActivityHistoryWaivers('cdb_execution'),
    ],
  });
  return cdbZeroActivityPaperTrades;
}
