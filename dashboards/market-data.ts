/** Layer 2 dashboard: is market data arriving from every exchange, is it fresh, and is the screener selecting symbols. */
import { dashboard, row } from '../engine/dashboards/dashboard';
import { query, stat, thresholds, warnThenFail, timeseries } from '../engine/dashboards/panels';
import { div, select, sum } from '../engine/promql';
import { screenerSymbols, wsConnected } from '../catalog/cdb';
import { feedAge, messagesReceivedRate, reconnectsByReasonLastHour, reconnectsLastHour } from '../recording-rules/market-data';
import { DASHBOARD_IDS, FOLDERS, ageStat, layerTags, layerTitle, upDownStat } from './common';
import type { Settings } from '../config/settings';
import type { DashboardModel } from '../engine/model/dashboard';

export function marketDataDashboard(settings: Settings): DashboardModel {
  /** Feed age (seconds) from which prices start to go stale; raise it only if a quiet channel is normal for longer. */
  const FEED_AGE_WARN_SECONDS = 30;
  /** Feed age (seconds) from which the signal engine works on stale prices: CdbMarketDataStale's threshold. */
  const FEED_AGE_FAIL_SECONDS = settings.thresholds.CdbMarketDataStale.maxAgeSeconds;
  /** Reconnects per hour that suggest an unstable connection; the cockpit uses the same value. */
  const RECONNECTS_WARN = 3;
  /** Reconnects per hour at which the feed is effectively broken: CdbWebsocketReconnectStorm's threshold. */
  const RECONNECTS_FAIL = settings.thresholds.CdbWebsocketReconnectStorm.reconnectsPerHour;
  /** Messages per second below which the feed counts as stopped. */
  const MIN_MESSAGE_RATE = 0.01;

  const feedHealth = row('Feed health', [
    upDownStat({
      title: 'Websocket connection',
      description: 'Whether the market-data websocket to each exchange is connected. DOWN: no prices from that exchange reach the signal engine.',
      expr: select(wsConnected),
      legend: '{{exchange}}',
    }),
    ageStat({
      title: 'Feed age',
      description: `Seconds since the last market-data message of each exchange. Orange from ${FEED_AGE_WARN_SECONDS} s, red from ${FEED_AGE_FAIL_SECONDS} s: signals then run on stale prices. No data: the feed metric vanished.`,
      expr: select(feedAge),
      legend: '{{exchange}}',
      warnAfter: FEED_AGE_WARN_SECONDS,
      failAfter: FEED_AGE_FAIL_SECONDS,
    }),
    stat({
      title: 'Messages received',
      description: 'Market-data messages per second, all exchanges and channels (5-minute rate). Zero means the feed stopped even if the socket looks connected.',
      unit: 'ops',
      width: 4,
      queries: [sum(select(messagesReceivedRate))],
      thresholds: thresholds('red', [MIN_MESSAGE_RATE, 'green']),
    }),
    stat({
      title: 'Reconnects (1h)',
      description: `Websocket reconnections in the last hour, all exchanges. From ${RECONNECTS_WARN} the connection is unstable; from ${RECONNECTS_FAIL} data gaps are likely.`,
      unit: 'short',
      width: 4,
      queries: [sum(select(reconnectsLastHour))],
      thresholds: warnThenFail('green', RECONNECTS_WARN, RECONNECTS_FAIL),
    }),
    stat({
      title: 'Symbols selected',
      description: 'Symbols that currently pass the screener filters and are traded. Zero: the signal engine has nothing to evaluate.',
      unit: 'short',
      width: 4,
      queries: [sum(select(screenerSymbols, { state: 'selected' }))],
      thresholds: thresholds('red', [1, 'green']),
    }),
  ]);

  const messages = row('Messages', [
    timeseries({
      title: 'Messages per second by channel',
      description: 'Market-data messages per second on each channel (trades, ticker, orderbook, klines), all exchanges. A channel dropping to zero starves the strategies that read it.',
      unit: 'ops',
      queries: [query(sum.by(['channel'], select(messagesReceivedRate)), '{{channel}}')],
    }),
    timeseries({
      title: 'Messages per second by exchange',
      description: 'Market-data messages per second from each exchange, all channels. A sudden drop for one exchange means its feed or subscription broke.',
      unit: 'ops',
      queries: [query(sum.by(['exchange'], select(messagesReceivedRate)), '{{exchange}}')],
    }),
  ]);

  const staleness = row('Staleness and connection', [
    timeseries({
      title: 'Feed age by exchange',
      description: `Seconds since the last market-data message of each exchange, over time. Spikes above ${FEED_AGE_FAIL_SECONDS} s are periods when signals ran on stale prices.`,
      unit: 's',
      queries: [query(select(feedAge), '{{exchange}}')],
      thresholds: warnThenFail('green', FEED_AGE_WARN_SECONDS, FEED_AGE_FAIL_SECONDS),
      thresholdsStyle: 'dashed',
    }),
    timeseries({
      title: 'Websocket connection by exchange',
      description: 'Websocket state of each exchange over time: 1 connected, 0 disconnected. Dips to 0 are outages of the market-data feed.',
      unit: 'none',
      min: 0,
      max: 1,
      queries: [query(select(wsConnected), '{{exchange}}')],
      mappings: [
        { value: 0, text: 'DISCONNECTED', color: 'red' },
        { value: 1, text: 'CONNECTED', color: 'green' },
      ],
    }),
  ]);

  const reconnects = row('Reconnects', [
    timeseries({
      title: 'Reconnects per hour by exchange',
      description: `Websocket reconnections of each exchange within the preceding hour. From ${RECONNECTS_WARN} the connection is unstable; a steady climb points at the exchange or the network.`,
      unit: 'short',
      queries: [query(select(reconnectsLastHour), '{{exchange}}')],
      thresholds: warnThenFail('green', RECONNECTS_WARN, RECONNECTS_FAIL),
      thresholdsStyle: 'dashed',
    }),
    timeseries({
      title: 'Reconnects per hour by reason',
      description: 'Websocket reconnections within the preceding hour by what ended the connection: closed_by_server (exchange side), timeout (network or no heartbeat), error (client side). Errors call for a look at cdb_ws logs.',
      unit: 'short',
      queries: [query(select(reconnectsByReasonLastHour), '{{reason}}')],
      thresholds: warnThenFail('green', RECONNECTS_WARN, RECONNECTS_FAIL),
      thresholdsStyle: 'dashed',
    }),
  ]);

  const screener = row('Screener', [
    timeseries({
      title: 'Symbols screened vs selected',
      description: 'Symbols the screener watches (screened) and those passing its filters (selected). Selected at zero: no symbol is traded; screened at zero: the symbol list failed to load.',
      unit: 'short',
      min: 0,
      queries: [query(sum.by(['state'], select(screenerSymbols)), '{{state}}')],
    }),
    timeseries({
      title: 'Share of screened symbols selected',
      description: 'Selected symbols as a share of screened symbols. A sudden fall to 0 % means the filters reject everything, often because their input data is stale.',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [
        query(div(select(screenerSymbols, { state: 'selected' }), select(screenerSymbols, { state: 'screened' }), { ignoring: ['state'] }), 'selected'),
      ],
    }),
  ]);

  return dashboard({
    id: DASHBOARD_IDS.marketData,
    title: layerTitle('market-data'),
    description: 'Layer 2: websocket connection per exchange, message rates by channel, feed staleness, reconnects and the symbols the screener selects.',
    folder: FOLDERS.layers,
    tags: layerTags('market-data'),
    rows: [feedHealth, messages, staleness, reconnects, screener],
    source: import.meta.url,
  });
}
