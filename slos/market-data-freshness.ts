/** Market data reaches the signal engine fresh. */
import { slo } from '../engine/slo/model';
import { counterNotation } from '../engine/slo/simulate';
import { ltBool, max, select, sub, time } from '../engine/promql';
import { wsLastMessageTimestamp } from '../catalog/cdb';
import { targetLabels } from '../alerts/common';
import type { Settings } from '../config/settings';
import type { SloSpec } from '../engine/model/slo';

/** A message older than this makes the feed stale. */
const FRESH_SECONDS = 60;

export function marketDataFreshness(settings: Settings): SloSpec {
  const { objective } = settings.slos['market-data-freshness'];
  /** Minutes of stale feed the objective allows in a week. */
  const allowedMinutes = Math.round(((100 - objective) / 100) * 7 * 24 * 60);
  return slo({
    id: 'market-data-freshness',
    layer: 'market-data',
    service: 'cdb_ws',
    name: 'Market data freshness',
    description: `Share of time the newest market-data message is less than ${FRESH_SECONDS} seconds old.`,
    reasoning: `Signals are only as good as the prices they see; ${objective} % over a week allows about ${allowedMinutes} minutes of stale feed, enough for exchange maintenance windows, while a week spans two ${settings.block.hours}-hour blocks.`,
    objective,
    period: '7d',
    sli: {
      kind: 'availability',
      good: ltBool(sub(time(), max(select(wsLastMessageTimestamp))), FRESH_SECONDS),
      presence: select(wsLastMessageTimestamp),
    },
    // Fresh minutes carry a message of that very second; stale minutes keep the last one.
    scenarioInput: (t) => {
      const stamps: number[] = [];
      t.good.forEach((g, i) => stamps.push(g ? i * 60 : (stamps[i - 1] ?? -3600)));
      const steps = stamps.map((v, i) => (i === 0 ? 0 : v - stamps[i - 1]!));
      return [{ series: String(select(wsLastMessageTimestamp, { ...targetLabels('cdb_ws'), exchange: 'binance' })), values: counterNotation(steps, stamps[0]) }];
    },
    source: import.meta.url,
  });
}
