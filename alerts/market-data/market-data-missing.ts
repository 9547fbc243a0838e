/** CdbMarketDataMissing: cdb_ws is up, but reports no last-message time: no market data, and nothing to call stale. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { durationSeconds, eq, labelReplace, or, select, unless, type Duration } from '../../engine/promql';
import { at, durationWords, firesAt } from '../../engine/rules/derive';
import { hold, notation, ramp } from './evaluation-model';
import { wsConnected, wsLastMessageTimestamp } from '../../catalog/cdb';
import { exporters } from '../../catalog';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

/** The `exchange` label of the alert when cdb_ws reports no exchange at all. */
const ANY_EXCHANGE = 'any exchange';

export function cdbMarketDataMissing(settings: Settings): AlertModel {
  // Missing counts as stale from the moment cdb_ws came up: it fires when a feed whose last message arrived then
  // would be stale and CdbMarketDataStale would fire.
  const stale = settings.thresholds.CdbMarketDataStale;
  const seconds = stale.maxAgeSeconds + durationSeconds(stale.for);
  const pending: Duration = seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`;
  const ws = targetLabels('cdb_ws');
  const description = (exchange: string) =>
    `cdb_ws is up but has reported no market-data message from ${exchange} for ${durationWords(pending)}: no prices reach the signal engine, and CdbMarketDataStale cannot judge a feed without a last-message time.`;

  /** An exchange cdb_ws knows (its connection gauge exists, connected or not) without a last-message time. */
  const exchangeWithoutMessage = unless(select(wsConnected), select(wsLastMessageTimestamp), { on: ['job', 'instance', 'exchange'] });
  /** cdb_ws up without a last-message time of any exchange, labelled as such. */
  const upWithoutMessage = unless(
    labelReplace(eq(select(exporters.up, { job: 'cdb_ws' }), 1), 'exchange', ANY_EXCHANGE, 'job', '.*'),
    select(wsLastMessageTimestamp),
    { on: ['job', 'instance'] },
  );

  /**
   * From CdbMarketDataStale's threshold and `for` (the `for` here): the last-message time ends with a staleness
   * marker when cdb_ws restarts, so the condition holds from that minute, and the alert fires `for` later.
   */
  function missingScenarios() {
    const up = (values: string) => series(select(exporters.up, ws), values);
    const lastMessage = (exchange: string, values: string) => series(select(wsLastMessageTimestamp, { ...ws, exchange }), values);
    const connected = (exchange: string, values: string) => series(select(wsConnected, { ...ws, exchange }), values);
    const firing = (exchange: string) => [{ labels: { ...ws, exchange }, description: description(exchange) }];

    // Messages every minute until cdb_ws restarts at minute `restart`; none after it.
    const restart = 2;
    const fires = firesAt(restart, pending);
    const restarted = (minutes: number) => [up(hold(1, minutes + 1)), lastMessage('binance', notation(ramp(0, 60, restart), 'stale'))];
    // An exchange connected from minute 0 that never delivers, while another one does.
    const silentFires = firesAt(0, pending);
    const settled = silentFires;
    const fresh = (exchange: string) => lastMessage(exchange, ramp(0, 60, settled + 1));

    return [
      scenario(`cdb_ws restarts at minute ${restart} and receives no message: it fires at minute ${fires}, when a feed silent since the restart would be stale`, {
        input: restarted(fires),
        at: at(fires),
        fires: firing(ANY_EXCHANGE),
        proves: ['firing-minute', 'evidence-loss'],
        guards: ['CdbMarketDataStale', 'CdbMarketDataTimestampInFuture'],
      }),
      scenario(`the same restart is still pending at minute ${fires - 1}, one evaluation before it fires`, {
        input: restarted(fires),
        at: at(fires - 1),
        fires: 'quiet',
        proves: ['pending'],
      }),
      scenario(`kraken connected from minute 0 but never delivering, while binance does, fires for kraken at minute ${silentFires}`, {
        input: [up(hold(1, settled + 1)), fresh('binance'), connected('binance', hold(1, settled + 1)), connected('kraken', hold(1, settled + 1))],
        at: at(silentFires),
        fires: firing('kraken'),
      }),
      scenario('a fresh feed stays quiet', {
        input: [up(hold(1, settled + 1)), fresh('binance'), connected('binance', hold(1, settled + 1))],
        at: at(settled),
        fires: 'quiet',
      }),
      scenario('a cdb_ws that is down (no last-message time) stays quiet: CdbTargetDown pages for it', {
        input: [up(hold(0, settled + 1))],
        at: at(settled),
        fires: 'quiet',
      }),
    ];
  }

  const cdbMarketDataMissing = alert({
    name: 'CdbMarketDataMissing',
    expr: or(exchangeWithoutMessage, upWithoutMessage),
    for: pending,
    severity: 'critical',
    labels: cdbLabels('market-data', 'cdb_ws'),
    summary: 'Market data is missing while cdb_ws is up.',
    description: description('{{ $labels.exchange }}'),
    dashboard: { dashboard: DASHBOARD_IDS.marketData, panel: 'Feed age by exchange' },
    runbook: {
      meaning: `cdb_ws is scraped (\`up\` is 1) but exposes no \`cdb_ws_last_message_timestamp_seconds\`, for ${durationWords(pending)}: for an exchange whose \`cdb_ws_connected\` exists, or (exchange "${ANY_EXCHANGE}") for none at all. The gauge appears with the first message after a start, so this is a cdb_ws that has received nothing since it started, or a metric that was renamed or dropped. The delay is CdbMarketDataStale's threshold plus its \`for\`: a feed silent since the start fires when a stale one would. CdbMarketDataStale cannot fire without the metric, and it must not (it mutes the Zero-Activity alerts); this alert mutes nothing, so the Zero-Activity alerts keep judging.`,
      impact:
        'No prices reach the signal engine from that exchange (or from any): no signals, no trades, and the block records no trading evidence while it lasts. Its hours are lost for the strategy review.',
      diagnose: [
        'Open the market-data dashboard, "Feed age by exchange": No data for the exchange confirms that the metric is missing.',
        'Check the socket: `cdb_ws_connected` ("Websocket connection by exchange"). 0 or missing: cdb_ws never connected since its start (see CdbWebsocketDisconnected); 1: connected, but the subscription delivers nothing.',
        'Check the message counters: `exchange_channel:cdb_ws_messages_received:rate5m` ("Messages per second by channel"). Messages flowing with no last-message time means the metric was renamed or dropped: read the /metrics output of cdb_ws and its last deploy.',
        'Read the cdb_ws logs since its start for subscription errors, rate limits or exchange maintenance.',
      ],
      mitigate: [
        'Restart cdb_ws (`docker restart cdb_ws`) and watch the feed age appear on "Feed age by exchange".',
        'If a deploy of cdb_ws dropped or renamed the metric, roll it back.',
        'If the exchange is in maintenance, wait it out and record the gap in the block log.',
      ],
    },
    source: import.meta.url,
    scenarios: missingScenarios(),
    evidenceWaivers: [
      {
        metric: wsConnected.name,
        loss: 'vanished',
        reason:
          'cdb_ws_connected only names the exchanges cdb_ws should hear from. When it vanishes, the branch on up still fires for a cdb_ws without any last-message time, and CdbMarketDataStale still judges every exchange that has one.',
      },
    ],
  });
  return cdbMarketDataMissing;
}
