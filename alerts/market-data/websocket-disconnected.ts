/** CdbWebsocketDisconnected: the market-data websocket to an exchange is down. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { eq, select } from '../../engine/promql';
import { at } from '../../engine/rules/derive';
import { expand, firstFiring, hold, instant, notation, pendingMinutes } from './evaluation-model';
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

  /**
   * From the `for` alone (the threshold is the fixed 0): a socket that drops at minute `drop` fires the minute the
   * model says it has been 0 for `for`, not one evaluation earlier.
   */
  function disconnectScenarios() {
    const drop = 1;
    const pendingFor = pendingMinutes(pending);
    const holds = (values: string) => {
      const samples = expand(values);
      return (t: number) => instant(samples, t) === 0;
    };
    const down = (minutes: number) => notation(hold(1, drop), hold(0, minutes - drop + 1));
    const horizon = drop + pendingFor + 1;
    const fires = firstFiring(holds(down(horizon)), pending, horizon)!;
    const up = hold(1, fires + 1);
    const firing = (exchange: string) => [{ labels: { ...ws, exchange }, description: description(exchange, ws.instance) }];
    return [
      scenario(`the socket drops at minute ${drop} and fires at minute ${fires}, once down for ${pending}`, {
        input: [connected('binance', down(fires))],
        at: at(fires),
        fires: firing('binance'),
        proves: ['firing-minute'],
      }),
      scenario(
        fires > drop
          ? `the socket down since minute ${drop} is still pending at minute ${fires - 1}, one evaluation before it fires`
          : `the socket is still connected at minute ${fires - 1}, the evaluation before it drops`,
        { input: [connected('binance', down(fires))], at: at(fires - 1), fires: 'quiet', proves: ['pending'] },
      ),
      scenario('a connected socket stays quiet', { input: [connected('binance', up)], at: at(fires), fires: 'quiet' }),
      // With a `for` of 0 every disconnect fires: there is no reconnect in time.
      ...(pendingFor > 0
        ? [
            scenario(`a socket down for ${pendingFor} minute${pendingFor === 1 ? '' : 's'}, one evaluation short of the for, reconnects and stays quiet`, {
              input: [connected('binance', notation(hold(1, drop), hold(0, pendingFor), hold(1, 1)))],
              at: at(drop + pendingFor),
              fires: 'quiet' as const,
            }),
          ]
        : []),
      scenario('only the disconnected exchange fires', {
        input: [connected('binance', up), connected('kraken', down(fires))],
        at: at(fires),
        fires: firing('kraken'),
      }),
    ];
  }

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
    scenarios: disconnectScenarios(),
  });
  return cdbWebsocketDisconnected;
}
