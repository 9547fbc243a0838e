/**
 * Issue 12, item 1, replayed as an operator would: the live-trading guard must fail closed. Each case is written
 * from the issue's words (not from the project's scenarios) as a promtool test of its own, run by the real promtool
 * against the generated rule file of paper execution, with the default settings it was built with. Each states the
 * minute an alert fires and checks that it is still quiet the evaluation before.
 *
 * promtool's `promql_expr_test` reads the `ALERTS` series the rules write, so a case asks which alerts are firing
 * (by name and by the label that says why) without repeating their annotations.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ROOT_DIR } from '../../project';
import { findTool, PROMTOOL } from '../../engine/external/tool-runner';

const promtool = findTool(PROMTOOL);
const scratch = mkdtempSync(join(tmpdir(), 'cdb-fail-closed-execution-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const RULES = join(ROOT_DIR, 'generated', 'prometheus', 'rules', 'paper-execution.yml');
const TARGET = 'job="cdb_execution", instance="cdb_execution:8004", service="cdb_execution"';
/** cdb_execution's series as Prometheus stores them: its target labels, and the series' own. */
const s = (name: string, labels = '') => `${name}{${TARGET}${labels ? `, ${labels}` : ''}}`;

/** The firing alerts of the live-trading guard and its evidence guard, one sample per alert and reason. */
const FIRING_QUERY =
  'count by (alertname, sign, missing) (ALERTS{alertstate="firing", alertname=~"CdbLiveTradingDetected|CdbPaperModeUnconfirmed"})';

interface Firing {
  readonly alertname: 'CdbLiveTradingDetected' | 'CdbPaperModeUnconfirmed';
  readonly sign?: string;
  readonly missing?: string;
}
const sample = (f: Firing) => ({
  labels: `{alertname="${f.alertname}"${f.missing ? `, missing=${JSON.stringify(f.missing)}` : ''}${f.sign ? `, sign=${JSON.stringify(f.sign)}` : ''}}`,
  value: 1,
});

/**
 * Runs one case: `input` sampled every minute, and at each minute the alerts expected firing (none: quiet). Returns
 * promtool's output; the case passes when promtool does.
 */
function replay(name: string, input: Record<string, string>, at: Record<number, readonly Firing[]>) {
  if (!promtool.available) throw new Error(`this test needs promtool: ${promtool.reason}`);
  const file = join(scratch, `${name.replace(/[^a-z0-9]+/gi, '-')}.test.yml`);
  const test = {
    rule_files: [RULES],
    evaluation_interval: '1m',
    tests: [
      {
        name,
        interval: '1m',
        input_series: Object.entries(input).map(([series, values]) => ({ series, values })),
        promql_expr_test: Object.entries(at).map(([minute, firing]) => ({ expr: FIRING_QUERY, eval_time: `${minute}m`, exp_samples: firing.map(sample) })),
      },
    ],
  };
  writeFileSync(file, stringify(test));
  return promtool.run(['test', 'rules', file], scratch);
}

/** cdb_execution scraped fine, filling two orders a minute, each a paper trade, for `minutes` minutes. */
const healthyExecution = (minutes: number) => ({
  [s('up')]: `1x${minutes}`,
  [s('cdb_orders_submitted_total', 'side="buy"')]: `0+2x${minutes}`,
  [s('cdb_orders_filled_total', 'side="buy"')]: `0+2x${minutes}`,
  [s('cdb_paper_trades_total', 'side="buy"')]: `0+2x${minutes}`,
});
const PAPER_MODE = { [s('cdb_execution_mode', 'mode="paper"')]: '1x130', [s('cdb_execution_mode', 'mode="live"')]: '0x130' };

const PAPER_UNCONFIRMED = (missing: string): Firing => ({ alertname: 'CdbPaperModeUnconfirmed', missing });
const LIVE = (sign: string): Firing => ({ alertname: 'CdbLiveTradingDetected', sign });

describe('the live-trading guard fails closed (issue 12, item 1)', () => {
  it('stays quiet while paper mode is confirmed and consistent with the trade counters', () => {
    const r = replay('control: paper mode, every fill a paper trade', { ...healthyExecution(130), ...PAPER_MODE }, { 0: [], 1: [], 60: [], 120: [] });
    expect(r.output).toContain('SUCCESS');
    expect(r.ok, r.output).toBe(true);
  });

  it('(a) cdb_execution up and orders flowing with no cdb_execution_mode series at all: CdbPaperModeUnconfirmed fires at minute 1 and still at 1h and 2h', () => {
    // Missing from the first scrape on; the guard's `for` is 1m, so it is pending at minute 0 and fires at minute 1.
    const missing = PAPER_UNCONFIRMED('cdb_execution_mode{mode="paper"}');
    const r = replay('(a) no mode series', healthyExecution(130), { 0: [], 1: [missing], 60: [missing], 120: [missing] });
    expect(r.ok, r.output).toBe(true);
  });

  it('(b) the mode series stop being exported at minute 30 while the target stays up: CdbPaperModeUnconfirmed fires at minute 31', () => {
    // Prometheus writes a stale marker when a series leaves a successful scrape: absent from minute 30, firing a
    // `for` of 1m later.
    const missing = PAPER_UNCONFIRMED('cdb_execution_mode{mode="paper"}');
    const input = {
      ...healthyExecution(130),
      [s('cdb_execution_mode', 'mode="paper"')]: '1x29 stale',
      [s('cdb_execution_mode', 'mode="live"')]: '0x29 stale',
    };
    const r = replay('(b) mode series stale', input, { 29: [], 30: [], 31: [missing], 60: [missing], 120: [missing] });
    expect(r.ok, r.output).toBe(true);
  });

  it('(b) the same series simply ending at minute 29 with no stale marker: CdbPaperModeUnconfirmed fires at minute 36', () => {
    // The 5-minute lookback still returns the last sample (minute 29) at minute 34; absent from minute 35, firing a
    // `for` of 1m later.
    const missing = PAPER_UNCONFIRMED('cdb_execution_mode{mode="paper"}');
    const input = { ...healthyExecution(130), [s('cdb_execution_mode', 'mode="paper"')]: '1x29', [s('cdb_execution_mode', 'mode="live"')]: '0x29' };
    const r = replay('(b) mode series end', input, { 34: [], 35: [], 36: [missing], 120: [missing] });
    expect(r.ok, r.output).toBe(true);
  });

  it('(c) paper mode while fills rise and paper trades stay flat from minute 10: CdbLiveTradingDetected fires at minute 11', () => {
    // Fills and paper trades move together until minute 9; from minute 10 only the fills grow. The fill count as it
    // stood a minute ago (paperTradeLag 1m) first exceeds the paper trades at minute 11.
    const input = {
      ...healthyExecution(130),
      ...PAPER_MODE,
      [s('cdb_paper_trades_total', 'side="buy"')]: '0+2x9 18x121',
    };
    const fills = LIVE('orders were filled that were never counted as paper trades');
    const r = replay('(c) fills outside paper trades', input, { 9: [], 10: [], 11: [fills], 60: [fills], 120: [fills] });
    expect(r.ok, r.output).toBe(true);
  });

  it('(c) the paper trade counted a scrape after its fill is no fill outside paper mode: quiet', () => {
    // The paper-trade counter trails the fill counter by one sample all along.
    const input = { ...healthyExecution(130), ...PAPER_MODE, [s('cdb_paper_trades_total', 'side="buy"')]: '0 0+2x129' };
    const r = replay('(c) paper trades one scrape late', input, { 1: [], 2: [], 60: [], 120: [] });
    expect(r.ok, r.output).toBe(true);
  });

  it('(d) only an unexpected mode, testnet, at 1 from minute 5: CdbLiveTradingDetected fires at minute 5', () => {
    const input = {
      ...healthyExecution(130),
      [s('cdb_execution_mode', 'mode="paper"')]: '1x4 0x126',
      [s('cdb_execution_mode', 'mode="live"')]: '0x130',
      [s('cdb_execution_mode', 'mode="testnet"')]: '0x4 1x126',
    };
    const signs = [LIVE('execution mode testnet is active'), LIVE('paper mode is not active')];
    const r = replay('(d) testnet mode', input, { 4: [], 5: signs, 60: signs, 120: signs });
    expect(r.ok, r.output).toBe(true);
  });

  it('(d) a testnet series the only mode series there is: CdbLiveTradingDetected fires at minute 0, CdbPaperModeUnconfirmed joins at minute 1', () => {
    const input = { ...healthyExecution(130), [s('cdb_execution_mode', 'mode="testnet"')]: '1x130' };
    const testnet = LIVE('execution mode testnet is active');
    const r = replay('(d) testnet only', input, {
      0: [testnet],
      1: [testnet, PAPER_UNCONFIRMED('cdb_execution_mode{mode="paper"}')],
      120: [testnet, PAPER_UNCONFIRMED('cdb_execution_mode{mode="paper"}')],
    });
    expect(r.ok, r.output).toBe(true);
  });
});
