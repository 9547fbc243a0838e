/** CdbMarketDataStale: no market-data message from an exchange for too long. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { gt, select } from '../../engine/promql';
import { wsConnected, wsLastMessageTimestamp } from '../../catalog/cdb';
import { exporters } from '../../catalog';
import { feedAge } from '../../recording-rules/market-data';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbMarketDataStale(settings: Settings): AlertModel {
  const { maxAgeSeconds, for: pending } = settings.thresholds.CdbMarketDataStale;
  const ws = targetLabels('cdb_ws');
  /** The last-message timestamp of an exchange; `0+60x30` is a feed that receives a message every minute. */
  const lastMessage = (exchange: string, values: string) => series(select(wsLastMessageTimestamp, { ...ws, exchange }), values);
  const description = (exchange: string, age: string) =>
    `The last market-data message from ${exchange} arrived ${age} ago: the signal engine works on stale prices.`;

  const cdbMarketDataStale = alert({
    name: 'CdbMarketDataStale',
    expr: gt(select(feedAge), maxAgeSeconds),
    for: pending,
    severity: 'critical',
    labels: cdbLabels('market-data', 'cdb_ws'),
    summary: 'Market data is stale.',
    description: description('{{ $labels.exchange }}', '{{ $value | humanizeDuration }}'),
    dashboard: { dashboard: DASHBOARD_IDS.marketData, panel: 'Feed age by exchange' },
    runbook: {
      meaning: `cdb_ws has received no market-data message from the exchange in the \`exchange\` label for more than ${maxAgeSeconds} s, and that has lasted ${pending} (\`exchange:cdb_ws_last_message_age_seconds:min\`, the age of \`cdb_ws_last_message_timestamp_seconds\`). While it fires, Alertmanager mutes CdbZeroActivitySignals and CdbZeroActivityPaperTrades: a dead feed explains their silence. It deliberately does not fire when \`cdb_ws_last_message_timestamp_seconds\` is absent while cdb_ws is up: because of that inhibition (which matches on no label), firing on absence would silence both Zero-Activity alerts for as long as an instrumentation bug or a metric rename lasts, switching off the 24h safety net exactly when observability is broken. A cdb_ws that is down is caught by CdbTargetDown, a socket that never connected by CdbWebsocketDisconnected, and the Zero-Activity alerts still fire after 24h without signals or trades.`,
      impact:
        'The signal engine evaluates old prices or nothing: no new signals, or signals on prices that no longer exist, so the block records no valid trading evidence for as long as the feed is stale. Its hours are lost for the strategy review.',
      diagnose: [
        'Open the market-data dashboard, "Feed age by exchange": one exchange stale points at that exchange or its subscription; all exchanges stale points at cdb_ws itself or the host network.',
        'Check the socket: `cdb_ws_connected{exchange="<exchange>"}` ("Websocket connection by exchange"). 0: see CdbWebsocketDisconnected; 1 with a growing age: the socket is open but the subscription delivers nothing (unsubscribed channel, silently dead connection, exchange maintenance).',
        'Check per-channel traffic: `exchange_channel:cdb_ws_messages_received:rate5m{exchange="<exchange>"}` ("Messages per second by channel"). The feed age counts the newest message of any channel, so a stale exchange means every channel went silent; all rates at zero with the socket connected means the subscriptions were lost.',
        'Check reconnects: `exchange:cdb_ws_reconnects:increase1h` ("Reconnects per hour by exchange"); a reconnect loop never gets as far as receiving data.',
        'Read the cdb_ws logs for subscription errors, rate limits or exchange maintenance notices, and the exchange status page.',
        'If "Feed age by exchange" shows No data, the metric itself is missing (see above: this alert does not cover that): check `up{job="cdb_ws"}` and the /metrics output of cdb_ws for `cdb_ws_last_message_timestamp_seconds`; a recent cdb_ws deploy that renamed or dropped it is the first suspect.',
      ],
      mitigate: [
        'Restart cdb_ws (`docker restart cdb_ws`): the client resubscribes to every channel on start; watch the feed age fall back to seconds.',
        'If the exchange is in maintenance or rate-limits the client, wait it out; do not raise the threshold for it.',
        'If the exchange is normally silent for longer than the threshold (few symbols, a quiet market), raise `maxAgeSeconds` of CdbMarketDataStale in alerts/thresholds.ts (and the feed-age thresholds of the market-data dashboard) in a reviewed change; remember that this alert mutes the Zero-Activity alerts while it fires.',
        'Record the stale period in the block log: signals and trades of that period are excluded from the block review.',
      ],
    },
    source: import.meta.url,
    // promtool evaluates the recording-rule group and the alert group of a test in random order, so the alert sees
    // the feed age of this evaluation or of the previous one. A stopped feed's age grows by 60 s per evaluation, which
    // would make its rendered description flaky; the firing scenarios therefore use feeds that lag by a constant age
    // (the timestamp advances, but stays behind), and the stopped feed is checked where both orders agree.
    scenarios: [
      scenario('a feed whose newest message stays 10 minutes old fires past the for duration', {
        input: [lastMessage('binance', '-600+60x30')],
        at: '30m',
        fires: [{ labels: { exchange: 'binance' }, description: description('binance', '10m 0s') }],
      }),
      scenario('a fresh feed stays quiet', { input: [lastMessage('binance', '0+60x30')], at: '30m', fires: 'quiet' }),
      scenario('a feed stopped at minute 10 is stale for less than the for duration at minute 14 and stays quiet', {
        input: [lastMessage('binance', '0+60x10 600x20')],
        at: '14m',
        fires: 'quiet',
      }),
      scenario('a feed whose newest message is always exactly the threshold old stays quiet', {
        input: [lastMessage('binance', `-${maxAgeSeconds}+60x30`)],
        at: '30m',
        fires: 'quiet',
      }),
      scenario('only the stale exchange fires', {
        input: [lastMessage('binance', '0+60x30'), lastMessage('kraken', '-300+60x30')],
        at: '30m',
        fires: [{ labels: { exchange: 'kraken' }, description: description('kraken', '5m 0s') }],
      }),
      scenario('a missing last-message metric while cdb_ws is up stays quiet (it must not mute the Zero-Activity alerts)', {
        input: [series(select(exporters.up, ws), '1x30'), series(select(wsConnected, { ...ws, exchange: 'binance' }), '1x30')],
        at: '30m',
        fires: 'quiet',
      }),
    ],
  });
  return cdbMarketDataStale;
}
