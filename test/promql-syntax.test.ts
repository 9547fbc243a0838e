/** The PromQL syntax helpers every analysis, rewrite and check reads the grammar through. */
import { describe, expect, it } from 'vitest';
import {
  callArguments,
  callName,
  nodeText,
  parsePromql,
  rangeWindow,
  selectorMatchers,
  selectorName,
  unquotePromqlString,
  type ParseMemo,
  type SyntaxNode,
} from '../engine/promql/syntax';

/** The first node named `name` in `text`'s tree. */
function first(text: string, name: string): SyntaxNode {
  let found: SyntaxNode | undefined;
  parsePromql(text).tree.iterate({
    enter: (n) => {
      if (!found && n.name === name) found = n.node;
    },
  });
  if (!found) throw new Error(`no ${name} in ${text}`);
  return found;
}

describe('unquotePromqlString', () => {
  it.each([
    ['a double-quoted string', '"cdb_core"', 'cdb_core'],
    ['a single-quoted string', "'cdb_core'", 'cdb_core'],
    ['a raw string keeps its backslashes', '`a\\.b`', 'a\\.b'],
    ['a regex escape in a double-quoted string', '"a\\\\.b"', 'a\\.b'],
    ['an escaped quote', '"say \\"hi\\""', 'say "hi"'],
    ['an escaped quote in a single-quoted string', "'it\\'s'", "it's"],
    ['a double quote inside single quotes', '\'a"b\'', 'a"b'],
    ['control escapes', '"a\\tb\\nc"', 'a\tb\nc'],
    ['a hexadecimal escape', '"\\x41"', 'A'],
    ['an octal escape', '"\\101"', 'A'],
    ['a 4-digit unicode escape', '"caf\\u00e9"', 'café'],
    ['an 8-digit unicode escape', '"\\U0001F600"', '😀'],
    ['an escape PromQL refuses is kept as written', '"a\\qb"', 'a\\qb'],
  ])('%s: %s', (_, literal, value) => {
    expect(unquotePromqlString(literal)).toBe(value);
  });
});

describe('selectors', () => {
  it('reads matchers in written order, with their values unquoted and their literals as written', () => {
    const text = `cdb_orders_total{side='buy', "job"=~"cdb_.+", service!="a\\"b"}`;
    expect(selectorMatchers(text, first(text, 'VectorSelector'))).toEqual([
      { label: 'side', op: '=', value: 'buy', literal: "'buy'" },
      { label: 'job', op: '=~', value: 'cdb_.+', literal: '"cdb_.+"' },
      { label: 'service', op: '!=', value: 'a"b', literal: '"a\\"b"' },
    ]);
  });

  it('names a selector by its identifier or by its __name__ equality matcher', () => {
    expect(selectorName('up{job="x"}', first('up{job="x"}', 'VectorSelector'))).toBe('up');
    expect(selectorName('{__name__="up", job="x"}', first('{__name__="up", job="x"}', 'VectorSelector'))).toBe('up');
    expect(selectorName('{__name__=~"up|down"}', first('{__name__=~"up|down"}', 'VectorSelector'))).toBeUndefined();
  });

  it('reads the window of a range selector', () => {
    const text = 'rate(up[5m])';
    expect(nodeText(text, rangeWindow(first(text, 'MatrixSelector'))!)).toBe('5m');
  });
});

describe('calls', () => {
  it('names functions and aggregations and lists their expression arguments', () => {
    const text = 'histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))';
    const call = first(text, 'FunctionCall');
    expect(callName(text, call)).toBe('histogram_quantile');
    expect(callArguments(call).map((a) => nodeText(text, a))).toEqual(['0.9', 'sum by (le) (rate(x_bucket[5m]))']);
    const sum = first(text, 'AggregateExpr');
    expect(callName(text, sum)).toBe('sum');
    expect(callArguments(sum).map((a) => nodeText(text, a))).toEqual(['rate(x_bucket[5m])']);
  });
});

describe('parsePromql', () => {
  it('reports where an expression stops parsing', () => {
    expect(parsePromql('sum(rate(x[5m])').syntaxErrors).not.toEqual([]);
    expect(parsePromql('sum(rate(x[5m]))').syntaxErrors).toEqual([]);
  });

  it('keeps a parse only in the memo it is given', () => {
    const memo: ParseMemo = { parses: new Map() };
    const once = parsePromql('up == 0', memo);
    expect(parsePromql('up == 0', memo)).toBe(once);
    expect(parsePromql('up == 0')).not.toBe(once);
    expect([...memo.parses.keys()]).toEqual(['up == 0']);
  });
});
