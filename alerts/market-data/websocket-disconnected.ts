/** CdbWebsocketDisconnected: the market-data websocket to an exchange is down. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { eq, select } from '../../engine/promql';
import { wsConnected } from '../../catalog/cdb';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbWebsocketDisconnected(settings: Settings): AlertModel {
  const { for: pending } = settings.thresholds.CdbWebsocketDisconnected;
  const ws = targetLabels('cdb_ws');
  const connected = (exchange: string, values: string) => series(select(wsConnected, { ...ws, exchange }), values);
  const description = (exchange: string, instance: string) =>
    `The market-data websocket of ${instance} to ${exchange} is disconnected: no prices from ${exchange} reach the signal engine.`;

  const cdbWebsocketDisconnected = alert({
    name: 'CdbWebsocketDisconnected',
    expr: eq(select(wsConnected), 0),
    for: pending,
    severity: 'warning',
    labels: cdbLabels('market-data'),
    summary: 'The market-data websocket is disconnected.',
    description: description('{{ $labels.exchange }}', '{{ $labels.instance }}'),
    dashboard: { dashboard: DASHBOARD_IDS.marketData, panel: 'Websocket connection by exchange' },
    runbook: {
      meaning: `\`cdb_ws_connected\` has been 0 for the exchange in the \`exchange\` label for ${pending}: cdb_ws holds no websocket to it and its own reconnect has not succeeded in that time.`,
      impact:
        'No prices from that exchange: its symbols get no new signals. If the socket stays down for more than the stale threshold, CdbMarketDataStale pages and the Zero-Activity alerts are muted until the feed is back; the hours without a feed do not count as trading evidence in the block review.',
      diagnose: [
        'Open the market-data dashboard, "Websocket connection by exchange": one exchange down points at that exchange; all down points at cdb_ws or the host network (DNS, outbound HTTPS).',
        'Check whether cdb_ws keeps trying: `increase(cdb_ws_reconnects_total{exchange="<exchange>"}[15m])` by `reason` ("Reconnects per hour by reason"). No attempts: the client gave up or hangs; many `error` or `timeout`: the exchange cannot be reached.',
        'Read the cdb_ws logs around the disconnect for the close code and the exchange\'s message (maintenance, rate limit, invalid subscription).',
        'From the host, check that the exchange websocket endpoint resolves and accepts connections, and the exchange status page.',
      ],
      mitigate: [
        'If the client gave up or hangs, restart cdb_ws (`docker restart cdb_ws`) and watch `cdb_ws_connected` return to 1.',
        'If the exchange is in maintenance, wait; record the gap in the block log.',
        'If the host network is at fault (DNS, firewall, proxy), fix it first; restarting cdb_ws does not help then.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario('the socket drops at minute 10 and stays down', {
        input: [connected('binance', '1x10 0x20')],
        at: '20m',
        fires: [{ labels: { ...ws, exchange: 'binance' }, description: description('binance', ws.instance) }],
      }),
      scenario('a connected socket stays quiet', { input: [connected('binance', '1x30')], at: '30m', fires: 'quiet' }),
      scenario('a reconnect within the for duration stays quiet', {
        input: [connected('binance', '1x10 0x1 1x19')],
        at: '12m',
        fires: 'quiet',
      }),
      scenario('only the disconnected exchange fires', {
        input: [connected('binance', '1x30'), connected('kraken', '1x10 0x20')],
        at: '20m',
        fires: [{ labels: { ...ws, exchange: 'kraken' }, description: description('kraken', ws.instance) }],
      }),
    ],
  });
  return cdbWebsocketDisconnected;
}
