/** CdbLastPaperTradeTimestampInFuture: the last-paper-trade time lies in the future (milliseconds, or a clock ahead). */
import { series } from '../../engine/rules/alert';
import { select } from '../../engine/promql';
import { lastPaperTradeTimestamp } from '../../catalog/cdb';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { targetLabels } from '../common';
import { futureTimestampAlert } from '../future-timestamp';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbLastPaperTradeTimestampInFuture(settings: Settings): AlertModel {
  const execution = targetLabels('cdb_execution');
  return futureTimestampAlert({
    name: 'CdbLastPaperTradeTimestampInFuture',
    metric: lastPaperTradeTimestamp,
    thresholds: settings.thresholds.CdbLastPaperTradeTimestampInFuture,
    layer: 'paper-execution',
    service: 'cdb_execution',
    subject: 'the last paper trade',
    descriptionLabel: 'instance',
    description: (ahead, instance) =>
      `The last-paper-trade time of ${instance} lies ${ahead} ahead of Prometheus' clock: CdbZeroActivityPaperTrades ignores it and judges by the trade counter alone.`,
    blinds: ['CdbZeroActivityPaperTrades'],
    impact:
      'A time in the future has a negative age, which would never grow old: CdbZeroActivityPaperTrades therefore ignores it and judges by the trade counter alone, which misses the first trade after a restart of cdb_execution (its counter appears at 1). The "Time since last paper trade" panels show nonsense, so the block review cannot read trade gaps from them.',
    series: (values) => series(select(lastPaperTradeTimestamp, execution), values),
    seriesLabels: execution,
    dashboard: { dashboard: DASHBOARD_IDS.paperExecution, panel: 'Time since last paper trade' },
    diagnose: [
      'Open the paper-execution dashboard, "Time since last paper trade": a negative age is the time in the future.',
      'Look for a recent deploy of cdb_execution that changed how `cdb_last_paper_trade_timestamp_seconds` is set (a `Date.now()` without `/ 1000`).',
    ],
    source: import.meta.url,
  });
}
