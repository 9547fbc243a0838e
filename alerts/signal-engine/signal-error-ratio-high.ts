/** CdbSignalErrorRatioHigh: a strategy fails on a large share of the market data it evaluates. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { gt, select } from '../../engine/promql';
import { signalErrors, signalEvaluations } from '../../catalog/cdb';
import { errorRatio } from '../../recording-rules/signal-engine';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbSignalErrorRatioHigh(settings: Settings): AlertModel {
  const { ratio, for: pending } = settings.thresholds.CdbSignalErrorRatioHigh;
  const core = targetLabels('cdb_core');

  /** Evaluations of `strategy`, `perMinute` every minute for `minutes` minutes. */
  const evaluations = (strategy: string, perMinute: number, minutes = 40) =>
    series(select(signalEvaluations, { ...core, strategy }), `0+${perMinute}x${minutes}`);
  /** Failed evaluations of `strategy` with error kind `error`, `perMinute` every minute for `minutes` minutes. */
  const errors = (strategy: string, error: string, perMinute: number, minutes = 40) =>
    series(select(signalErrors, { ...core, strategy, error }), `0+${perMinute}x${minutes}`);

  const description = (strategy: string, share: string) =>
    `Strategy ${strategy} failed ${share} of its evaluations over the last 5 minutes.`;

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
    scenarios: [
      scenario('one strategy failing 10 % of evaluations fires for that strategy only', {
        input: [
          evaluations('momentum', 600),
          errors('momentum', 'exception', 60),
          evaluations('mean_reversion', 600),
          errors('mean_reversion', 'exception', 0),
        ],
        at: '30m',
        fires: [{ labels: { strategy: 'momentum' }, description: description('momentum', '10%') }],
      }),
      scenario('error kinds add up: 3 % invalid input and 3 % stale data fire', {
        input: [evaluations('momentum', 600), errors('momentum', 'invalid_input', 18), errors('momentum', 'stale_data', 18)],
        at: '30m',
        fires: [{ labels: { strategy: 'momentum' }, description: description('momentum', '6%') }],
      }),
      scenario('4 % errors, just under the threshold, stay quiet', {
        input: [evaluations('momentum', 600), errors('momentum', 'stale_data', 24)],
        at: '30m',
        fires: 'quiet',
      }),
      scenario('errors for 8 minutes stay quiet while the for runs', {
        input: [evaluations('momentum', 600, 8), errors('momentum', 'exception', 60, 8)],
        at: '8m',
        fires: 'quiet',
      }),
      scenario('an idle strategy (no evaluations, 0/0) stays quiet', {
        input: [evaluations('momentum', 0), errors('momentum', 'exception', 0)],
        at: '30m',
        fires: 'quiet',
      }),
    ],
  });
  return cdbSignalErrorRatioHigh;
}
