import { InstantVector } from './expr';
import { formatNumber } from './functions';

function render(op: string, clause: string, v: InstantVector<string>, param?: number): InstantVector<never> {
  const args = param === undefined ? v.text : `${formatNumber(param)}, ${v.text}`;
  return new InstantVector<never>(`${op}${clause} (${args})`, 'atom');
}

/** An aggregation operator: `op(v)`, `op.by([labels], v)` and `op.without([labels], v)`. */
export interface Aggregator {
  /** Aggregates all series into one with no labels. */
  <L extends string>(v: InstantVector<L>): InstantVector<never>;
  /** Keeps only the listed labels, which must be labels of the input. */
  by<L extends string, const K extends L>(labels: readonly K[], v: InstantVector<L>): InstantVector<K>;
  /** Drops the listed labels, which must be labels of the input. */
  without<L extends string, const K extends L>(labels: readonly K[], v: InstantVector<L>): InstantVector<Exclude<L, K>>;
}

function aggregator(op: string): Aggregator {
  const all = <L extends string>(v: InstantVector<L>) => render(op, '', v);
  return Object.assign(all, {
    by: <L extends string, const K extends L>(labels: readonly K[], v: InstantVector<L>) =>
      render(op, ` by (${labels.join(', ')})`, v) as InstantVector<K>,
    without: <L extends string, const K extends L>(labels: readonly K[], v: InstantVector<L>) =>
      render(op, ` without (${labels.join(', ')})`, v) as InstantVector<Exclude<L, K>>,
  });
}

export const sum = aggregator('sum');
export const avg = aggregator('avg');
export const min = aggregator('min');
export const max = aggregator('max');
export const count = aggregator('count');
export const group = aggregator('group');

/** The k largest series (all their labels kept). */
export function topk<L extends string>(k: number, v: InstantVector<L>): InstantVector<L> {
  return render('topk', '', v, k) as InstantVector<L>;
}

/** The k smallest series (all their labels kept). */
export function bottomk<L extends string>(k: number, v: InstantVector<L>): InstantVector<L> {
  return render('bottomk', '', v, k) as InstantVector<L>;
}
