/** CdbWebsocketReconnectStorm: the market-data websocket reconnects over and over. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { gt, select } from '../../engine/promql';
import { at } from '../../engine/rules/derive';
import { humanize } from '../../engine/rules/humanize';
import { counter, expand, extrapolated, firstFiring, hold, notation, pendingMinutes } from './evaluation-model';
import { wsReconnects } from '../../catalog/cdb';
import { reconnectsLastHour } from '../../recording-rules/market-data';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbWebsocketReconnectStorm(settings: Settings): AlertModel {
  const { reconnectsPerHour, for: pending } = settings.thresholds.CdbWebsocketReconnectStorm;
  const ws = targetLabels('cdb_ws');
  const reconnects = (exchange: string, reason: string, values: string) =>
    series(select(wsReconnects, { ...ws, exchange, reason }), values);
  const description = (exchange: string, count: string) =>
    `The market-data websocket to ${exchange} reconnected ${count} times in the last hour: the feed has gaps.`;

  /**
   * From `reconnectsPerHour` (R) and `for`. The model computes the hour's increase as Prometheus does; every counter
   * starts at 0 at minute 0, so even the first hour's partial windows count exactly.
   */
  function stormScenarios() {
    const R = reconnectsPerHour;
    const pendingFor = pendingMinutes(pending);
    const count = (series: readonly string[]) => {
      const samples = series.map(expand);
      return (t: number) => samples.reduce<number | undefined>((sum, s) => {
        const v = extrapolated(s, t, '1h', 'increase');
        return v === undefined ? sum : (sum ?? 0) + v;
      }, undefined);
    };
    const holds = (series: readonly string[]) => (t: number) => (count(series)(t) ?? Number.NEGATIVE_INFINITY) > R;
    const firing = (series: readonly string[], t: number) => [{ labels: { exchange: 'binance' }, description: description('binance', humanize(count(series)(t)!)) }];

    // A steady storm of `perMinute` reconnects a minute from minute 1: the hour's count passes R within the hour.
    const perMinute = Math.max(1, Math.ceil((R + 1) / 60));
    const passes = Math.floor(R / perMinute) + 1;
    const horizon = passes + pendingFor + 1;
    const steady = (minutes: number) => counter(() => perMinute, minutes);
    const fires = firstFiring(holds([steady(horizon)]), pending, horizon)!;
    const storm = steady(fires);

    // Bursts of `n` reconnects at minute 1 and every hour after it: the hour's count is exactly n from minute 1 on.
    const settled = 1 + pendingFor;
    const hourly = (n: number) => counter((t) => ((t - 1) % 60 === 0 ? n : 0), settled);
    const [first, second] = [Math.ceil((R + 1) / 2), Math.floor((R + 1) / 2)];

    // A restart at minute 61 drops the counter from R to 0, then R reconnects follow: increase() counts the R after
    // the restart and nothing for the drop.
    const restart = 61;
    const restarted = notation(hold(R, restart), hold(0, 1), hold(R, pendingFor + 1));
    const restartAt = restart + 1 + pendingFor;

    return [
      scenario(`a storm of ${perMinute} reconnect${perMinute === 1 ? '' : 's'} a minute passes ${R} in the hour at minute ${passes} and fires at minute ${fires}, with ${count([storm])(fires)} in the hour`, {
        input: [reconnects('binance', 'timeout', storm)],
        at: at(fires),
        fires: firing([storm], fires),
        proves: ['firing-minute'],
      }),
      scenario(
        fires > passes
          ? `the same storm is still pending at minute ${fires - 1}, one evaluation before it fires`
          : `the same storm counts ${count([storm])(fires - 1)} at minute ${fires - 1}, not above ${R}, and stays quiet`,
        { input: [reconnects('binance', 'timeout', storm)], at: at(fires - 1), fires: 'quiet', proves: ['pending'] },
      ),
      scenario(`exactly ${R} reconnects every hour, the threshold, stay quiet`, {
        input: [reconnects('binance', 'timeout', hourly(R))],
        at: at(settled),
        fires: 'quiet',
        proves: ['edge-below'],
      }),
      scenario(`${R + 1} reconnects every hour, just past the threshold, fire`, {
        input: [reconnects('binance', 'timeout', hourly(R + 1))],
        at: at(settled),
        fires: firing([hourly(R + 1)], settled),
        proves: ['edge-above'],
      }),
      scenario(`reconnects for different reasons add up per exchange: ${first} + ${second}, each at most ${R}, fire`, {
        input: [reconnects('binance', 'timeout', hourly(first)), reconnects('binance', 'closed_by_server', hourly(second))],
        at: at(settled),
        fires: firing([hourly(first), hourly(second)], settled),
      }),
      scenario(`a cdb_ws restart that resets the counter from ${R} to 0, then ${R} reconnect${R === 1 ? '' : 's'}, counts ${R} and raises no false alarm`, {
        input: [reconnects('binance', 'timeout', restarted)],
        at: at(restartAt),
        fires: 'quiet',
      }),
    ];
  }

  const cdbWebsocketReconnectStorm = alert({
    name: 'CdbWebsocketReconnectStorm',
    expr: gt(select(reconnectsLastHour), reconnectsPerHour),
    for: pending,
    severity: 'warning',
    labels: cdbLabels('market-data', 'cdb_ws'),
    summary: 'The market-data websocket reconnects over and over.',
    description: description('{{ $labels.exchange }}', '{{ $value | humanize }}'),
    dashboard: { dashboard: DASHBOARD_IDS.marketData, panel: 'Reconnects per hour by exchange' },
    runbook: {
      meaning: `cdb_ws reconnected to the exchange in the \`exchange\` label more than ${reconnectsPerHour} times in the last hour (\`exchange:cdb_ws_reconnects:increase1h\`, all reasons together), for ${pending}. The socket is up most of the time, so CdbWebsocketDisconnected stays quiet, but every reconnect loses the messages sent while it lasted.`,
      impact:
        'Each reconnect leaves a gap in trades, ticker and order book: candles and indicators of the signal engine are built on incomplete data, and order-book snapshots may be inconsistent after a resubscribe. Signals of the block become less trustworthy; if the gaps grow, CdbMarketDataStale follows.',
      diagnose: [
        'Open the market-data dashboard, "Reconnects per hour by exchange" and "Reconnects per hour by reason".',
        '`closed_by_server`: the exchange ends the connection; look for a missing ping/pong reply, too many subscriptions per connection, or the exchange\'s 24h connection limit in the cdb_ws logs.',
        '`timeout`: heartbeats are missed; check host CPU and network latency (system dashboard) and whether cdb_ws is CPU-throttled.',
        '`error`: read the cdb_ws logs for the exception; a deploy of cdb_ws shortly before the storm is the first suspect.',
        'Compare with "Feed age by exchange": a storm with a growing feed age is about to become a stale feed.',
      ],
      mitigate: [
        'If a recent cdb_ws deploy started it, roll it back.',
        'If the exchange throttles, reduce the subscriptions per connection or the reconnect rate (backoff) in the cdb_ws configuration.',
        'If the host is overloaded, relieve it (CPU limits, other containers) before restarting cdb_ws.',
        'Note the storm in the block log so that signals of the affected hour can be discounted in the review.',
      ],
    },
    source: import.meta.url,
    scenarios: stormScenarios(),
  });
  return cdbWebsocketReconnectStorm;
}
