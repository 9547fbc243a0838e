/** CdbWebsocketReconnectStorm: the market-data websocket reconnects over and over. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { gt, select } from '../../engine/promql';
import { wsReconnects } from '../../catalog/cdb';
import { reconnectsLastHour } from '../../recording-rules/market-data';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbWebsocketReconnectStorm(settings: Settings): AlertModel {
  const { reconnectsPerHour, for: pending } = settings.thresholds.CdbWebsocketReconnectStorm;
  const ws = targetLabels('cdb_ws');
  const reconnects = (exchange: string, reason: string, values: string) =>
    series(select(wsReconnects, { ...ws, exchange, reason }), values);
  const description = (exchange: string, count: string) =>
    `The market-data websocket to ${exchange} reconnected ${count} times in the last hour: the feed has gaps.`;

  const cdbWebsocketReconnectStorm = alert({
    name: 'CdbWebsocketReconnectStorm',
    expr: gt(select(reconnectsLastHour), reconnectsPerHour),
    for: pending,
    severity: 'warning',
    labels: cdbLabels('market-data', 'cdb_ws'),
    summary: 'The market-data websocket reconnects over and over.',
    description: description('{{ $labels.exchange }}', '{{ $value | humanize }}'),
    dashboard: { dashboard: DASHBOARD_IDS.marketData, panel: 'Reconnects per hour by exchange' },
    runbook: {
      meaning: `cdb_ws reconnected to the exchange in the \`exchange\` label more than ${reconnectsPerHour} times in the last hour (\`exchange:cdb_ws_reconnects:increase1h\`, all reasons together), for ${pending}. The socket is up most of the time, so CdbWebsocketDisconnected stays quiet, but every reconnect loses the messages sent while it lasted.`,
      impact:
        'Each reconnect leaves a gap in trades, ticker and order book: candles and indicators of the signal engine are built on incomplete data, and order-book snapshots may be inconsistent after a resubscribe. Signals of the block become less trustworthy; if the gaps grow, CdbMarketDataStale follows.',
      diagnose: [
        'Open the market-data dashboard, "Reconnects per hour by exchange" and "Reconnects per hour by reason".',
        '`closed_by_server`: the exchange ends the connection; look for a missing ping/pong reply, too many subscriptions per connection, or the exchange\'s 24h connection limit in the cdb_ws logs.',
        '`timeout`: heartbeats are missed; check host CPU and network latency (system dashboard) and whether cdb_ws is CPU-throttled.',
        '`error`: read the cdb_ws logs for the exception; a deploy of cdb_ws shortly before the storm is the first suspect.',
        'Compare with "Feed age by exchange": a storm with a growing feed age is about to become a stale feed.',
      ],
      mitigate: [
        'If a recent cdb_ws deploy started it, roll it back.',
        'If the exchange throttles, reduce the subscriptions per connection or the reconnect rate (backoff) in the cdb_ws configuration.',
        'If the host is overloaded, relieve it (CPU limits, other containers) before restarting cdb_ws.',
        'Note the storm in the block log so that signals of the affected hour can be discounted in the review.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario('a reconnect every minute for an hour fires', {
        input: [reconnects('binance', 'timeout', '0+1x90')],
        at: '90m',
        fires: [{ labels: { exchange: 'binance' }, description: description('binance', '60') }],
      }),
      scenario('reconnects for different reasons add up per exchange', {
        input: [reconnects('binance', 'timeout', '0x30 0+1x6 6x54'), reconnects('binance', 'closed_by_server', '0x30 0+1x6 6x54')],
        at: '60m',
        fires: [{ labels: { exchange: 'binance' }, description: description('binance', '12') }],
      }),
      scenario('exactly the threshold in an hour stays quiet', {
        input: [reconnects('binance', 'timeout', '0x30 0+1x10 10x50')],
        at: '60m',
        fires: 'quiet',
      }),
      scenario('a few reconnects an hour stay quiet', {
        input: [reconnects('binance', 'closed_by_server', '0x20 1x20 2x20 3x30')],
        at: '90m',
        fires: 'quiet',
      }),
      scenario('a storm that has lasted less than the for duration stays quiet', {
        input: [reconnects('binance', 'error', '0x30 0+1x15')],
        at: '45m',
        fires: 'quiet',
      }),
      scenario('a cdb_ws restart that resets the counter raises no false alarm', {
        input: [reconnects('binance', 'timeout', '0x20 5x40 0x1 1x30')],
        at: '90m',
        fires: 'quiet',
      }),
    ],
  });
  return cdbWebsocketReconnectStorm;
}
