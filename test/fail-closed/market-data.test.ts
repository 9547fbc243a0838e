/**
 * Issue 12, items 2, 3 and 8, replayed as an operator would: promtool unit tests written by hand from the issue's
 * description of each case (not from the project's scenarios), run with the real `promtool test rules` against the
 * committed rule files in generated/prometheus/rules. Each case states the minute its alert fires; the test checks
 * the alert is firing then and was not firing one evaluation before, by querying the `ALERTS` series the rule
 * evaluation writes.
 *
 * Time in promtool starts at the epoch, so "now" at minute m is m × 60 seconds, and a time exported in
 * milliseconds at minute m is m × 60 000.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT_DIR } from '../../project';
import { AMTOOL, findTool, PROMTOOL } from '../../engine/external/tool-runner';

const promtool = findTool(PROMTOOL);
const amtool = findTool(AMTOOL);
const scratch = mkdtempSync(join(tmpdir(), 'cdb-fail-closed-market-data-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const RULES = join(ROOT_DIR, 'generated', 'prometheus', 'rules');
const ALERTMANAGER_YML = join(ROOT_DIR, 'generated', 'alertmanager', 'alertmanager.yml');

const CORE = 'job="cdb_core", instance="cdb_core:8002", service="cdb_core"';
const EXECUTION = 'job="cdb_execution", instance="cdb_execution:8004", service="cdb_execution"';
const WS = 'job="cdb_ws", instance="cdb_ws:8001", service="cdb_ws"';
const PROMETHEUS = 'job="cdb_prometheus", instance="cdb_prometheus:9090", service="cdb_prometheus"';

/** An expected `ALERTS` sample: the alert firing with these labels (besides alertname and alertstate). */
type Firing = Record<string, string>;

/** `ALERTS{alertname, alertstate="firing"}` at `minute`: the expected firing series, or none. */
function firingAt(alertname: string, minute: number, firing: readonly Firing[]) {
  return {
    expr: `ALERTS{alertname="${alertname}", alertstate="firing"}`,
    eval_time: `${minute}m`,
    exp_samples: firing.map((labels) => ({
      labels: `ALERTS{${Object.entries({ alertname, alertstate: 'firing', ...labels })
        .map(([k, v]) => `${k}="${v}"`)
        .join(', ')}}`,
      value: 1,
    })),
  };
}

/** Writes a promtool test file over `ruleFiles` with one test group, runs it, and fails with promtool's report. */
function replay(name: string, ruleFiles: readonly string[], inputSeries: ReadonlyArray<{ series: string; values: string }>, checks: readonly object[]) {
  if (!promtool.available) throw new Error(`this test needs promtool: ${promtool.reason}`);
  const file = join(scratch, `${name}.test.yml`);
  const test = {
    rule_files: ruleFiles.map((f) => join(RULES, `${f}.yml`)),
    evaluation_interval: '1m',
    tests: [{ name, interval: '1m', input_series: inputSeries, promql_expr_test: checks }],
  };
  writeFileSync(file, JSON.stringify(test, null, 2)); // JSON is YAML
  const result = promtool.run(['test', 'rules', file], scratch);
  expect(result.output).toContain('SUCCESS');
  expect(result.ok, result.output).toBe(true);
}

/** Severity and layer labels of a CdB alert, with the `service` label it is about. */
const cdb = (layer: string, service: string, extra: Firing = {}): Firing => ({ layer, service, severity: 'critical', ...extra });

describe('item 2: the Zero-Activity alerts without Prometheus\' own series', () => {
  // A signal and a paper trade every minute for two hours (the counters rise by one, the last-event times follow
  // the clock), then none. cdb_core and cdb_execution stay up; Prometheus
  // cannot scrape itself (up 0), so none of its own series exist: no prometheus_tsdb_lowest_timestamp_seconds.
  // The last event is at minute 120; its day ends at minute 120 + 1440 = 1560, and the alerts' 5m `for` ends at
  // 1565 (26h05m after the start, 24h05m after the last event). They keep firing through 33h30m and 36h.
  it('fire at minute 1565 and are still firing at 36h', () => {
    const series = [
      { series: `cdb_signals_generated_total{${CORE}, strategy="momentum", side="buy"}`, values: '0+1x120 120x2039' },
      { series: `cdb_last_signal_timestamp_seconds{${CORE}, strategy="momentum"}`, values: '0+60x120 7200x2039' },
      { series: `cdb_paper_trades_total{${EXECUTION}, side="buy"}`, values: '0+1x120 120x2039' },
      { series: `cdb_last_paper_trade_timestamp_seconds{${EXECUTION}}`, values: '0+60x120 7200x2039' },
      { series: `up{${CORE}}`, values: '1x2160' },
      { series: `up{${EXECUTION}}`, values: '1x2160' },
      { series: `up{${PROMETHEUS}}`, values: '0x2160' },
    ];
    const signals = [cdb('signal-engine', 'cdb_core')];
    const trades = [cdb('paper-execution', 'cdb_execution')];
    replay('item-2-zai-without-prometheus-self-scrape', ['signal-engine', 'paper-execution'], series, [
      firingAt('CdbZeroActivitySignals', 1564, []),
      firingAt('CdbZeroActivitySignals', 1565, signals),
      firingAt('CdbZeroActivitySignals', 2010, signals),
      firingAt('CdbZeroActivitySignals', 2160, signals),
      firingAt('CdbZeroActivityPaperTrades', 1564, []),
      firingAt('CdbZeroActivityPaperTrades', 1565, trades),
      firingAt('CdbZeroActivityPaperTrades', 2010, trades),
      firingAt('CdbZeroActivityPaperTrades', 2160, trades),
    ]);
  });
});

describe('item 3: a timestamp in milliseconds, or in the future, must page', () => {
  // The services export Date.now() without dividing by 1000. At minute 1 the time lies 59 940 s ahead, past the
  // 60 s tolerance; the future-time alerts page after their 1m `for`, at minute 2. The events stop at minute 120
  // as in item 2, and the Zero-Activity alerts still fire at minute 1565: the time in milliseconds no longer
  // vetoes them.
  it('the last-signal and last-trade times in milliseconds page at minute 2, and the Zero-Activity alerts still fire at minute 1565', () => {
    const series = [
      { series: `cdb_signals_generated_total{${CORE}, strategy="momentum", side="buy"}`, values: '0+1x120 120x1450' },
      { series: `cdb_last_signal_timestamp_seconds{${CORE}, strategy="momentum"}`, values: '0+60000x120 7200000x1450' },
      { series: `cdb_paper_trades_total{${EXECUTION}, side="buy"}`, values: '0+1x120 120x1450' },
      { series: `cdb_last_paper_trade_timestamp_seconds{${EXECUTION}}`, values: '0+60000x120 7200000x1450' },
      { series: `up{${CORE}}`, values: '1x1570' },
      { series: `up{${EXECUTION}}`, values: '1x1570' },
    ];
    replay('item-3-zai-times-in-milliseconds', ['signal-engine', 'paper-execution'], series, [
      firingAt('CdbLastSignalTimestampInFuture', 1, []),
      firingAt('CdbLastSignalTimestampInFuture', 2, [cdb('signal-engine', 'cdb_core', { job: 'cdb_core', instance: 'cdb_core:8002', strategy: 'momentum' })]),
      firingAt('CdbLastPaperTradeTimestampInFuture', 1, []),
      firingAt('CdbLastPaperTradeTimestampInFuture', 2, [cdb('paper-execution', 'cdb_execution', { job: 'cdb_execution', instance: 'cdb_execution:8004' })]),
      firingAt('CdbZeroActivitySignals', 1564, []),
      firingAt('CdbZeroActivitySignals', 1565, [cdb('signal-engine', 'cdb_core')]),
      firingAt('CdbZeroActivityPaperTrades', 1564, []),
      firingAt('CdbZeroActivityPaperTrades', 1565, [cdb('paper-execution', 'cdb_execution')]),
    ]);
  });

  // cdb_ws exports its last-message time in milliseconds; the feed stops at minute 30, so the feed is stale from
  // minute 33, and CdbMarketDataStale cannot see it. The future-time alert pages at minute 2 and keeps paging.
  // A second exchange's clock runs ten minutes ahead: past the tolerance from minute 0, it pages at minute 1.
  it('the last-message time in milliseconds pages at minute 2, a clock ten minutes ahead at minute 1', () => {
    const series = [
      { series: `cdb_ws_last_message_timestamp_seconds{${WS}, exchange="binance"}`, values: '0+60000x30 1800000x30' },
      { series: `cdb_ws_last_message_timestamp_seconds{${WS}, exchange="kraken"}`, values: '600+60x60' },
      { series: `up{${WS}}`, values: '1x60' },
    ];
    const ws = { job: 'cdb_ws', instance: 'cdb_ws:8001' };
    replay('item-3-market-data-times-in-the-future', ['market-data'], series, [
      firingAt('CdbMarketDataTimestampInFuture', 0, []),
      firingAt('CdbMarketDataTimestampInFuture', 1, [cdb('market-data', 'cdb_ws', { ...ws, exchange: 'kraken' })]),
      firingAt('CdbMarketDataTimestampInFuture', 2, [cdb('market-data', 'cdb_ws', { ...ws, exchange: 'binance' }), cdb('market-data', 'cdb_ws', { ...ws, exchange: 'kraken' })]),
      firingAt('CdbMarketDataTimestampInFuture', 60, [cdb('market-data', 'cdb_ws', { ...ws, exchange: 'binance' }), cdb('market-data', 'cdb_ws', { ...ws, exchange: 'kraken' })]),
    ]);
  });
});

describe('item 8: a cdb_ws that restarts and never receives a message', () => {
  // Messages from binance every minute until cdb_ws restarts at minute 30: the scrape during the restart fails
  // (up 0), the restarted process exposes no last-message time (a staleness marker ends the old series) and
  // reconnects at minute 31 without ever receiving a message. From minute 31 cdb_ws is up without market data; the
  // alert's `for` is CdbMarketDataStale's 120 s threshold plus its 2m `for`, 4 minutes: it pages at minute 35, for
  // binance and for "any exchange". CdbMarketDataStale has no series and stays quiet, so it mutes nothing.
  const series = [
    { series: `cdb_ws_last_message_timestamp_seconds{${WS}, exchange="binance"}`, values: '0+60x29 stale' },
    { series: `cdb_ws_connected{${WS}, exchange="binance"}`, values: '1x29 stale 1x29' },
    { series: `up{${WS}}`, values: '1x29 0 1x29' },
  ];
  const ws = { job: 'cdb_ws', instance: 'cdb_ws:8001' };

  it('pages at minute 35 while CdbMarketDataStale stays quiet', () => {
    const missing = [cdb('market-data', 'cdb_ws', { ...ws, exchange: 'any exchange' }), cdb('market-data', 'cdb_ws', { ...ws, exchange: 'binance' })];
    replay('item-8-cdb-ws-restarts-without-messages', ['market-data'], series, [
      firingAt('CdbMarketDataMissing', 34, []),
      firingAt('CdbMarketDataMissing', 35, missing),
      firingAt('CdbMarketDataMissing', 60, missing),
      firingAt('CdbMarketDataStale', 35, []),
      firingAt('CdbMarketDataStale', 60, []),
    ]);
  });

  it('is routed to the pager and mutes neither Zero-Activity alert, nor is muted itself', () => {
    const config = parse(readFileSync(ALERTMANAGER_YML, 'utf8')) as {
      inhibit_rules: Array<{ source_matchers: string[]; target_matchers: string[] }>;
    };
    const labels = { alertname: 'CdbMarketDataMissing', severity: 'critical', layer: 'market-data', service: 'cdb_ws', exchange: 'binance' };
    const zais = [
      { alertname: 'CdbZeroActivitySignals', severity: 'critical', layer: 'signal-engine', service: 'cdb_core' },
      { alertname: 'CdbZeroActivityPaperTrades', severity: 'critical', layer: 'paper-execution', service: 'cdb_execution' },
    ];
    /** Whether an Alertmanager matcher (`name="v"`, `name=~"re"`, …) matches a label set; regexes are anchored. */
    const matches = (matcher: string, set: Record<string, string>) => {
      const m = /^(\w+)(=~|!~|!=|=)"(.*)"$/.exec(matcher.trim());
      if (!m) throw new Error(`matcher not understood: ${matcher}`);
      const [, name, op, value] = m;
      const v = set[name!] ?? '';
      if (op === '=') return v === value;
      if (op === '!=') return v !== value;
      const re = new RegExp(`^(?:${value})$`);
      return op === '=~' ? re.test(v) : !re.test(v);
    };
    const all = (ms: readonly string[], set: Record<string, string>) => ms.every((m) => matches(m, set));
    for (const rule of config.inhibit_rules) {
      if (all(rule.source_matchers, labels)) for (const zai of zais) expect(all(rule.target_matchers, zai), `${JSON.stringify(rule)} mutes ${zai.alertname}`).toBe(false);
      expect(all(rule.target_matchers, labels), `${JSON.stringify(rule)} mutes CdbMarketDataMissing`).toBe(false);
    }

    if (!amtool.available) throw new Error(`this test needs amtool: ${amtool.reason}`);
    const routed = amtool.run(['config', 'routes', 'test', `--config.file=${ALERTMANAGER_YML}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)], scratch);
    expect(routed.ok, routed.output).toBe(true);
    // amtool prints the receivers on the first line (and may warn after it).
    expect(routed.output.split('\n')[0]!.trim()).toBe('cdb-pager');
  });
});
