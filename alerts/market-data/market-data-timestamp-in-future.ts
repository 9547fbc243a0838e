/** CdbMarketDataTimestampInFuture: the last-message time of an exchange lies in the future (milliseconds, or a clock ahead). */
import { series } from '../../engine/rules/alert';
import { select } from '../../engine/promql';
import { wsLastMessageTimestamp } from '../../catalog/cdb';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { targetLabels } from '../common';
import { futureTimestampAlert } from '../future-timestamp';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbMarketDataTimestampInFuture(settings: Settings): AlertModel {
  const labels = { ...targetLabels('cdb_ws'), exchange: 'binance' };
  return futureTimestampAlert({
    name: 'CdbMarketDataTimestampInFuture',
    metric: wsLastMessageTimestamp,
    thresholds: settings.thresholds.CdbMarketDataTimestampInFuture,
    layer: 'market-data',
    service: 'cdb_ws',
    subject: 'the last market-data message',
    descriptionLabel: 'exchange',
    description: (ahead, exchange) =>
      `The last-message time of ${exchange} lies ${ahead} ahead of Prometheus' clock: CdbMarketDataStale cannot tell whether the feed is stale.`,
    blinds: ['CdbMarketDataStale'],
    impact:
      'CdbMarketDataStale reads the age of this time (`exchange:cdb_ws_last_message_age_seconds:min`): a time in the future has a negative age that never grows past the threshold, so a feed that stops is never called stale, and the feed-age panels show nonsense. Without this page the stale-feed alarm is switched off silently for as long as the instrumentation is wrong.',
    series: (values) => series(select(wsLastMessageTimestamp, labels), values),
    seriesLabels: labels,
    dashboard: { dashboard: DASHBOARD_IDS.marketData, panel: 'Feed age by exchange' },
    diagnose: [
      'Open the market-data dashboard, "Feed age by exchange": a negative age is the time in the future; one exchange wrong points at its client code in cdb_ws, all of them at the shared code that sets `cdb_ws_last_message_timestamp_seconds`.',
      'Check whether cdb_ws stores the exchange\'s own message time instead of its receive time: exchanges send event times in milliseconds.',
      'Check that the feed flows meanwhile: `exchange_channel:cdb_ws_messages_received:rate5m` ("Messages per second by channel") does not depend on the timestamp.',
    ],
    source: import.meta.url,
  });
}
