/** CdbLastSignalTimestampInFuture: the last-signal time lies in the future (milliseconds, or a clock ahead). */
import { series } from '../../engine/rules/alert';
import { select } from '../../engine/promql';
import { lastSignalTimestamp } from '../../catalog/cdb';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { targetLabels } from '../common';
import { futureTimestampAlert } from '../future-timestamp';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbLastSignalTimestampInFuture(settings: Settings): AlertModel {
  const core = targetLabels('cdb_core');
  const labels = { ...core, strategy: 'momentum' };
  return futureTimestampAlert({
    name: 'CdbLastSignalTimestampInFuture',
    metric: lastSignalTimestamp,
    thresholds: settings.thresholds.CdbLastSignalTimestampInFuture,
    layer: 'signal-engine',
    service: 'cdb_core',
    subject: 'the last signal',
    descriptionLabel: 'strategy',
    description: (ahead, strategy) =>
      `The last-signal time of strategy ${strategy} lies ${ahead} ahead of Prometheus' clock: CdbZeroActivitySignals ignores it and judges by the signal counter alone.`,
    blinds: ['CdbZeroActivitySignals'],
    impact:
      'A time in the future has a negative age, which would never grow old: CdbZeroActivitySignals therefore ignores it and judges by the signal counter alone, which misses the first signal after a restart of cdb_core (its counter appears at 1). The "Time since last signal" panels show nonsense, so the block review cannot read signal gaps from them.',
    series: (values) => series(select(lastSignalTimestamp, labels), values),
    seriesLabels: labels,
    dashboard: { dashboard: DASHBOARD_IDS.signalEngine, panel: 'Last signal per strategy' },
    diagnose: [
      'Open the signal-engine dashboard, "Last signal per strategy": a date far in the future names the strategy whose time is wrong; all strategies wrong points at the shared code that sets `cdb_last_signal_timestamp_seconds` in cdb_core.',
      'Look for a recent deploy of cdb_core that changed how the time is set (a `Date.now()` without `/ 1000`).',
    ],
    source: import.meta.url,
  });
}
