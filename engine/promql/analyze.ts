/**
 * Static analysis of PromQL text with the official PromQL grammar (@prometheus-io/lezer-promql): syntax errors,
 * the series each expression selects, the functions it calls, and the labels its result can carry.
 */
import {
  callArguments,
  callName,
  childNodes,
  isExpr,
  labelName,
  nodeText,
  parsePromql,
  rangeWindow,
  selectorMatchers,
  selectorName,
  unquotePromqlString,
  type ParseMemo,
  type PromqlMatcher,
  type SyntaxNode,
} from './syntax';

export { parsePromql, type ParsedPromql } from './syntax';

/** A label matcher as written in a selector. */
export type ParsedMatcher = PromqlMatcher;

/** A vector selector found in an expression. */
export interface ParsedSelector {
  /** The metric name, or undefined for a selector by matchers only. */
  readonly name: string | undefined;
  readonly matchers: readonly ParsedMatcher[];
  /** Window text when the selector is inside a range selector (`foo[5m]`). */
  readonly window: string | undefined;
  /** Name of the function whose argument this selector (or its range) is, if any. */
  readonly enclosingFunction: string | undefined;
}

/** A label used in `by`/`without`/`on`/`ignoring`, with the labels its operand can carry (undefined: unknown). */
export interface ParsedGrouping {
  readonly clause: 'by' | 'without' | 'on' | 'ignoring';
  readonly label: string;
  readonly available: ReadonlySet<string> | undefined;
}

/** Everything the checks need to know about one expression. */
export interface PromqlAnalysis {
  /** Syntax errors as `position: snippet`; empty when the expression parses. */
  readonly syntaxErrors: readonly string[];
  readonly selectors: readonly ParsedSelector[];
  readonly groupings: readonly ParsedGrouping[];
  /** Function names called, in order. */
  readonly functions: readonly string[];
  /** Binary operators used (`>`, `==`, `and`, `/`, ...), in order. */
  readonly operators: readonly string[];
  /** Labels the result can carry; undefined when a selector's labels are unknown. */
  readonly outputLabels: ReadonlySet<string> | undefined;
}

/** Labels a selected series can carry, or undefined if the series is unknown. */
export type SeriesLabels = (seriesName: string) => ReadonlySet<string> | undefined;

/**
 * What `$__rate_interval` becomes before parsing: a duration nobody writes by hand, so checks can tell the macro
 * from a literal window after substitution.
 */
export const RATE_INTERVAL_STANDIN = '4m1s';

/** Window and number stand-ins for Grafana's macros, so a panel query parses as PromQL. */
const MACRO_STANDINS: Record<string, string> = {
  __rate_interval: RATE_INTERVAL_STANDIN,
  __interval: '1m',
  __range: '1h',
  __interval_ms: '60000',
  __range_s: '3600',
  __range_ms: '3600000',
};

/**
 * Replaces Grafana macros and variables outside string literals with PromQL stand-ins: durations inside `[...]`,
 * numbers elsewhere. Variables inside label matcher strings are left alone: they are valid PromQL strings.
 */
export function substituteGrafanaMacros(text: string): string {
  let out = '';
  let i = 0;
  let bracketDepth = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' && c !== '`' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '[') bracketDepth++;
    if (c === ']') bracketDepth = Math.max(0, bracketDepth - 1);
    const variable = /^\$(?:\{([a-zA-Z0-9_]+)(?::[a-zA-Z]+)?\}|([a-zA-Z0-9_]+))/.exec(text.slice(i));
    if (variable) {
      const name = variable[1] ?? variable[2]!;
      const standin = MACRO_STANDINS[name];
      out += bracketDepth > 0 ? (standin && /[a-z]$/.test(standin) ? standin : '5m') : standin && !/[a-z]$/.test(standin) ? standin : '1';
      i += variable[0].length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

const FUNCTIONS_WITHOUT_INPUT_LABELS = new Set(['vector', 'time', 'scalar', 'pi']);
const AGGREGATIONS_KEEPING_LABELS = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);

/**
 * Work shared between analyses of the same text, owned by whoever creates it with createPromqlMemo (one build):
 * parses, and the selectors each text was found to read. One build analyses the same text many times: recording
 * rules once per pass of label inference and again as query sites, alerts as rules and as alerts, rule expressions
 * again for the promtool test files; parsing is most of the cost of an analysis. Without a memo nothing is kept.
 */
export interface PromqlMemo extends ParseMemo {
  /** Selectors by expression text, as the first analysis of the text found them (they do not depend on labels). */
  readonly selectors: Map<string, readonly ParsedSelector[]>;
}

/** An empty memo, to pass to every analysis of one build. */
export function createPromqlMemo(): PromqlMemo {
  return { parses: new Map(), selectors: new Map() };
}

/** The selectors of `text`, from an earlier analysis of the same text in `memo` when there was one. */
export function promqlSelectors(text: string, memo?: PromqlMemo): readonly ParsedSelector[] {
  return memo?.selectors.get(text) ?? analyzePromql(text, () => undefined, memo).selectors;
}

/**
 * Parses and analyses one PromQL expression; `seriesLabels` resolves selector names to their labels. `memo`, when
 * given, supplies and keeps the parse and the selectors of the text.
 */
export function analyzePromql(text: string, seriesLabels: SeriesLabels, memo?: PromqlMemo): PromqlAnalysis {
  const parsed = parsePromql(text, memo);
  const tree = parsed.tree;
  const syntaxErrors = [...parsed.syntaxErrors];
  const selectors: ParsedSelector[] = [];
  const groupings: ParsedGrouping[] = [];
  const functions: string[] = [];
  const operators: string[] = [];
  const src = (n: SyntaxNode) => nodeText(text, n);
  const children = childNodes;
  const groupingLabels = (n: SyntaxNode | null): string[] =>
    n ? children(n).filter((c) => c.name === 'LabelName' || c.name === 'QuotedLabelName').map((c) => labelName(text, c)) : [];

  function selector(n: SyntaxNode, window: string | undefined, fn: string | undefined): Set<string> | undefined {
    // The analysis reports values, not how they were written.
    const matchers: ParsedMatcher[] = selectorMatchers(text, n).map(({ label, op, value }) => ({ label, op, value }));
    const metricName = selectorName(text, n, matchers);
    selectors.push({ name: metricName, matchers, window, enclosingFunction: fn });
    const labels = metricName ? seriesLabels(metricName) : undefined;
    return labels ? new Set(labels) : undefined;
  }

  /** Labels of the result of node `n`; undefined when unknown. `fn` is the enclosing function's name. */
  function visit(n: SyntaxNode, fn?: string, window?: string): Set<string> | undefined {
    switch (n.name) {
      case 'PromQL':
      case 'ParenExpr':
      case 'UnaryExpr':
      case 'OffsetExpr':
      case 'AnchoredExpr':
      case 'SmoothedExpr':
      case 'StepInvariantExpr': {
        let result: Set<string> | undefined = new Set();
        for (const c of children(n)) if (isExpr(c)) result = visit(c, fn, window);
        return result;
      }
      case 'VectorSelector':
        return selector(n, window, fn);
      case 'MatrixSelector': {
        const duration = rangeWindow(n);
        const inner = children(n).find(isExpr);
        return inner ? visit(inner, fn, duration ? src(duration) : '') : new Set();
      }
      case 'SubqueryExpr': {
        const inner = children(n).find(isExpr);
        return inner ? visit(inner, undefined) : new Set();
      }
      case 'FunctionCall': {
        const name = callName(text, n);
        functions.push(name);
        const args = callArguments(n);
        const selectorsBefore = selectors.length;
        const argLabels = args.map((a) => visit(a, name));
        if (name === 'absent' || name === 'absent_over_time') {
          // The one series absent() returns carries the equality matchers of a plain selector argument.
          const plain = args[0]?.name === 'VectorSelector' || args[0]?.name === 'MatrixSelector';
          const own = plain && selectors.length === selectorsBefore + 1 ? selectors[selectorsBefore] : undefined;
          return new Set(own ? own.matchers.filter((m) => m.op === '=' && m.label !== '__name__').map((m) => m.label) : []);
        }
        if (FUNCTIONS_WITHOUT_INPUT_LABELS.has(name)) return new Set();
        const vectorArg = name === 'histogram_quantile' || name === 'quantile_over_time' ? argLabels[1] : argLabels[0];
        if (!vectorArg) return vectorArg;
        const result = new Set(vectorArg);
        if (name === 'histogram_quantile') result.delete('le');
        if (name === 'label_replace' || name === 'label_join') {
          const dst = args[1];
          if (dst?.name === 'StringLiteral') result.add(unquotePromqlString(src(dst)));
        }
        return result;
      }
      case 'AggregateExpr': {
        const op = callName(text, n);
        const args = callArguments(n);
        const argLabels = args.map((a) => visit(a, undefined));
        const input = argLabels[argLabels.length - 1];
        const modifier = n.getChild('AggregateModifier');
        let result: Set<string> | undefined = AGGREGATIONS_KEEPING_LABELS.has(op) ? input : new Set();
        if (modifier) {
          const clause = modifier.getChild('By') ? 'by' : 'without';
          const labels = groupingLabels(modifier.getChild('GroupingLabels'));
          for (const label of labels) groupings.push({ clause, label, available: input });
          if (!AGGREGATIONS_KEEPING_LABELS.has(op)) {
            result = clause === 'by' ? new Set(labels) : input && new Set([...input].filter((l) => !labels.includes(l)));
          }
        }
        if (op === 'count_values' && args[0]?.name === 'StringLiteral') result?.add(unquotePromqlString(src(args[0])));
        return result;
      }
      case 'BinaryExpr': {
        const [lhs, rhs] = children(n).filter(isExpr);
        const left = lhs ? visit(lhs, fn) : new Set<string>();
        const right = rhs ? visit(rhs, fn) : new Set<string>();
        const matching = n.getChild('MatchingModifierClause');
        if (matching) {
          const clause = matching.getChild('On') ? 'on' : 'ignoring';
          for (const label of groupingLabels(matching.getChild('GroupingLabels'))) {
            groupings.push({ clause, label, available: left && right ? new Set([...left, ...right]) : undefined });
          }
        }
        const opText = children(n).find((c) => !isExpr(c) && c.name !== 'MatchingModifierClause' && c.name !== 'BoolModifier');
        const op = opText ? src(opText) : '';
        operators.push(op);
        if (op === 'or') return left && right ? new Set([...left, ...right]) : undefined;
        if (matching?.getChild('GroupRight')) return right;
        if (isScalar(lhs) && !isScalar(rhs)) return right;
        const groupLeft = matching?.getChild('GroupLeft');
        if (groupLeft && left) {
          const extra = groupLabelsAfter(matching!, 'GroupLeft');
          return new Set([...left, ...extra]);
        }
        return left;
      }
      default:
        return new Set();
    }
  }

  /** Whether an expression is a scalar: a number, `time()`, `scalar(...)`, or arithmetic of those. */
  function isScalar(e: SyntaxNode | undefined): boolean {
    if (!e) return false;
    if (/Literal$/.test(e.name)) return true;
    if (e.name === 'FunctionCall') return ['time', 'scalar', 'pi'].includes(callName(text, e));
    if (e.name === 'ParenExpr' || e.name === 'UnaryExpr') return isScalar(children(e).find(isExpr));
    if (e.name === 'BinaryExpr') return children(e).filter(isExpr).every(isScalar);
    return false;
  }

  function groupLabelsAfter(matching: SyntaxNode, marker: string): string[] {
    const all = children(matching);
    const index = all.findIndex((c) => c.name === marker);
    const next = all[index + 1];
    return next?.name === 'GroupingLabels' ? groupingLabels(next) : [];
  }

  const outputLabels = syntaxErrors.length === 0 ? visit(tree.topNode) : undefined;
  if (memo && !memo.selectors.has(text)) memo.selectors.set(text, selectors);
  return { syntaxErrors, selectors, groupings, functions, operators, outputLabels };
}
