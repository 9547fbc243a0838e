/** What expressions guard against, read from their syntax: the evidence model finds alerts' covers with it. */
import { describe, expect, it } from 'vitest';
import { expressionGuards } from '../engine/promql/guards';

const names = (xs: ReadonlyArray<{ name: string }>) => xs.map((x) => x.name);

describe('expression guards', () => {
  it.each([
    ['absent(cdb_execution_mode{mode="paper"})', ['cdb_execution_mode']],
    ['absent_over_time(cdb_signals_generated_total[1d])', ['cdb_signals_generated_total']],
    ['up{job="cdb_execution"} == 1 unless on (job) cdb_execution_mode{mode="paper"} == 1', ['cdb_execution_mode']],
    ['cdb_execution_mode{mode="live"} == 1', []],
  ])('%s watches the absence of %j', (expr, expected) => {
    expect(names(expressionGuards(expr).absent)).toEqual(expected);
  });

  it.each([
    ['up == 0', ['up']],
    ['min by (job) (up{job!="blackbox_http"}) == 0', ['up']],
    ['avg_over_time(up[10m]) < 0.9', ['up']],
    ['0 == up', ['up']],
    ['up == 1', []],
    ['up > 0', []],
  ])('%s compares up with down: %j', (expr, expected) => {
    expect(names(expressionGuards(expr).down)).toEqual(expected);
  });

  it.each([
    ['cdb_last_signal_timestamp_seconds > time() + 300', ['cdb_last_signal_timestamp_seconds']],
    ['time() + 300 < max(cdb_last_signal_timestamp_seconds)', ['cdb_last_signal_timestamp_seconds']],
    // The age of a timestamp catches an old one, not one from the future.
    ['time() - max(cdb_last_signal_timestamp_seconds) > 86400', []],
    ['time() - max(cdb_last_signal_timestamp_seconds) < 86400', []],
  ])('%s catches a timestamp in the future: %j', (expr, expected) => {
    expect(names(expressionGuards(expr).future)).toEqual(expected);
  });

  it.each([
    ['cdb_ratio > 1 or cdb_ratio < 0', ['cdb_ratio', 'cdb_ratio']],
    ['cdb_ratio > 0.9', []],
  ])('%s catches a ratio outside [0, 1]: %j', (expr, expected) => {
    expect(names(expressionGuards(expr).outOfRange)).toEqual(expected);
  });

  it.each([
    ['job:x:ratio_rate5m > 0.9 and sum(increase(x[5m])) >= 5', [0.9, 5]],
    ['up == 0', []],
    ['time() - max(ts) > 86400', []],
  ])('%s orders series against the thresholds %j', (expr, expected) => {
    expect(expressionGuards(expr).thresholds).toEqual(expected);
  });

  it('keeps the matchers of what it guards', () => {
    expect(expressionGuards('up{job="cdb_core"} == 0').down).toEqual([{ name: 'up', matchers: [{ label: 'job', op: '=', value: 'cdb_core' }] }]);
  });

  it('guards against nothing when the expression does not parse', () => {
    expect(expressionGuards('absent(')).toEqual({ absent: [], down: [], future: [], outOfRange: [], thresholds: [] });
  });
});
