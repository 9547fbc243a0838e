/**
 * PromQL syntax, the one place that talks to the official grammar (@prometheus-io/lezer-promql): parsing, the node
 * shapes the rest of the engine reads (selectors, matchers, function calls, ranges), and string literals.
 * Analysis (labels, selectors per expression), rewriting and checks build on these helpers instead of walking the
 * lezer tree by node names of their own.
 */
import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode, Tree } from '@lezer/common';

export type { SyntaxNode, Tree } from '@lezer/common';

/** A parsed expression: its syntax tree and syntax errors, which depend on the text alone. */
export interface ParsedPromql {
  readonly tree: Tree;
  /** Syntax errors as `at <offset>: <snippet>`; empty when the expression parses. */
  readonly syntaxErrors: readonly string[];
}

/**
 * Parses kept for reuse, keyed by expression text. Whoever creates it (one build, one check run) owns its
 * lifetime; analyze.ts's PromqlMemo extends it.
 */
export interface ParseMemo {
  readonly parses: Map<string, ParsedPromql>;
}

/** The syntax tree and syntax errors of `text`; reused from `memo` when it parsed the same text before. */
export function parsePromql(text: string, memo?: ParseMemo): ParsedPromql {
  const known = memo?.parses.get(text);
  if (known) return known;
  const tree = parser.parse(text);
  const syntaxErrors: string[] = [];
  tree.iterate({
    enter: (n) => {
      if (n.type.isError) syntaxErrors.push(`at ${n.from}: ${JSON.stringify(text.slice(Math.max(0, n.from - 10), n.from + 10))}`);
    },
  });
  const parsed = { tree, syntaxErrors };
  memo?.parses.set(text, parsed);
  return parsed;
}

/** The source text of node `n` in `text`. */
export function nodeText(text: string, n: SyntaxNode): string {
  return text.slice(n.from, n.to);
}

/** The direct children of `n`, in order. */
export function childNodes(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/**
 * Node type ids of the grammar's `Expr` group, so that node kinds added by a newer grammar are not missed. Looked
 * up by id: the analysis asks this of every node it visits, and `NodeType.is` reads the group list each time.
 */
const EXPR_TYPES = new Set(parser.nodeSet.types.filter((t) => t.is('Expr')).map((t) => t.id));

/** Whether `n` is an expression: a selector, call, aggregation, literal, operation or parenthesis. */
export function isExpr(n: SyntaxNode): boolean {
  return EXPR_TYPES.has(n.type.id);
}

/** The expression arguments of a function call or aggregation, in order (`sum by (x) (e)` has one: `e`). */
export function callArguments(call: SyntaxNode): SyntaxNode[] {
  const body = call.getChild('FunctionCallBody');
  return body ? childNodes(body).filter(isExpr) : [];
}

/** The name of a function call (`rate`) or the operator of an aggregation (`sum`), as written. */
export function callName(text: string, call: SyntaxNode): string {
  const id = call.getChild('FunctionIdentifier') ?? call.getChild('AggregateOp');
  return id ? nodeText(text, id).trim() : '';
}

/** The window node of a range selector (`5m` in `foo[5m]`), when it has one. */
export function rangeWindow(matrix: SyntaxNode): SyntaxNode | null {
  return matrix.getChild('DurationExpr') ?? matrix.getChild('NumberDurationLiteralInDurationContext');
}

/** A label matcher operator, as PromQL and Alertmanager write it. */
export type MatchOp = '=' | '!=' | '=~' | '!~';

/** A label matcher of a selector: `label op "value"`, the value unquoted. */
export interface PromqlMatcher {
  readonly label: string;
  readonly op: MatchOp;
  readonly value: string;
}

/** A matcher with its value literal as written (quotes and escapes), for rewriting that keeps the author's text. */
export interface WrittenMatcher extends PromqlMatcher {
  readonly literal: string;
}

/** The name of a `LabelName` or `QuotedLabelName` node (`"le"` → `le`). */
export function labelName(text: string, n: SyntaxNode): string {
  return n.name === 'QuotedLabelName' ? unquotePromqlString(nodeText(text, n)) : nodeText(text, n).trim();
}

/** The label matchers of a vector selector node, in written order. */
export function selectorMatchers(text: string, selector: SyntaxNode): WrittenMatcher[] {
  const out: WrittenMatcher[] = [];
  const list = selector.getChild('LabelMatchers');
  for (let m = list?.firstChild; m; m = m.nextSibling) {
    const label = m.getChild('LabelName') ?? m.getChild('QuotedLabelName');
    const op = m.getChild('MatchOp');
    const value = m.getChild('StringLiteral');
    if (!label || !op || !value) continue;
    const literal = nodeText(text, value);
    out.push({ label: labelName(text, label), op: nodeText(text, op) as MatchOp, value: unquotePromqlString(literal), literal });
  }
  return out;
}

/**
 * The metric a vector selector names: its identifier, or its `__name__="..."` matcher; undefined for a selector
 * by other matchers only.
 */
export function selectorName(text: string, selector: SyntaxNode, matchers: readonly PromqlMatcher[] = selectorMatchers(text, selector)): string | undefined {
  const id = selector.getChild('Identifier');
  return id ? nodeText(text, id) : matchers.find((m) => m.label === '__name__' && m.op === '=')?.value;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };

/**
 * The value of a PromQL string literal: `"..."` and `'...'` with Go's escapes (`\n`, `\x41`, `\101`, `\u00e9`,
 * `\U0001F600`), raw backquoted strings as they are. An escape PromQL would refuse is kept as written: the
 * syntax check reports the expression, this only needs a value to show.
 */
export function unquotePromqlString(literal: string): string {
  const quote = literal[0];
  if (literal.length < 2 || (quote !== '"' && quote !== "'" && quote !== '`')) return literal;
  const body = literal.slice(1, literal.endsWith(quote) ? -1 : undefined);
  if (quote === '`' || !body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\' || i === body.length - 1) {
      out += c;
      continue;
    }
    const e = body[i + 1]!;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      i++;
      continue;
    }
    const digits = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : /[0-7]/.test(e) ? 3 : 0;
    const code = e === 'x' || e === 'u' || e === 'U' ? body.slice(i + 2, i + 2 + digits) : body.slice(i + 1, i + 1 + digits);
    const valid = digits > 0 && code.length === digits && (/[0-7]/.test(e) ? /^[0-7]+$/ : /^[0-9a-fA-F]+$/).test(code);
    const point = valid ? parseInt(code, /[0-7]/.test(e) ? 8 : 16) : NaN;
    if (!valid || point > 0x10ffff) {
      out += c;
      continue;
    }
    out += String.fromCodePoint(point);
    i += e === 'x' || e === 'u' || e === 'U' ? 1 + digits : digits;
  }
  return out;
}
