/** CdbSignalErrorRatioHigh: a strategy fails on a large share of the market data it evaluates. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { gt, select } from '../../engine/promql';
import { at, countsAround } from '../../engine/rules/derive';
import { humanizePercentage } from '../../engine/rules/humanize';
import { counter, expand, extrapolated, firingAt, firstFiring, hold, pendingMinutes } from '../market-data/evaluation-model';
import { signalErrors, signalEvaluations } from '../../catalog/cdb';
import { errorRatio } from '../../recording-rules/signal-engine';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbSignalErrorRatioHigh(settings: Settings): AlertModel {
  const { ratio, for: pending } = settings.thresholds.CdbSignalErrorRatioHigh;
  const core = targetLabels('cdb_core');

  /** Evaluations of `strategy`, as counter notation. */
  const evaluations = (strategy: string, values: string) => series(select(signalEvaluations, { ...core, strategy }), values);
  /** Failed evaluations of `strategy` with error kind `error`, as counter notation. */
  const errors = (strategy: string, error: string, values: string) => series(select(signalErrors, { ...core, strategy, error }), values);

  const description = (strategy: string, share: string) =>
    `Strategy ${strategy} failed ${share} of its evaluations over the last 5 minutes.`;

  /**
   * From `ratio` (r) and `for`. Event counts a minute come from countsAround(r): `total` evaluations, of which
   * `above` (or `below`) fail, a ratio just over (or under) r. The model computes the 5-minute rates and their ratio
   * as Prometheus does, hence the minute the alert fires and the share its description renders.
   */
  function errorRatioScenarios() {
    const { total, above, below } = countsAround(ratio);
    const pct = humanizePercentage;
    const pendingFor = pendingMinutes(pending);
    const steady = (perMinute: number, minutes: number) => counter(() => perMinute, minutes);
    /** Failures from minute `onset` on (none before), `perMinute` a minute. */
    const failing = (perMinute: number, onset: number, minutes: number) => counter((t) => (t >= onset ? perMinute : 0), minutes);
    /** The error ratio of one strategy at minute t, from its evaluations and its error series (one per kind). */
    const share = (evaluated: string, failed: readonly string[]) => {
      const e = expand(evaluated);
      const f = failed.map(expand);
      return (t: number) => {
        const rates = f.map((s) => extrapolated(s, t, '5m', 'rate')).filter((v): v is number => v !== undefined);
        const evals = extrapolated(e, t, '5m', 'rate');
        return rates.length === 0 || evals === undefined ? undefined : rates.reduce((a, b) => a + b) / evals;
      };
    };
    const holds = (evaluated: string, failed: readonly string[]) => (t: number) => (share(evaluated, failed)(t) ?? Number.NaN) > ratio;
    /** The first firing minute (within `horizon`) of one strategy whose failures per minute are `failed`, from minute `onset`. */
    const firingMinute = (failed: readonly number[], onset: number) => {
      const horizon = onset + 6 + pendingFor;
      return firstFiring(holds(steady(total, horizon), failed.map((n) => failing(n, onset, horizon))), pending, horizon)!;
    };
    const firing = (strategy: string, value: number | undefined) => [{ labels: { strategy }, description: description(strategy, pct(value!)) }];
    const threshold = `the ${pct(ratio)} threshold`;

    // The failures start at minute `onset`, when the evaluation rate is steady: the 5-minute error rate then
    // climbs for five minutes, and the alert fires `for` after the ratio first passes r.
    const onset = 5;
    const fires = firingMinute([above], onset);
    const pin = { evaluated: steady(total, fires), failed: failing(above, onset, fires) };
    const pinShare = share(pin.evaluated, [pin.failed]);
    const passes = firstFiring(holds(pin.evaluated, [pin.failed]), undefined, fires)!;
    const pinInput = [
      evaluations('momentum', pin.evaluated),
      errors('momentum', 'exception', pin.failed),
      evaluations('mean_reversion', pin.evaluated),
      errors('mean_reversion', 'exception', hold(0, fires + 1)),
    ];

    // Failures from minute 0: the rates exist from minute 1, so a ratio above r fires at `settled`.
    const settled = firingMinute([above], 0);
    const from0 = (perMinute: number) => failing(perMinute, 0, settled);
    const evaluated = steady(total, settled);
    const [first, second] = [Math.ceil(above / 2), Math.floor(above / 2)];
    // Exactly r, when r is a whole number of failures out of `total` and the rates' float division does not tip it
    // over r, is the sharpest quiet case of a strict `>`; otherwise `below`. A ratio of 0 has no `below`, and 0
    // failures are exactly at it.
    const exact = Math.round(ratio * total);
    const atThreshold = Math.abs(exact - ratio * total) < 1e-9 && !firingAt(holds(evaluated, [from0(exact)]), pending, settled);
    const quiet = atThreshold ? exact : below;

    return [
      scenario(`failures of ${pct(above / total)} of evaluations from minute ${onset}, just over ${threshold}, pass it at minute ${passes} and fire for that strategy only at minute ${fires}`, {
        input: pinInput,
        at: at(fires),
        fires: firing('momentum', pinShare(fires)),
        proves: ['firing-minute', 'edge-above'],
      }),
      scenario(
        fires > passes
          ? `the same failures are still pending at minute ${fires - 1}, one evaluation before they fire`
          : `the same failures reach ${pct(pinShare(fires - 1) ?? 0)} at minute ${fires - 1}, not over ${threshold}, and stay quiet`,
        { input: pinInput, at: at(fires - 1), fires: 'quiet', proves: ['pending'] },
      ),
      // With r = 0 a single failure is over r: no two error kinds can each stay under it.
      ...(ratio > 0
        ? [
            scenario(`error kinds add up: ${pct(first / total)} invalid input and ${pct(second / total)} stale data, neither over ${threshold} alone, fire`, {
              input: [evaluations('momentum', evaluated), errors('momentum', 'invalid_input', from0(first)), errors('momentum', 'stale_data', from0(second))],
              at: at(settled),
              fires: firing('momentum', share(evaluated, [from0(first), from0(second)])(settled)),
            }),
          ]
        : []),
      ...(quiet !== undefined
        ? [
            scenario(
              atThreshold ? (exact === 0 ? `no failures, exactly ${threshold}, stay quiet` : `failures of exactly ${pct(ratio)} of evaluations, at the threshold, stay quiet`) : `failures of ${pct(quiet / total)} of evaluations, just under ${threshold}, stay quiet`,
              { input: [evaluations('momentum', evaluated), errors('momentum', 'stale_data', from0(quiet))], at: at(settled), fires: 'quiet' as const, proves: ['edge-below' as const] },
            ),
          ]
        : []),
      scenario('an idle strategy (no evaluations, 0/0) stays quiet', {
        input: [evaluations('momentum', hold(0, settled + 1)), errors('momentum', 'exception', hold(0, settled + 1))],
        at: at(settled),
        fires: 'quiet',
      }),
    ];
  }

  const cdbSignalErrorRatioHigh = alert({
    name: 'CdbSignalErrorRatioHigh',
    expr: gt(select(errorRatio), ratio),
    for: pending,
    severity: 'warning',
    labels: cdbLabels('signal-engine', 'cdb_core'),
    summary: 'A strategy fails on a large share of its evaluations.',
    description: description('{{ $labels.strategy }}', '{{ $value | humanizePercentage }}'),
    dashboard: { dashboard: DASHBOARD_IDS.signalEngine, panel: 'Error ratio by strategy' },
    runbook: {
      meaning: `More than ${ratio * 100} % of one strategy's evaluations of market data ended in an error (all error kinds together, 5-minute rates), for ${pending}. The alert names the strategy; other strategies may be healthy.`,
      impact:
        'The strategy decides on a fraction of its input: it misses signals, and the signals it does emit rest on incomplete data. The block\'s results for that strategy understate or distort what it would do, and if errors reach 100 % it drifts into a Zero-Activity Incident.',
      diagnose: [
        'Open the signal-engine dashboard, panel "Errors per second by kind", filtered to the strategy: `sum by (error) (rate(cdb_signal_errors_total{strategy="<strategy>"}[5m]))`.',
        '`invalid_input` or `stale_data` point upstream: check the market-data dashboard and `exchange:cdb_ws_last_message_age_seconds:min` (a stale or malformed feed), and `exchange:cdb_ws_reconnects:increase1h` (a reconnect storm delivers gaps).',
        '`exception` points at the strategy code: read the stack traces in the cdb_core logs (`docker logs cdb_core --since 30m`) and compare the first error with the last deploy of cdb_core.',
        'If every strategy fails at once, suspect the shared input path rather than one strategy: the `market_data` topic on Redis, `sum(rate(cdb_bus_messages_consumed_total{service="cdb_core", topic="market_data"}[5m]))` against `topic:cdb_bus_messages_published:rate5m{topic="market_data"}`.',
      ],
      mitigate: [
        'Upstream cause: restore the feed (see CdbMarketDataStale / CdbWebsocketDisconnected); the errors stop with it.',
        'Exception after a deploy: roll cdb_core back to the previous image and restart it; the ZAI clock keeps running meanwhile, so do it quickly.',
        'Record in the block log from when to when the strategy failed, so the block review discounts its results for that period.',
      ],
    },
    source: import.meta.url,
    scenarios: errorRatioScenarios(),
  });
  return cdbSignalErrorRatioHigh;
}
