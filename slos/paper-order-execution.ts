/** Approved signals become paper orders that do not fail. */
import { slo } from '../engine/slo/model';
import { select } from '../engine/promql';
import { ordersFailed, ordersSubmitted } from '../catalog/cdb';
import type { Settings } from '../config/settings';
import type { SloSpec } from '../engine/model/slo';

export function paperOrderExecution(settings: Settings): SloSpec {
  const { objective } = settings.slos['paper-order-execution'];
  return slo({
    id: 'paper-order-execution',
    layer: 'paper-execution',
    service: 'cdb_execution',
    name: 'Paper order execution success',
    description: 'Share of submitted paper orders that do not fail.',
    reasoning: `Every failed order is a trade missing from the block's evidence; ${objective} % over 30 days tolerates the paper exchange's occasional rejections without hiding a broken adapter.`,
    objective,
    period: '30d',
    sli: { kind: 'ratio', errors: select(ordersFailed), total: select(ordersSubmitted) },
    minTrafficRate: 1 / 600,
    // Orders only follow approved signals: a calm market leaves hours without one. The Zero-Activity alert on paper
    // trades knows how long that may last (24h) and pages; a stop of this SLO's traffic opens a ticket.
    traffic: 'sparse',
    source: import.meta.url,
  });
}
