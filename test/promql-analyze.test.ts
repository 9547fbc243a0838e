import { describe, expect, it } from 'vitest';
import { analyzePromql, createPromqlMemo, promqlSelectors, RATE_INTERVAL_STANDIN, substituteGrafanaMacros } from '../engine/promql/analyze';
import { catalog } from '../catalog';

const labels = (name: string) => catalog.labelsForSeries(name);
const out = (expr: string) => {
  const a = analyzePromql(expr, labels);
  return a.outputLabels && [...a.outputLabels].sort();
};

describe('Grafana macro substitution', () => {
  it('turns range macros into durations and leaves variables inside strings alone', () => {
    expect(substituteGrafanaMacros('rate(x{job=~"$job"}[$__rate_interval])')).toBe(`rate(x{job=~"$job"}[${RATE_INTERVAL_STANDIN}])`);
    expect(substituteGrafanaMacros('increase(x[$__range]) / $__range_s')).toBe('increase(x[1h]) / 3600');
    expect(substituteGrafanaMacros('rate(x[${__interval}])')).toBe('rate(x[1m])');
    expect(substituteGrafanaMacros('topk($n, x)')).toBe('topk(1, x)');
  });

  it('makes a panel query with macros parse', () => {
    const q = 'sum by (strategy) (rate(cdb_signals_generated_total{strategy=~"$strategy"}[$__rate_interval]))';
    expect(analyzePromql(q, labels).syntaxErrors).not.toEqual([]);
    expect(analyzePromql(substituteGrafanaMacros(q), labels).syntaxErrors).toEqual([]);
  });
});

describe('syntax errors', () => {
  it.each(['sum(rate(x[5m]) by (a)', 'rate(x[5m]', 'x{a="b"', 'x +', 'sum by (a) (x) )'])('reports %j', (expr) => {
    expect(analyzePromql(expr, labels).syntaxErrors.length).toBeGreaterThan(0);
  });
});

describe('selectors', () => {
  it('lists names, matchers, windows and the enclosing function', () => {
    const a = analyzePromql('sum(rate(cdb_signals_generated_total{side="buy"}[5m])) / sum(cdb_ws_connected)', labels);
    expect(a.selectors).toEqual([
      { name: 'cdb_signals_generated_total', matchers: [{ label: 'side', op: '=', value: 'buy' }], window: '5m', enclosingFunction: 'rate' },
      { name: 'cdb_ws_connected', matchers: [], window: undefined, enclosingFunction: undefined },
    ]);
  });
});

describe('output label inference', () => {
  it.each([
    ['cdb_ws_connected', ['exchange', 'instance', 'job', 'service']],
    ['sum by (exchange) (cdb_ws_connected)', ['exchange']],
    ['sum without (instance) (cdb_ws_connected)', ['exchange', 'job', 'service']],
    ['sum(cdb_ws_connected)', []],
    ['time() - max by (job) (cdb_last_signal_timestamp_seconds)', ['job']],
    ['histogram_quantile(0.9, sum by (le, strategy) (rate(cdb_signal_processing_duration_seconds_bucket[5m])))', ['strategy']],
    ['label_replace(sum by (job) (up), "svc", "$1", "job", "(.*)")', ['job', 'svc']],
    ['sum by (job) (up) or sum by (service) (up)', ['job', 'service']],
    ['topk(3, sum by (job) (up))', ['job']],
    ['sum by (job) (up) / on (job) group_left (service) max by (job, service) (up)', ['job', 'service']],
    ['vector(1)', []],
  ])('%s → %j', (expr, expected) => {
    expect(out(expr)).toEqual(expected);
  });

  it('is unknown when a selector names an unknown metric', () => {
    expect(out('sum by (a) (nope)')).toEqual(['a']);
    expect(out('nope')).toBeUndefined();
  });

  it('records the labels available to every grouping clause', () => {
    const a = analyzePromql('sum by (typo) (rate(cdb_signals_generated_total[5m]))', labels);
    expect(a.groupings).toHaveLength(1);
    expect(a.groupings[0]!.label).toBe('typo');
    expect(a.groupings[0]!.available?.has('typo')).toBe(false);
    expect(a.groupings[0]!.available?.has('strategy')).toBe(true);
  });
});

describe('absent()', () => {
  it.each([
    ['absent(up{job="cdb_core", service="cdb_core"})', ['job', 'service']],
    ['absent(up{job=~"cdb_.+"})', []],
    ['absent_over_time(cdb_signals_generated_total{strategy="m"}[1h])', ['strategy']],
    ['absent(sum(up{job="x"}))', []],
  ])('%s returns the labels of its equality matchers: %j', (expr, expected) => {
    expect(out(expr)).toEqual(expected);
  });
});

describe('memo', () => {
  const expr = 'sum by (side) (rate(cdb_signals_generated_total[5m]))';

  it('keeps nothing between analyses without one', () => {
    const a = analyzePromql(expr, labels);
    const b = analyzePromql(expr, labels);
    expect(b.selectors).not.toBe(a.selectors);
    expect(b).toEqual(a);
  });

  it('reuses the parse and the selectors of a text analysed with the same memo, and only that text', () => {
    const memo = createPromqlMemo();
    const first = analyzePromql(expr, labels, memo);
    expect([...memo.parses.keys()]).toEqual([expr]);
    expect(promqlSelectors(expr, memo)).toBe(first.selectors);
    // Labels are not part of the memo: another label source gives its own answer from the same parse.
    expect(analyzePromql(expr, () => undefined, memo).outputLabels).toEqual(new Set(['side']));
    expect(analyzePromql('sum(nope)', labels, memo).selectors[0]!.name).toBe('nope');
    expect(memo.parses.size).toBe(2);
    expect(promqlSelectors('up', createPromqlMemo())).not.toBe(promqlSelectors('up', memo));
  });
});
