/** CdbMarketDataStale: no market-data message from an exchange for too long. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { formatNumber, gt, select } from '../../engine/promql';
import { at } from '../../engine/rules/derive';
import { humanizeDuration } from '../../engine/rules/humanize';
import { expand, firingAt, firstFiring, hold, instant, notation, pendingMinutes, ramp } from './evaluation-model';
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

  /**
   * Every number below comes from `maxAgeSeconds` (T) and `for`; the evaluation model computes when the feed age
   * passes T and what the description then renders. The emitted test evaluates the recording group before the
   * alert group (group_eval_order), so the alert reads the feed age of the same evaluation.
   */
  function staleScenarios() {
    const T = maxAgeSeconds;
    const threshold = `the ${formatNumber(T)} s threshold`;
    /** The feed age the alert reads at minute t, from the last-message timestamp series. */
    const ageAt = (values: string) => {
      const samples = expand(values);
      return (t: number) => {
        const v = instant(samples, t);
        return v === undefined ? undefined : t * 60 - v;
      };
    };
    const holds = (values: string) => {
      const age = ageAt(values);
      return (t: number) => (age(t) ?? Number.NEGATIVE_INFINITY) > T;
    };
    const age = (values: string, t: number) => humanizeDuration(ageAt(values)(t)!);

    // A feed that receives a message every minute until minute `stop`, then none: its age passes T at the first
    // whole minute more than T seconds later, and the alert fires `for` after that.
    const stop = 2;
    const passes = stop + Math.floor(T / 60) + 1;
    const horizon = passes + pendingMinutes(pending) + 1;
    const stopped = (minutes: number) => notation(ramp(0, 60, stop + 1), hold(60 * stop, minutes - stop));
    const fires = firstFiring(holds(stopped(horizon)), pending, horizon)!;
    const silent = stopped(fires);

    // Feeds that lag by a constant age from minute 0: the condition holds (or not) from the first evaluation, so the
    // alert fires once `for` has passed.
    const settled = Math.max(1, pendingMinutes(pending));
    const lagging = (lag: number) => ramp(-lag, 60, settled + 1);
    const above = T + Math.min(1, T / 10);
    const below = T - Math.min(1, T / 10);
    // Exactly T old is not above T; the repeated additions of promtool's notation keep a fractional T exact only
    // sometimes, so the model decides whether the scenario can sit exactly on the threshold.
    const atThreshold = !firingAt(holds(lagging(T)), pending, settled);
    const quietLag = atThreshold ? T : below;
    const fresh = ramp(0, 60, settled + 1);

    return [
      scenario(`a feed silent from minute ${stop} is past ${threshold} from minute ${passes} and fires at minute ${fires}, ${age(silent, fires)} old`, {
        input: [lastMessage('binance', silent)],
        at: at(fires),
        fires: [{ labels: { exchange: 'binance' }, description: description('binance', age(silent, fires)) }],
        proves: ['firing-minute'],
      }),
      scenario(
        fires > passes
          ? `a feed silent from minute ${stop} is still pending at minute ${fires - 1}, one evaluation before it fires`
          : `a feed silent from minute ${stop} is ${age(silent, fires - 1)} old at minute ${fires - 1}, not past ${threshold}, and stays quiet`,
        { input: [lastMessage('binance', silent)], at: at(fires - 1), fires: 'quiet', proves: ['pending'] },
      ),
      scenario(`a feed always ${formatNumber(above)} s behind, just past ${threshold}, is firing at minute ${settled}`, {
        input: [lastMessage('binance', lagging(above))],
        at: at(settled),
        fires: [{ labels: { exchange: 'binance' }, description: description('binance', age(lagging(above), settled)) }],
        proves: ['edge-above'],
      }),
      scenario(
        atThreshold
          ? `a feed always exactly ${formatNumber(T)} s behind, at the threshold, stays quiet`
          : `a feed always ${formatNumber(below)} s behind, just under ${threshold}, stays quiet`,
        { input: [lastMessage('binance', lagging(quietLag))], at: at(settled), fires: 'quiet', proves: ['edge-below'] },
      ),
      scenario('a fresh feed stays quiet', { input: [lastMessage('binance', fresh)], at: at(settled), fires: 'quiet' }),
      scenario(`only the stale exchange fires: kraken ${formatNumber(2 * T)} s behind, binance fresh`, {
        input: [lastMessage('binance', fresh), lastMessage('kraken', lagging(2 * T))],
        at: at(settled),
        fires: [{ labels: { exchange: 'kraken' }, description: description('kraken', age(lagging(2 * T), settled)) }],
      }),
      scenario('a missing last-message metric while cdb_ws is up stays quiet (it must not mute the Zero-Activity alerts; CdbMarketDataMissing pages instead)', {
        input: [series(select(exporters.up, ws), hold(1, settled + 1)), series(select(wsConnected, { ...ws, exchange: 'binance' }), hold(1, settled + 1))],
        at: at(settled),
        fires: 'quiet',
      }),
    ];
  }

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
      meaning: `cdb_ws has received no market-data message from the exchange in the \`exchange\` label for more than ${maxAgeSeconds} s, and that has lasted ${pending} (\`exchange:cdb_ws_last_message_age_seconds:min\`, the age of \`cdb_ws_last_message_timestamp_seconds\`). While it fires, Alertmanager mutes CdbZeroActivitySignals and CdbZeroActivityPaperTrades: a dead feed explains their silence. It deliberately does not fire when \`cdb_ws_last_message_timestamp_seconds\` is absent while cdb_ws is up: because of that inhibition (which matches on no label), firing on absence would silence both Zero-Activity alerts for as long as an instrumentation bug or a metric rename lasts, switching off the Zero-Activity safety net exactly when observability is broken. CdbMarketDataMissing pages for that case instead, and mutes nothing; a last-message time in the future (milliseconds) hides the age from this alert, and CdbMarketDataTimestampInFuture pages for it. A cdb_ws that is down is caught by CdbTargetDown, a socket that never connected by CdbWebsocketDisconnected, and the Zero-Activity alerts still fire after their window without signals or trades.`,
      impact:
        'The signal engine evaluates old prices or nothing: no new signals, or signals on prices that no longer exist, so the block records no valid trading evidence for as long as the feed is stale. Its hours are lost for the strategy review.',
      diagnose: [
        'Open the market-data dashboard, "Feed age by exchange": one exchange stale points at that exchange or its subscription; all exchanges stale points at cdb_ws itself or the host network.',
        'Check the socket: `cdb_ws_connected{exchange="<exchange>"}` ("Websocket connection by exchange"). 0: see CdbWebsocketDisconnected; 1 with a growing age: the socket is open but the subscription delivers nothing (unsubscribed channel, silently dead connection, exchange maintenance).',
        'Check per-channel traffic: `exchange_channel:cdb_ws_messages_received:rate5m{exchange="<exchange>"}` ("Messages per second by channel"). The feed age counts the newest message of any channel, so a stale exchange means every channel went silent; all rates at zero with the socket connected means the subscriptions were lost.',
        'Check reconnects: `exchange:cdb_ws_reconnects:increase1h` ("Reconnects per hour by exchange"); a reconnect loop never gets as far as receiving data.',
        'Read the cdb_ws logs for subscription errors, rate limits or exchange maintenance notices, and the exchange status page.',
        'If "Feed age by exchange" shows No data, the metric itself is missing (CdbMarketDataMissing pages for that, not this alert): check `up{job="cdb_ws"}` and the /metrics output of cdb_ws for `cdb_ws_last_message_timestamp_seconds`; a recent cdb_ws deploy that renamed or dropped it is the first suspect.',
      ],
      mitigate: [
        'Restart cdb_ws (`docker restart cdb_ws`): the client resubscribes to every channel on start; watch the feed age fall back to seconds.',
        'If the exchange is in maintenance or rate-limits the client, wait it out; do not raise the threshold for it.',
        'If the exchange is normally silent for longer than the threshold (few symbols, a quiet market), raise `maxAgeSeconds` of CdbMarketDataStale in alerts/thresholds.ts (and the feed-age thresholds of the market-data dashboard) in a reviewed change; remember that this alert mutes the Zero-Activity alerts while it fires.',
        'Record the stale period in the block log: signals and trades of that period are excluded from the block review.',
      ],
    },
    source: import.meta.url,
    scenarios: staleScenarios(),
  });
  return cdbMarketDataStale;
}
