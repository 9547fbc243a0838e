/**
 * The conformance check of a service's /metrics against the catalog: the exposition parser (both text formats,
 * escaping, untyped families, malformed input), and the comparison, first on CdB registries (a complete one passes,
 * a broken one fails with exactly its defects), then case by case on a small catalog of its own.
 */
import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog';
import { defineCatalog } from '../engine/catalog/catalog';
import { metric } from '../engine/catalog/metric';
import { createServiceRegistry } from '../engine/catalog/prom-client-registry';
import { compareExposition, FUTURE_TOLERANCE_SECONDS } from '../engine/conformance/compare';
import { parseExposition } from '../engine/conformance/parse-exposition';
import { renderJson, renderText } from '../engine/conformance/render';
import { APPLICATION_SERVICES } from '../config/services';
import { brokenExecutionRegistry, populatedRegistry } from './fixtures/conformance-expositions';

describe('the exposition parser', () => {
  it('reads a 0.0.4 exposition: HELP and label escapes, histograms, summaries, timestamps, NaN and +Inf', () => {
    const { format, families } = parseExposition(
      [
        '# HELP jobs_total Jobs done, with a \\\\ backslash\\nand a newline; "quotes" stay.',
        '# TYPE jobs_total counter',
        'jobs_total{queue="a \\"b\\" \\\\ c\\nd",kind="x"} 3 1700000000000',
        '# TYPE latency_seconds histogram',
        'latency_seconds_bucket{le="0.1"} 1',
        'latency_seconds_bucket{le="+Inf"} 2',
        'latency_seconds_sum 0.3',
        'latency_seconds_count 2',
        '# TYPE rpc_seconds summary',
        'rpc_seconds{quantile="0.5"} NaN',
        'rpc_seconds_sum 0',
        'rpc_seconds_count 0',
        '# a plain comment',
        '',
        'temperature{room="kitchen",} -Inf',
      ].join('\n'),
    );
    expect(format).toBe('prometheus');
    expect(families.map((f) => [f.name, f.type, f.typeDeclared, f.samples.length])).toEqual([
      ['jobs_total', 'counter', true, 1],
      ['latency_seconds', 'histogram', true, 4],
      ['rpc_seconds', 'summary', true, 3],
      ['temperature', 'untyped', false, 1],
    ]);
    expect(families[0]!.help).toBe('Jobs done, with a \\ backslash\nand a newline; "quotes" stay.');
    expect(families[0]!.samples[0]!.labels).toEqual({ queue: 'a "b" \\ c\nd', kind: 'x' });
    expect(families[1]!.samples[1]).toMatchObject({ name: 'latency_seconds_bucket', labels: { le: '+Inf' }, value: 2, line: 6 });
    expect(families[2]!.samples[0]!.value).toBeNaN();
    expect(families[3]!.samples[0]!.value).toBe(-Infinity);
  });

  it('reads OpenMetrics: counters named without _total, _created, info, UNIT, exemplars and # EOF', () => {
    const { format, families } = parseExposition(
      [
        '# TYPE jobs counter',
        '# UNIT jobs jobs',
        '# HELP jobs Jobs \\"done\\".',
        'jobs_total{queue="a"} 3.0 # {trace_id="abc"} 1.0 1700000000.5',
        'jobs_created{queue="a"} 1700000000.0',
        '# TYPE build info',
        'build_info{version="1.2"} 1',
        '# EOF',
      ].join('\n'),
    );
    expect(format).toBe('openmetrics');
    expect(families.map((f) => [f.name, f.type, f.samples.map((s) => s.name)])).toEqual([
      ['jobs', 'counter', ['jobs_total', 'jobs_created']],
      ['build', 'info', ['build_info']],
    ]);
    expect(families[0]).toMatchObject({ unit: 'jobs', help: 'Jobs "done".' });
  });

  it('keeps samples no TYPE line claims as untyped families of their own', () => {
    const { families } = parseExposition('# TYPE a gauge\na 1\na_bucket{le="1"} 1\nb_total 2\n');
    expect(families.map((f) => [f.name, f.type])).toEqual([
      ['a', 'gauge'],
      ['a_bucket', 'untyped'],
      ['b_total', 'untyped'],
    ]);
  });

  it.each([
    ['an unquoted label value', 'a{b=c} 1', 'line 1: the value of label b is not quoted'],
    ['an unclosed label value', 'a{b="c} 1', 'line 1: the value of label b is not closed'],
    ['a value that is not a number', '# TYPE a gauge\na one', 'line 2: sample a has the value "one", which is not a number'],
    ['a sample without a value', 'a{b="c"}', 'line 1: sample a has no value'],
    ['a label twice', 'a{b="1",b="2"} 1', 'line 1: label b appears twice'],
    ['a second TYPE line', '# TYPE a gauge\n# TYPE a counter', 'line 2: second TYPE line for a'],
    ['a TYPE line after the samples', 'a 1\n# TYPE a gauge', 'line 2: TYPE line for a after its samples'],
    ['an unknown type', '# TYPE a meter', 'line 1: unknown type "meter" for a'],
    ['an OpenMetrics type in 0.0.4', '# TYPE a info', 'line 1: unknown type "info" for a'],
    ['text after the sample', 'a 1 2 3', 'line 1: unexpected text after the sample a'],
    ['an OpenMetrics counter sample without _total', '# TYPE a counter\na 1\n# EOF', 'line 2: sample a does not fit its family\'s TYPE counter'],
    ['text after # EOF', 'a 1\n# EOF\n\nb 1', 'line 4: text after # EOF'],
  ])('rejects %s, naming the line', (_case, text, message) => {
    expect(() => parseExposition(text)).toThrow(message);
  });

  it('rejects OpenMetrics cut short before # EOF when the server said it was OpenMetrics', () => {
    expect(() => parseExposition('# TYPE a gauge\na 1\n', 'openmetrics')).toThrow('ends with "# EOF"; this one is cut short');
  });
});

/** Findings as `metric kind` pairs, for exact comparisons. */
const pairs = (findings: readonly { metric: string; kind: string }[]) => findings.map((f) => `${f.metric} ${f.kind}`);

describe('conformance of CdB registries', () => {
  it.each(APPLICATION_SERVICES)('%s, created from the catalog with every label combination written, conforms', async (job) => {
    const exposition = parseExposition(await populatedRegistry(job).registry.metrics());
    expect(compareExposition(catalog, job, exposition).findings).toEqual([]);
  });

  it.each(['cdb_core', 'cdb_execution'])('%s conforms in OpenMetrics as well', async (job) => {
    const exposition = parseExposition(await populatedRegistry(job, 'openmetrics').registry.metrics());
    expect(exposition.format).toBe('openmetrics');
    expect(compareExposition(catalog, job, exposition).findings).toEqual([]);
  });

  it('a cdb_execution registry broken seven ways fails with exactly those findings, the mode twice', async () => {
    const { findings } = compareExposition(catalog, 'cdb_execution', parseExposition(await brokenExecutionRegistry().metrics()));
    expect(pairs(findings).sort()).toEqual(
      [
        'cdb_debug_queue_depth undeclared-metric',
        'cdb_execution_mode label-value',
        'cdb_execution_mode implausible-value',
        'cdb_order_slippage_ratio buckets',
        'cdb_orders_failed_total missing-label',
        'cdb_orders_filled_total wrong-type',
        'cdb_pnl extra-label',
        'cdb_positions_open missing-metric',
      ].sort(),
    );
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
    const byMetric = Object.fromEntries(findings.map((f) => [`${f.metric}${f.kind === 'implausible-value' ? ' value' : ''}`, `${f.message} | ${f.expected}`]));
    expect(byMetric).toEqual({
      cdb_orders_filled_total: 'exposed as gauge | counter',
      cdb_orders_failed_total: 'label "reason" is missing on 1 series (e.g. cdb_orders_failed_total{}) | labels reason',
      cdb_order_slippage_ratio: 'bucket bounds are 0.001, 0.01, 0.1, +Inf, on 1 series | buckets 0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, +Inf',
      cdb_positions_open: 'not exposed | a gauge with no labels of its own',
      cdb_pnl: 'label "venue" is not declared, on 1 series (e.g. cdb_pnl{kind="realized",venue="paper"}) | labels kind',
      cdb_execution_mode: 'label "mode" takes the value "shadow" outside its closed set, on 1 series | mode one of paper, live',
      'cdb_execution_mode value':
        'the active mode "shadow" is outside its closed set (e.g. cdb_execution_mode{mode="shadow"}): the rules cannot confirm the mode | exactly one of mode=paper|live at 1, the others at 0',
      cdb_debug_queue_depth:
        "exposed as gauge with 1 series, but the catalog does not declare it | only the catalog's metrics for cdb_execution: declare it there, or stop exposing it",
    });
  });

  it('lists the findings in catalog order, the undeclared metric last, in the text report and the JSON', async () => {
    const result = compareExposition(catalog, 'cdb_execution', parseExposition(await brokenExecutionRegistry().metrics()));
    expect(result.findings.at(-1)!.metric).toBe('cdb_debug_queue_depth');
    const text = renderText(result, { source: 'broken.prom' });
    expect(text).toContain('\ncdb_orders_filled_total\n  error   wrong-type:        exposed as gauge; expected: counter\n');
    expect(text.trimEnd().split('\n').at(-1)).toBe('FAILED: 8 errors, 0 warnings in 7 metrics.');
    const json = JSON.parse(renderJson(result, { source: 'broken.prom' }));
    expect(json).toMatchObject({ job: 'cdb_execution', ok: false, errors: 8, warnings: 0 });
    expect(json.findings).toHaveLength(8);
  });

  it('a freshly started service whose labelled metrics have no series yet passes, with a warning per metric', async () => {
    const { registry } = createServiceRegistry(catalog, 'cdb_execution');
    const result = compareExposition(catalog, 'cdb_execution', parseExposition(await registry.metrics()));
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings.every((f) => f.kind === 'no-series' && f.severity === 'warning')).toBe(true);
    expect(renderText(result, { source: 'fresh' })).toContain('OK: cdb_execution conforms to the catalog (0 errors,');
    expect(renderText(result, { source: 'fresh', failOn: 'warning' })).toContain('FAILED: 0 errors,');
  });
});

/** A small catalog of an imaginary job `app`, to show each rule on its own. */
const tiny = defineCatalog([
  metric({ name: 'app_requests_total', type: 'counter', help: 'Requests.', unit: 'count', labels: ['route', 'code'], labelValues: { code: ['2xx', '5xx'] }, exposedBy: ['app'] }),
  metric({ name: 'app_latency_seconds', type: 'histogram', help: 'Latency.', unit: 'seconds', labels: ['route'], buckets: [0.1, 1], exposedBy: ['app'] }),
  metric({ name: 'app_build_info', type: 'info', help: 'Build.', unit: 'info', labels: ['version'], exposedBy: ['app'] }),
  metric({ name: 'app_queue_size', type: 'gauge', help: 'Queue.', unit: 'count', labels: [], exposedBy: ['app'] }),
  metric({ name: 'worker_jobs', type: 'gauge', help: 'Jobs.', unit: 'count', labels: [], exposedBy: ['worker'] }),
  metric({ name: 'up', type: 'gauge', help: 'Written by Prometheus.', unit: 'boolean', labels: [], exposedBy: ['app', 'worker'] }),
]);

/** The four metrics of `app`, in the 0.0.4 format a Python client writes: with separate `_created` gauges. */
const PYTHON_STYLE = `# HELP app_requests_total Requests.
# TYPE app_requests_total counter
app_requests_total{route="/",code="2xx"} 3.0
# HELP app_requests_created Requests.
# TYPE app_requests_created gauge
app_requests_created{route="/",code="2xx"} 1.7e+09
# HELP app_latency_seconds Latency.
# TYPE app_latency_seconds histogram
app_latency_seconds_bucket{route="/",le="0.1"} 1.0
app_latency_seconds_bucket{route="/",le="1.0"} 2.0
app_latency_seconds_bucket{route="/",le="+Inf"} 2.0
app_latency_seconds_count{route="/"} 2.0
app_latency_seconds_sum{route="/"} 0.6
# HELP app_latency_seconds_created Latency.
# TYPE app_latency_seconds_created gauge
app_latency_seconds_created{route="/"} 1.7e+09
# HELP app_build_info Build.
# TYPE app_build_info gauge
app_build_info{version="1.2"} 1.0
# HELP app_queue_size Queue.
# TYPE app_queue_size gauge
app_queue_size 0.0
`;

/** The same in OpenMetrics. */
const OPENMETRICS = `# TYPE app_requests counter
app_requests_total{route="/",code="2xx"} 3.0 # {trace_id="x"} 1.0
app_requests_created{route="/",code="2xx"} 1.7e+09
# TYPE app_latency_seconds histogram
app_latency_seconds_bucket{route="/",le="0.1"} 1.0
app_latency_seconds_bucket{route="/",le="1.0"} 2.0
app_latency_seconds_bucket{route="/",le="+Inf"} 2.0
app_latency_seconds_count{route="/"} 2.0
app_latency_seconds_sum{route="/"} 0.6
app_latency_seconds_created{route="/"} 1.7e+09
# TYPE app_build info
app_build_info{version="1.2"} 1.0
# TYPE app_queue_size gauge
app_queue_size 0.0
# EOF
`;

const check = (text: string, options = {}) => compareExposition(tiny, 'app', parseExposition(text), options).findings;
const findingsOf = (text: string) => check(text).map((f) => `${f.metric} ${f.kind}: ${f.message}`);

describe('conformance rule by rule', () => {
  it('a 0.0.4 exposition with separate _created gauges conforms (they are the series of their counter or histogram)', () => {
    expect(check(PYTHON_STYLE)).toEqual([]);
  });

  it('the same in OpenMetrics conforms: counter family without _total, info family, _created series, exemplars', () => {
    expect(check(OPENMETRICS)).toEqual([]);
  });

  it('a _created series with a label of its own is an extra label of its metric', () => {
    const text = PYTHON_STYLE.replace('app_requests_created{route="/",code="2xx"}', 'app_requests_created{route="/",code="2xx",pod="a"}');
    expect(findingsOf(text)).toEqual(['app_requests_total extra-label: label "pod" is not declared, on 1 series (e.g. app_requests_created{route="/",code="2xx",pod="a"})']);
  });

  it('a target label set by the service is a target-label finding, not an extra label', () => {
    const text = PYTHON_STYLE.replace('app_queue_size 0.0', 'app_queue_size{job="app",instance="me"} 0.0');
    expect(check(text).map((f) => `${f.kind} ${f.expected}`)).toEqual([
      'target-label no job label: job, instance, service come from the scrape configuration',
      'target-label no instance label: job, instance, service come from the scrape configuration',
    ]);
  });

  it('le is allowed on _bucket series only, and required there', () => {
    const text = PYTHON_STYLE.replace('app_latency_seconds_count{route="/"}', 'app_latency_seconds_count{route="/",le="1"}').replace(
      'app_latency_seconds_bucket{route="/",le="1.0"} 2.0\n',
      'app_latency_seconds_bucket{route="/"} 2.0\n',
    );
    expect(findingsOf(text)).toEqual([
      'app_latency_seconds missing-label: label "le" is missing on 1 series (e.g. app_latency_seconds_bucket{route="/"})',
      'app_latency_seconds extra-label: label "le" is not declared, on 1 series (e.g. app_latency_seconds_count{route="/",le="1"})',
      'app_latency_seconds buckets: bucket bounds are 0.1, +Inf, on 1 series',
    ]);
  });

  it('an empty label value counts as missing, since Prometheus stores it as absent', () => {
    const text = PYTHON_STYLE.replace('app_build_info{version="1.2"}', 'app_build_info{version=""}');
    expect(findingsOf(text)).toEqual(['app_build_info missing-label: label "version" is missing (empty, which Prometheus stores as absent) on 1 series (e.g. app_build_info{version=""})']);
  });

  it('samples without a TYPE line are untyped, which is the wrong type', () => {
    const text = PYTHON_STYLE.replace('# HELP app_queue_size Queue.\n# TYPE app_queue_size gauge\n', '');
    expect(findingsOf(text)).toEqual(['app_queue_size wrong-type: exposed without a TYPE line (untyped)']);
  });

  it('a histogram without its TYPE line is untyped: its HELP line and each of its series families', () => {
    const text = PYTHON_STYLE.replace('# TYPE app_latency_seconds histogram\n', '');
    expect(findingsOf(text)).toEqual([
      'app_latency_seconds wrong-type: exposed without a TYPE line (untyped)',
      'app_latency_seconds wrong-type: exposed without a TYPE line (untyped) (family app_latency_seconds_bucket)',
      'app_latency_seconds wrong-type: exposed without a TYPE line (untyped) (family app_latency_seconds_count)',
      'app_latency_seconds wrong-type: exposed without a TYPE line (untyped) (family app_latency_seconds_sum)',
    ]);
  });

  it('exposing up, which Prometheus writes itself, is an error; its absence is not', () => {
    expect(findingsOf(`${PYTHON_STYLE}# TYPE up gauge\nup 1\n`)).toEqual([
      'up scrape-series: exposed by the target, but Prometheus writes this series itself for every target and the two collide',
    ]);
  });

  it("a metric of another job is undeclared here, naming the job that declares it; --allow-undeclared makes it a warning", () => {
    const text = `${PYTHON_STYLE}# TYPE worker_jobs gauge\nworker_jobs 1\n`;
    expect(findingsOf(text)).toEqual(['worker_jobs undeclared-metric: exposed as gauge with 1 series, but the catalog declares it only for worker']);
    expect(check(text, { undeclared: 'warning' }).map((f) => f.severity)).toEqual(['warning']);
  });

  it('the same series twice is one finding', () => {
    const text = PYTHON_STYLE.replace('app_queue_size 0.0\n', 'app_queue_size 0.0\napp_queue_size 1.0\napp_queue_size 2.0\n');
    expect(findingsOf(text)).toEqual(['app_queue_size duplicate-series: series app_queue_size{} appears 3 times']);
  });

  it('several series outside a closed set are one finding listing the values', () => {
    const text = PYTHON_STYLE.replace(
      'app_requests_total{route="/",code="2xx"} 3.0\n',
      'app_requests_total{route="/",code="2xx"} 3.0\napp_requests_total{route="/",code="404"} 1.0\napp_requests_total{route="/a",code="404"} 1.0\napp_requests_total{route="/",code="200"} 1.0\n',
    );
    expect(findingsOf(text)).toEqual(['app_requests_total label-value: label "code" takes values "404", "200" outside its closed set, on 3 series']);
  });

  it('a histogram with series but no _bucket series has no buckets', () => {
    const text = PYTHON_STYLE.replace(/^app_latency_seconds_bucket.*\n/gm, '');
    expect(findingsOf(text)).toEqual(['app_latency_seconds buckets: no app_latency_seconds_bucket series, only app_latency_seconds_count, app_latency_seconds_sum']);
  });

  it('a histogram with bucket bounds written differently ("1.0", "1e0", "1") has the same buckets', () => {
    expect(check(PYTHON_STYLE.replace('le="1.0"', 'le="1e0"'))).toEqual([]);
  });
});

/** A job `bot` whose values the rules read: a timestamp, a ratio, a one-hot mode, a count and a boolean. */
const readable = defineCatalog([
  metric({ name: 'bot_last_trade_timestamp_seconds', type: 'gauge', help: 'Last trade.', unit: 'timestamp_seconds', labels: [], exposedBy: ['bot'] }),
  metric({ name: 'bot_drawdown_ratio', type: 'gauge', help: 'Drawdown.', unit: 'ratio', labels: [], exposedBy: ['bot'] }),
  metric({ name: 'bot_mode', type: 'gauge', help: 'Mode.', unit: 'boolean', labels: ['mode'], labelValues: { mode: ['paper', 'live'] }, oneHot: 'mode', exposedBy: ['bot'] }),
  metric({ name: 'bot_trades_total', type: 'counter', help: 'Trades.', unit: 'count', labels: [], exposedBy: ['bot'] }),
  metric({ name: 'bot_breaker_open', type: 'gauge', help: 'Breaker.', unit: 'boolean', labels: [], exposedBy: ['bot'] }),
]);
/** The scrape's time in the tests: 2026-12-01T00:00:00Z. */
const NOW = 1_796_083_200;
const bot = (values: { ts?: string; ratio?: string; paper?: string; live?: string | null; trades?: string; breaker?: string } = {}) =>
  [
    '# TYPE bot_last_trade_timestamp_seconds gauge',
    `bot_last_trade_timestamp_seconds ${values.ts ?? String(NOW - 60)}`,
    '# TYPE bot_drawdown_ratio gauge',
    `bot_drawdown_ratio ${values.ratio ?? '0.05'}`,
    '# TYPE bot_mode gauge',
    `bot_mode{mode="paper"} ${values.paper ?? '1'}`,
    ...(values.live === null ? [] : [`bot_mode{mode="live"} ${values.live ?? '0'}`]),
    '# TYPE bot_trades_total counter',
    `bot_trades_total ${values.trades ?? '12'}`,
    '# TYPE bot_breaker_open gauge',
    `bot_breaker_open ${values.breaker ?? '0'}`,
    '',
  ].join('\n');
const valueFindings = (text: string) => compareExposition(readable, 'bot', parseExposition(text), { now: NOW }).findings.map((f) => `${f.metric} ${f.kind}: ${f.message}`);

describe('conformance of values the rules read', () => {
  it('values as the rules expect them conform: a recent timestamp in seconds, a ratio, paper at 1 and live at 0', () => {
    expect(valueFindings(bot())).toEqual([]);
    // Clock skew within the tolerance is not the future.
    expect(valueFindings(bot({ ts: String(NOW + FUTURE_TOLERANCE_SECONDS) }))).toEqual([]);
  });

  it('live at 1 and paper at 0 conforms: a valid state of the contract, which the live-trading alert judges', () => {
    expect(valueFindings(bot({ paper: '0', live: '1' }))).toEqual([]);
  });

  it('a timestamp in milliseconds is implausible: its age would be negative for ever', () => {
    expect(valueFindings(bot({ ts: String((NOW - 60) * 1000) }))).toEqual([
      `bot_last_trade_timestamp_seconds implausible-value: a timestamp in milliseconds (${(NOW - 60) * 1000}) on 1 series (e.g. bot_last_trade_timestamp_seconds{}): the age computed from it is negative and never grows`,
    ]);
  });

  it('a timestamp past the tolerance is in the future', () => {
    const ahead = NOW + FUTURE_TOLERANCE_SECONDS + 1;
    expect(valueFindings(bot({ ts: String(ahead) }))).toEqual([
      `bot_last_trade_timestamp_seconds implausible-value: a timestamp in the future (${ahead}, the scrape was at ${NOW}) on 1 series (e.g. bot_last_trade_timestamp_seconds{}): ages computed from it stay negative`,
    ]);
  });

  it.each([
    ['a percentage', '5', ': a percentage?'],
    ['a negative ratio', '-0.1', ''],
  ])('a ratio outside [0, 1] is implausible: %s', (_case, value, suffix) => {
    expect(valueFindings(bot({ ratio: value }))).toEqual([`bot_drawdown_ratio implausible-value: a ratio outside [0, 1] (${value}) on 1 series (e.g. bot_drawdown_ratio{})${suffix}`]);
  });

  it('a ratio of exactly 0 or 1 conforms', () => {
    expect(valueFindings(bot({ ratio: '1' }))).toEqual([]);
    expect(valueFindings(bot({ ratio: '0' }))).toEqual([]);
  });

  it.each([
    ['both modes at 1', { live: '1' }, '2 values at 1 (paper, live) (e.g. bot_mode{mode="paper"})'],
    ['no mode at 1', { paper: '0' }, 'no mode at 1 (e.g. bot_mode{mode="paper"})'],
    ['the live series missing', { live: null }, 'no series for mode="live" (e.g. bot_mode{mode="paper"})'],
  ])('a one-hot mode gauge with %s is implausible', (_case, values, problem) => {
    expect(valueFindings(bot(values))).toEqual([
      `bot_mode implausible-value: ${problem}: the rules cannot confirm the mode`,
    ]);
  });

  it('a boolean other than 0 or 1 and a negative counter are implausible', () => {
    expect(valueFindings(bot({ breaker: '2', trades: '-1' }))).toEqual([
      'bot_trades_total implausible-value: a negative counter (-1) on 1 series (e.g. bot_trades_total{})',
      'bot_breaker_open implausible-value: a boolean other than 0 or 1 (2) on 1 series (e.g. bot_breaker_open{})',
    ]);
  });
});
