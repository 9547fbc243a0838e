/** Signals are produced fast enough to act on the prices that caused them. */
import { slo } from '../engine/slo/model';
import { signalProcessingDuration } from '../catalog/cdb';
import type { Settings } from '../config/settings';
import type { SloSpec } from '../engine/model/slo';

export function signalLatency(settings: Settings): SloSpec {
  const { objective } = settings.slos['signal-latency'];
  return slo({
    id: 'signal-latency',
    layer: 'signal-engine',
    service: 'cdb_core',
    name: 'Signal processing latency',
    description: 'Share of strategy evaluations that publish their decision within 250 ms of the market-data event.',
    reasoning: `Prices move within a second on liquid pairs, so a decision older than a quarter second acts on a different market; ${Number((100 - objective).toPrecision(3))} % slack absorbs garbage-collection pauses and bursts, and 28 days cover four weekly trading cycles.`,
    objective,
    period: '28d',
    sli: { kind: 'latency', histogram: signalProcessingDuration, threshold: 0.25 },
    minTrafficRate: 0.01,
    // Every market-data event is evaluated: while the feed flows, evaluations never stop for half an hour.
    traffic: 'continuous',
    source: import.meta.url,
  });
}
