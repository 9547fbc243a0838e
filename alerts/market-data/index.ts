/** Layer 2 alerts: Market Data / Screener. */
import { layerAlertGroup } from '../common';
import type { Settings } from '../../config/settings';
import { cdbMarketDataStale } from './market-data-stale';
import { cdbMarketDataMissing } from './market-data-missing';
import { cdbMarketDataTimestampInFuture } from './market-data-timestamp-in-future';
import { cdbWebsocketDisconnected } from './websocket-disconnected';
import { cdbWebsocketReconnectStorm } from './websocket-reconnect-storm';

export function marketDataAlerts(settings: Settings) {
  return layerAlertGroup(
    'market-data',
    [
      cdbMarketDataStale(settings),
      cdbMarketDataMissing(settings),
      cdbMarketDataTimestampInFuture(settings),
      cdbWebsocketDisconnected(settings),
      cdbWebsocketReconnectStorm(settings),
    ],
    import.meta.url,
  );
}
