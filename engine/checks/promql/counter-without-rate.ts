import { finding, type Check, type Finding } from '../check';
import { substituteGrafanaMacros, type PromqlMemo } from '../../promql/analyze';
import { callName, parsePromql, selectorName } from '../../promql/syntax';
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
 * around its range or subquery), undefined at the top level. Empty when `text` does not parse. `memo` supplies and
 * keeps the parse, as in analyzePromql.
 */
export function selectorsWithCaller(text: string, memo?: PromqlMemo): Array<{ readonly name: string | undefined; readonly caller: string | undefined }> {
  const parsed = parsePromql(text, memo);
  if (parsed.syntaxErrors.length > 0) return [];
  const found: Array<{ name: string | undefined; caller: string | undefined }> = [];
  parsed.tree.iterate({
    enter: (ref) => {
      if (ref.name !== 'VectorSelector') return;
      const n = ref.node;
      let p = n.parent;
      while (p && TRANSPARENT.has(p.name)) p = p.parent;
      const caller = p?.name === 'FunctionCall' || p?.name === 'AggregateExpr' ? callName(text, p) : undefined;
      found.push({ name: selectorName(text, n), caller });
    },
  });
  return found;
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
      for (const s of selectorsWithCaller(text, ctx.promqlMemo)) {
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
