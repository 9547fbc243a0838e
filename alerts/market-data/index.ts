/** Layer 2 alerts: Market Data / Screener. */
import { layerAlertGroup } from '../common';
import { cdbMarketDataStale } from './market-data-stale';
import { cdbWebsocketDisconnected } from './websocket-disconnected';
import { cdbWebsocketReconnectStorm } from './websocket-reconnect-storm';

export const marketDataAlerts = layerAlertGroup(
  'market-data',
  [cdbMarketDataStale, cdbWebsocketDisconnected, cdbWebsocketReconnectStorm],
  import.meta.url,
);
