import { describe, expect, it } from 'vitest';
import {
  add,
  and,
  buckets,
  div,
  formatNumber,
  gt,
  histogramQuantile,
  matchesRegex,
  max,
  mul,
  notEqual,
  num,
  or,
  pow,
  rate,
  select,
  sub,
  subquery,
  sum,
  time,
  vector,
  durationSeconds,
} from '../engine/promql';
import { signalProcessingDuration, signalsGenerated, wsConnected } from '../catalog/cdb';
import { recordingRule } from '../engine/rules/recording-rule';

describe('rendering', () => {
  const signals = select(signalsGenerated);

  it('quotes matcher values and renders every operator', () => {
    expect(String(select(signalsGenerated, { strategy: 'a"b', side: notEqual('sell'), job: matchesRegex('cdb_.+') }))).toBe(
      'cdb_signals_generated_total{strategy="a\\"b", side!="sell", job=~"cdb_.+"}',
    );
  });

  it('renders aggregations with by and without clauses', () => {
    expect(String(sum.by(['strategy', 'side'], rate(signals.over('5m'))))).toBe('sum by (strategy, side) (rate(cdb_signals_generated_total[5m]))');
    expect(String(max.without(['side'], signals))).toBe('max without (side) (cdb_signals_generated_total)');
    expect(String(sum(signals))).toBe('sum (cdb_signals_generated_total)');
  });

  it('adds parentheses only where precedence needs them', () => {
    const a = select(wsConnected);
    expect(String(div(sub(a, 1), 2))).toBe('(cdb_ws_connected - 1) / 2');
    expect(String(sub(a, div(a, 2)))).toBe('cdb_ws_connected - cdb_ws_connected / 2');
    expect(String(sub(a, sub(a, 1)))).toBe('cdb_ws_connected - (cdb_ws_connected - 1)');
    expect(String(sub(sub(a, 1), a))).toBe('cdb_ws_connected - 1 - cdb_ws_connected');
    expect(String(pow(pow(a, 2), 3))).toBe('(cdb_ws_connected ^ 2) ^ 3');
    expect(String(pow(a, pow(2, 3)))).toBe('cdb_ws_connected ^ 2 ^ 3');
    expect(String(gt(add(a, 1), mul(a, 2)))).toBe('cdb_ws_connected + 1 > cdb_ws_connected * 2');
    expect(String(and(or(a, a), a))).toBe('(cdb_ws_connected or cdb_ws_connected) and cdb_ws_connected');
    expect(String(sub(time(), num(-5)))).toBe('time() - (-5)');
  });

  it('renders vector matching modifiers', () => {
    const a = select(wsConnected);
    expect(String(div(a, a, { on: ['exchange'], groupLeft: ['job'] }))).toBe('cdb_ws_connected / on (exchange) group_left (job) cdb_ws_connected');
    expect(String(or(a, vector(0)))).toBe('cdb_ws_connected or vector(0)');
  });

  it('renders histogram quantiles and subqueries', () => {
    expect(String(histogramQuantile(0.99, sum.by(['le'], rate(buckets(signalProcessingDuration).over('$__rate_interval')))))).toBe(
      'histogram_quantile(0.99, sum by (le) (rate(cdb_signal_processing_duration_seconds_bucket[$__rate_interval])))',
    );
    expect(String(subquery(max(select(wsConnected)), '1h', '1m'))).toBe('(max (cdb_ws_connected))[1h:1m]');
    expect(() => histogramQuantile(1.5, sum.by(['le'], buckets(signalProcessingDuration)))).toThrow(/φ must be within/);
  });

  it('prints numbers exactly', () => {
    expect(formatNumber(0.001)).toBe('0.001');
    expect(formatNumber(72 * 3600)).toBe('259200');
    expect(formatNumber(Infinity)).toBe('+Inf');
    expect(formatNumber(Number.NaN)).toBe('NaN');
  });

  it('selects a recording rule by its name', () => {
    const rule = recordingRule('strategy:cdb_signals_generated:rate5m', sum.by(['strategy'], rate(signals.over('5m'))));
    expect(rule.expr).toBe('sum by (strategy) (rate(cdb_signals_generated_total[5m]))');
    expect(String(select(rule, { strategy: 'x' }))).toBe('strategy:cdb_signals_generated:rate5m{strategy="x"}');
  });
});

describe('durations', () => {
  it.each([
    ['30s', 30],
    ['5m', 300],
    ['1h30m', 5400],
    ['3d', 259200],
    ['1w', 604800],
    ['250ms', 0.25],
  ])('%s is %d seconds', (text, seconds) => {
    expect(durationSeconds(text)).toBe(seconds);
  });
  it.each(['', '5', 'm5', '5 m', '1.5h'])('rejects %j', (text) => {
    expect(() => durationSeconds(text)).toThrow(/not a Prometheus duration/);
  });
});
