/** Layer 2, Market Data / Screener: message rates and feed age per exchange. */
import { recordingRule, ruleGroup } from '../engine/rules/recording-rule';
import { increase, max, rate, select, sub, sum, time } from '../engine/promql';
import { wsLastMessageTimestamp, wsMessagesReceived, wsReconnects } from '../catalog/cdb';

/** Market-data messages per second by exchange and channel. */
export const messagesReceivedRate = recordingRule(
  'exchange_channel:cdb_ws_messages_received:rate5m',
  sum.by(['exchange', 'channel'], rate(select(wsMessagesReceived).over('5m'))),
);

/** Seconds since the last market-data message of each exchange: the feed's staleness. */
export const feedAge = recordingRule(
  'exchange:cdb_ws_last_message_age_seconds:min',
  sub(time(), max.by(['exchange'], select(wsLastMessageTimestamp))),
);

/** Websocket reconnections per exchange in the last hour. */
export const reconnectsLastHour = recordingRule(
  'exchange:cdb_ws_reconnects:increase1h',
  sum.by(['exchange'], increase(select(wsReconnects).over('1h'))),
);

/** Reconnections in the last hour by what ended the connection: the panel reads it instead of the raw counter. */
export const reconnectsByReasonLastHour = recordingRule(
  'reason:cdb_ws_reconnects:increase1h',
  sum.by(['reason'], increase(select(wsReconnects).over('1h'))),
);

export const marketDataRules = ruleGroup({
  name: 'cdb-market-data-recording',
  file: 'market-data',
  source: import.meta.url,
  rules: [messagesReceivedRate, feedAge, reconnectsLastHour, reconnectsByReasonLastHour],
});
