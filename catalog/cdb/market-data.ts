/** Layer 2, Market Data / Screener: metrics of cdb_ws. */
import { metric } from '../../engine/catalog/metric';

const exposedBy = ['cdb_ws'];

export const wsConnected = metric({
  name: 'cdb_ws_connected',
  type: 'gauge',
  help: 'Whether the market-data websocket to the exchange is connected (1) or not (0).',
  unit: 'boolean',
  labels: ['exchange'],
  exposedBy,
});

export const wsMessagesReceived = metric({
  name: 'cdb_ws_messages_received_total',
  type: 'counter',
  help: 'Market-data messages received on the websocket, by channel.',
  unit: 'count',
  labels: ['exchange', 'channel'],
  labelValues: { channel: ['trades', 'ticker', 'orderbook', 'klines'] },
  exposedBy,
});

export const wsLastMessageTimestamp = metric({
  name: 'cdb_ws_last_message_timestamp_seconds',
  type: 'gauge',
  help: 'Time the last market-data message was received, in seconds since the epoch.',
  unit: 'timestamp_seconds',
  labels: ['exchange'],
  exposedBy,
});

export const wsReconnects = metric({
  name: 'cdb_ws_reconnects_total',
  type: 'counter',
  help: 'Websocket reconnections, by what ended the previous connection.',
  unit: 'count',
  labels: ['exchange', 'reason'],
  labelValues: { reason: ['closed_by_server', 'timeout', 'error'] },
  exposedBy,
});

export const screenerSymbols = metric({
  name: 'cdb_screener_symbols',
  type: 'gauge',
  help: 'Symbols the screener currently watches, and how many of them pass its filters.',
  unit: 'count',
  labels: ['state'],
  labelValues: { state: ['screened', 'selected'] },
  exposedBy,
});

export const marketDataMetrics = [wsConnected, wsMessagesReceived, wsLastMessageTimestamp, wsReconnects, screenerSymbols];
