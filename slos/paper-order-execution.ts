/** Approved signals become paper orders that do not fail. */
import { slo } from '../engine/slo/model';
import { select } from '../engine/promql';
import { ordersFailed, ordersSubmitted } from '../catalog/cdb';

export const paperOrderExecution = slo({
  id: 'paper-order-execution',
  layer: 'paper-execution',
  service: 'cdb_execution',
  name: 'Paper order execution success',
  description: 'Share of submitted paper orders that do not fail.',
  reasoning:
    'Every failed order is a trade missing from the block\'s evidence; 99.5 % over 30 days tolerates the paper exchange\'s occasional rejections without hiding a broken adapter.',
  objective: 99.5,
  period: '30d',
  sli: { kind: 'ratio', errors: select(ordersFailed), total: select(ordersSubmitted) },
  minTrafficRate: 1 / 600,
  source: import.meta.url,
});
