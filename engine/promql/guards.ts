/**
 * What an expression guards against, read from its syntax: which series' absence makes it return a result, which
 * `up` series it compares to "down", which timestamps it compares with the clock so that one in the future fires,
 * and which values it compares with the bounds of a ratio. The evidence model of alerts (engine/resolve) finds an
 * alert's covers among these: an alert whose input can vanish is covered by an alert that fires on that absence.
 */
import { callArguments, callName, childNodes, isExpr, nodeText, parsePromql, selectorMatchers, selectorName, type ParseMemo, type PromqlMatcher, type SyntaxNode } from './syntax';

/** A series a guard watches: its name and the matchers it is selected with. */
export interface GuardedSeries {
  readonly name: string;
  readonly matchers: readonly PromqlMatcher[];
}

export interface ExpressionGuards {
  /** Series whose absence makes the expression return a result: `absent(x)`, `absent_over_time(x[w])`, `… unless x`. */
  readonly absent: readonly GuardedSeries[];
  /** `up` series compared so that a down target matches: `up == 0`, `up < 1`, `avg_over_time(up[w]) < r`. */
  readonly down: readonly GuardedSeries[];
  /** Series compared with the clock so that a value in the future matches: `x > time() + 300`, `time() < x`. */
  readonly future: readonly GuardedSeries[];
  /** Series compared with a bound of a ratio so that a value outside [0, 1] matches: `x > 1`, `x < 0`. */
  readonly outOfRange: readonly GuardedSeries[];
  /** Numbers a series is ordered against (`x > 0.9`, `age >= 120`): the thresholds whose edges scenarios test. */
  readonly thresholds: readonly number[];
}

const COMPARISONS = new Set(['==', '!=', '<', '>', '<=', '>=']);

/** The guards of one expression; an expression that does not parse guards against nothing. */
export function expressionGuards(text: string, memo?: ParseMemo): ExpressionGuards {
  const parsed = parsePromql(text, memo);
  const absent: GuardedSeries[] = [];
  const down: GuardedSeries[] = [];
  const future: GuardedSeries[] = [];
  const outOfRange: GuardedSeries[] = [];
  const thresholds: number[] = [];
  if (parsed.syntaxErrors.length > 0) return { absent, down, future, outOfRange, thresholds };

  /** Every selector inside `n`. */
  const selectorsIn = (n: SyntaxNode): GuardedSeries[] => {
    const found: GuardedSeries[] = [];
    const walk = (m: SyntaxNode) => {
      if (m.name === 'VectorSelector') {
        const matchers = selectorMatchers(text, m).map(({ label, op, value }) => ({ label, op, value }));
        const name = selectorName(text, m, matchers);
        if (name) found.push({ name, matchers });
        return;
      }
      for (const c of childNodes(m)) walk(c);
    };
    walk(n);
    return found;
  };
  /** Whether `n` calls time() anywhere. */
  const callsTime = (n: SyntaxNode): boolean => (n.name === 'FunctionCall' && callName(text, n) === 'time') || childNodes(n).some(callsTime);
  /** The number a side is, when it is a number literal (possibly in parentheses or negated). */
  const numberOf = (n: SyntaxNode): number | undefined => {
    if (n.name === 'NumberDurationLiteral' || n.name === 'NumberLiteral') return Number(nodeText(text, n));
    if (n.name === 'ParenExpr') {
      const inner = childNodes(n).find(isExpr);
      return inner ? numberOf(inner) : undefined;
    }
    if (n.name === 'UnaryExpr') {
      const inner = childNodes(n).find(isExpr);
      const v = inner ? numberOf(inner) : undefined;
      return v === undefined ? undefined : nodeText(text, n).trim().startsWith('-') ? -v : v;
    }
    return undefined;
  };

  const visit = (n: SyntaxNode) => {
    if (n.name === 'FunctionCall') {
      const name = callName(text, n);
      if (name === 'absent' || name === 'absent_over_time') for (const a of callArguments(n)) absent.push(...selectorsIn(a));
    }
    if (n.name === 'BinaryExpr') {
      const [lhs, rhs] = childNodes(n).filter(isExpr);
      const opNode = childNodes(n).find((c) => !isExpr(c) && c.name !== 'MatchingModifierClause' && c.name !== 'BoolModifier');
      const op = opNode ? nodeText(text, opNode).trim() : '';
      if (lhs && rhs && op === 'unless') absent.push(...selectorsIn(rhs));
      if (lhs && rhs && COMPARISONS.has(op)) comparison(lhs, op, rhs);
    }
    for (const c of childNodes(n)) visit(c);
  };

  /** Reads `value op bound` the way round it is written, and records what it guards against. */
  const comparison = (lhs: SyntaxNode, op: string, rhs: SyntaxNode) => {
    // Put the series side on the left: `1 < x` reads as `x > 1`.
    const flipped: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=', '==': '==', '!=': '!=' };
    const [value, bound, o] = selectorsIn(lhs).length > 0 && !callsTime(lhs) ? [lhs, rhs, op] : [rhs, lhs, flipped[op]!];
    const series = selectorsIn(value);
    if (series.length === 0 || callsTime(value)) return;
    const limit = numberOf(bound);
    const ups = series.filter((s) => s.name === 'up');
    if (ups.length > 0 && limit !== undefined && ((o === '==' && limit === 0) || ((o === '<' || o === '<=') && limit <= 1 && limit >= 0))) down.push(...ups);
    if (callsTime(bound) && (o === '>' || o === '>=')) future.push(...series);
    if (limit !== undefined && (((o === '>' || o === '>=') && limit >= 1) || ((o === '<' || o === '<=') && limit <= 0))) outOfRange.push(...series);
    if (limit !== undefined && ['>', '<', '>=', '<='].includes(o!)) thresholds.push(limit);
  };

  visit(parsed.tree.topNode);
  return { absent, down, future, outOfRange, thresholds };
}
