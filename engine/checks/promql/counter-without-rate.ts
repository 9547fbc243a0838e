import type { SyntaxNode } from '@lezer/common';
import { finding, type Check, type Finding } from '../check';
import { parsePromql, substituteGrafanaMacros } from '../../promql/analyze';
import { isCounterSeries } from './rate-non-counter';

/** Functions and aggregations that may take a raw counter: rates, resets, and presence or timing tests. */
const COUNTER_SAFE = new Set([
  'rate',
  'irate',
  'increase',
  'resets',
  'absent',
  'absent_over_time',
  'present_over_time',
  'count_over_time',
  'last_over_time',
  'changes',
  'timestamp',
  'count',
  'group',
]);

/** Nodes between a selector and the function or aggregation it is an argument of. */
const TRANSPARENT = new Set([
  'MatrixSelector',
  'SubqueryExpr',
  'ParenExpr',
  'UnaryExpr',
  'OffsetExpr',
  'StepInvariantExpr',
  'AnchoredExpr',
  'SmoothedExpr',
  'BinaryExpr',
  'FunctionCallBody',
]);

/**
 * Every vector selector of `text` with its metric name and the function or aggregation directly around it (or
 * around its range or subquery), undefined at the top level. Empty when `text` does not parse.
 */
export function selectorsWithCaller(text: string): Array<{ readonly name: string | undefined; readonly caller: string | undefined }> {
  const tree = parsePromql(text).tree;
  const src = (n: SyntaxNode) => text.slice(n.from, n.to).trim();
  const found: Array<{ name: string | undefined; caller: string | undefined }> = [];
  let broken = false;
  tree.iterate({
    enter: (ref) => {
      if (ref.type.isError) broken = true;
      if (ref.name !== 'VectorSelector') return;
      const n = ref.node;
      const id = n.getChild('Identifier');
      let name = id ? src(id) : undefined;
      for (let m = n.getChild('LabelMatchers')?.firstChild; m && !name; m = m.nextSibling) {
        const label = m.getChild('LabelName');
        const value = m.getChild('StringLiteral');
        if (label && value && src(label) === '__name__' && m.getChild('MatchOp') && src(m.getChild('MatchOp')!) === '=') {
          name = src(value).slice(1, -1);
        }
      }
      let p = n.parent;
      while (p && TRANSPARENT.has(p.name)) p = p.parent;
      let caller: string | undefined;
      if (p?.name === 'FunctionCall') caller = src(p.getChild('FunctionIdentifier') ?? p);
      if (p?.name === 'AggregateExpr') caller = src(p.getChild('AggregateOp') ?? p);
      found.push({ name, caller });
    },
  });
  return broken ? [] : found;
}

/** A counter's raw value only tells how long its process has been up; what matters is how fast it grows. */
export const promqlCounterWithoutRate: Check = {
  id: 'promql/counter-without-rate',
  severity: 'error',
  description: 'Counters (and histogram series) used without rate(), irate(), increase() or a presence test around them.',
  run(ctx) {
    const out: Finding[] = [];
    for (const q of ctx.queries) {
      // A variable only reads label values from its series.
      if (q.kind === 'variable' || q.analysis.syntaxErrors.length > 0) continue;
      const text = q.kind === 'panel' ? substituteGrafanaMacros(q.expr) : q.expr;
      for (const s of selectorsWithCaller(text)) {
        if (!s.name || isCounterSeries(ctx.catalog, s.name) !== true) continue;
        if (s.caller !== undefined && COUNTER_SAFE.has(s.caller)) continue;
        out.push(
          finding(
            promqlCounterWithoutRate,
            q.location,
            `counter ${s.name} is used ${s.caller ? `in ${s.caller}()` : 'as a raw value'} without rate(), irate() or increase(): ${q.expr}`,
            'Select rate(counter[window]) or increase(counter[window]), or a recording rule that holds the rate; absent(), count() and timestamp() may take the counter itself.',
          ),
        );
      }
    }
    return out;
  },
};
