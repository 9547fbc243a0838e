/**
 * Replays of issue 12's items 6 and 9 with the real promtool against the generated rule files, written from the
 * issue's words, not from the project's scenarios:
 * - item 6: the `orders` table fails 100 % (one write every 10 minutes) while `market_snapshots` writes 600 rows a
 *   minute: CdbTradeRowsLost now pages;
 * - item 9: a service whose request counters exist but stop increasing: CdbSloTrafficStopped now pages for the SLOs
 *   whose traffic never stops, and opens a ticket (no page) for the sparse one; an error counter that vanishes while
 *   the total still counts pages through CdbSloSliMissing.
 * Each states the minute its alert fires (under the default settings) and checks the evaluation before it. The
 * assertions read Prometheus' own `ALERTS` series, so they do not depend on the alerts' texts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { findTool, PROMTOOL } from '../../engine/external/tool-runner';

const promtool = findTool(PROMTOOL);
const scratch = mkdtempSync(join(tmpdir(), 'cdb-fail-closed-dbslo-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const rules = (file: string) => fileURLToPath(new URL(`../../generated/prometheus/rules/${file}`, import.meta.url));

const WRITER = 'job="cdb_db_writer", instance="cdb_db_writer:8005", service="cdb_db_writer"';
const EXECUTION = 'job="cdb_execution", instance="cdb_execution:8004", service="cdb_execution"';
const CORE = 'job="cdb_core", instance="cdb_core:8002", service="cdb_core"';

/** A counter sampled once a minute for `minutes` minutes that gains `gain(minute)` at each minute (from 0). */
function counter(minutes: number, gain: (minute: number) => number): string {
  const values: number[] = [];
  for (let m = 0, v = 0; m <= minutes; m++) values.push((v += m === 0 ? 0 : gain(m)));
  return values.join(' ');
}

/** A series present for minutes 0…`until` and missing afterwards, up to `minutes`. */
function until(values: string, last: number, minutes: number): string {
  return `${values.split(' ').slice(0, last + 1).join(' ')} _x${minutes - last}`;
}

/** `count(ALERTS{…})` of `alert` in `state` with `labels` at `minute`: one series, or none. */
function alertAt(alert: string, state: 'firing' | 'pending', labels: string, minute: number, present: boolean) {
  return {
    expr: `count(ALERTS{alertname="${alert}", alertstate="${state}"${labels ? `, ${labels}` : ''}})`,
    eval_time: `${minute}m`,
    exp_samples: present ? [{ labels: '{}', value: 1 }] : [],
  };
}

type Test = { name: string; input_series: Array<{ series: string; values: string }>; promql_expr_test: Array<ReturnType<typeof alertAt>> };

/** Writes a promtool test file loading `ruleFile` and runs it. */
async function replay(name: string, ruleFile: string, tests: Test[]) {
  if (!promtool.available) throw new Error(`these tests need promtool: ${promtool.reason}`);
  const file = join(scratch, `${name}.test.yml`);
  writeFileSync(file, stringify({ rule_files: [rules(ruleFile)], evaluation_interval: '1m', tests: tests.map((t) => ({ interval: '1m', ...t })) }));
  const result = await promtool.runAsync(['test', 'rules', file], scratch);
  expect(result.ok, result.output).toBe(true);
  expect(result.output).toContain('SUCCESS');
}

describe('item 6: trade rows lost while busy tables write fine', () => {
  const DAY = 24 * 60;
  /** Every table's counters for a day: market_snapshots 600 rows a minute, orders as given, the rest idle at 0. */
  const tables = (ordersSuccess: (m: number) => number, ordersError: (m: number) => number) => [
    { series: `up{${WRITER}}`, values: `1x${DAY}` },
    { series: `cdb_db_writes_total{${WRITER}, table="market_snapshots", status="success"}`, values: counter(DAY, () => 600) },
    { series: `cdb_db_writes_total{${WRITER}, table="market_snapshots", status="error"}`, values: `0x${DAY}` },
    { series: `cdb_db_writes_total{${WRITER}, table="orders", status="success"}`, values: counter(DAY, ordersSuccess) },
    { series: `cdb_db_writes_total{${WRITER}, table="orders", status="error"}`, values: counter(DAY, ordersError) },
    ...['signals', 'risk_decisions', 'fills', 'positions', 'reports'].flatMap((table) =>
      ['success', 'error'].map((status) => ({ series: `cdb_db_writes_total{${WRITER}, table="${table}", status="${status}"}`, values: `0x${DAY}` })),
    ),
    { series: `cdb_db_last_successful_write_timestamp_seconds{${WRITER}, table="market_snapshots"}`, values: `0+60x${DAY}` },
  ];
  const everyTenMinutes = (m: number) => (m % 10 === 0 ? 1 : 0);
  const orders = 'table="orders", severity="critical"';

  it('orders failing from the start, one write every 10 minutes, page at minute 15 and still at 1h, 6h, 12h and 24h', { timeout: 300_000 }, async () => {
    await replay('trade-rows-lost', 'database.yml', [
      {
        name: 'orders fail 100 % (one write every 10 minutes) while market_snapshots writes 600 rows a minute',
        input_series: tables(() => 0, everyTenMinutes),
        promql_expr_test: [
          // The first failed row is counted at minute 10; a retry has `for` (5 minutes) to succeed.
          alertAt('CdbTradeRowsLost', 'pending', orders, 14, true),
          alertAt('CdbTradeRowsLost', 'firing', orders, 14, false),
          ...[15, 60, 6 * 60, 12 * 60, DAY].map((m) => alertAt('CdbTradeRowsLost', 'firing', orders, m, true)),
          // Every trade table's counters are there: no second page about missing counters.
          alertAt('CdbTradeWriteCountersMissing', 'firing', '', DAY, false),
        ],
      },
    ]);
  });

  it('orders written fine for an hour, then failing, page at minute 80', { timeout: 300_000 }, async () => {
    await replay('trade-rows-lost-after-an-hour', 'database.yml', [
      {
        name: 'orders succeed until minute 60, then every write fails',
        input_series: tables(
          (m) => (m <= 60 ? everyTenMinutes(m) : 0),
          (m) => (m > 60 ? everyTenMinutes(m) : 0),
        ),
        // The last success (minute 60) leaves the 15-minute window at minute 75; 5 minutes of `for` later it pages.
        promql_expr_test: [alertAt('CdbTradeRowsLost', 'firing', orders, 79, false), alertAt('CdbTradeRowsLost', 'firing', orders, 80, true)],
      },
    ]);
  });
});

describe('item 9: request counters that exist but stop increasing', () => {
  it('signal evaluations that stop at minute 120 page CdbSloTrafficStopped at minute 150', { timeout: 300_000 }, async () => {
    const minutes = 160;
    const evaluations = counter(minutes, (m) => (m <= 120 ? 300 : 0));
    const bucket = (le: string) => ({ series: `cdb_signal_processing_duration_seconds_bucket{${CORE}, strategy="momentum", le="${le}"}`, values: evaluations });
    await replay('signal-traffic-stopped', 'slo-signal-latency.yml', [
      {
        name: 'cdb_core evaluates 300 events a minute, all fast, until minute 120; then its counters stay flat',
        input_series: [
          { series: `cdb_signal_processing_duration_seconds_count{${CORE}, strategy="momentum"}`, values: evaluations },
          ...['0.001', '0.0025', '0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '+Inf'].map(bucket),
        ],
        // No event in the last 30 minutes (the page-slow tier's short window) from minute 150 on.
        promql_expr_test: [
          alertAt('CdbSloTrafficStopped', 'firing', 'slo_id="signal-latency", severity="critical"', 149, false),
          alertAt('CdbSloTrafficStopped', 'firing', 'slo_id="signal-latency", severity="critical"', 150, true),
        ],
      },
    ]);
  });

  it('a database writer whose counters stop at minute 60 pages CdbSloTrafficStopped at minute 90', { timeout: 300_000 }, async () => {
    const minutes = 100;
    await replay('writer-traffic-stopped', 'slo-database-write-success.yml', [
      {
        name: 'cdb_db_writer writes 600 rows a minute until minute 60, then nothing, its counters still exposed',
        input_series: [
          { series: `cdb_db_writes_total{${WRITER}, table="market_snapshots", status="success"}`, values: counter(minutes, (m) => (m <= 60 ? 600 : 0)) },
          { series: `cdb_db_writes_total{${WRITER}, table="market_snapshots", status="error"}`, values: `0x${minutes}` },
        ],
        promql_expr_test: [
          alertAt('CdbSloTrafficStopped', 'firing', 'slo_id="database-write-success", severity="critical"', 89, false),
          alertAt('CdbSloTrafficStopped', 'firing', 'slo_id="database-write-success", severity="critical"', 90, true),
        ],
      },
    ]);
  });

  it('paper orders, sparse by nature, that stop at minute 60 open a ticket at minute 420 and page nobody', { timeout: 300_000 }, async () => {
    const minutes = 430;
    await replay('orders-traffic-stopped', 'slo-paper-order-execution.yml', [
      {
        name: 'cdb_execution submits an order a minute until minute 60, then none',
        input_series: [
          { series: `cdb_orders_submitted_total{${EXECUTION}, side="buy"}`, values: counter(minutes, (m) => (m <= 60 ? 1 : 0)) },
          ...['rejected', 'timeout', 'insufficient_balance', 'error'].map((reason) => ({ series: `cdb_orders_failed_total{${EXECUTION}, reason="${reason}"}`, values: `0x${minutes}` })),
        ],
        // No order in the last 6 hours (the longest short window of any tier) from minute 420 on: a warning.
        promql_expr_test: [
          alertAt('CdbSloTrafficStopped', 'firing', 'slo_id="paper-order-execution", severity="warning"', 419, false),
          alertAt('CdbSloTrafficStopped', 'firing', 'slo_id="paper-order-execution", severity="warning"', 420, true),
          alertAt('CdbSloTrafficStopped', 'firing', 'severity="critical"', 420, false),
        ],
      },
    ]);
  });

  it('an order-failure counter that vanishes at minute 30 while orders are submitted pages CdbSloSliMissing at minute 51', { timeout: 300_000 }, async () => {
    const minutes = 60;
    await replay('orders-failed-counter-missing', 'slo-paper-order-execution.yml', [
      {
        name: 'cdb_orders_failed_total is exposed until minute 30, then no more; cdb_orders_submitted_total keeps counting',
        input_series: [
          { series: `cdb_orders_submitted_total{${EXECUTION}, side="buy"}`, values: counter(minutes, () => 10) },
          { series: `cdb_orders_failed_total{${EXECUTION}, reason="rejected"}`, values: until(counter(minutes, () => 0), 30, minutes) },
        ],
        // The last sample (minute 30) is seen for 5 more minutes; from minute 36 the counter is absent, 15 minutes of
        // `for` later it pages.
        promql_expr_test: [
          alertAt('CdbSloSliMissing', 'pending', 'slo_id="paper-order-execution", severity="critical"', 50, true),
          alertAt('CdbSloSliMissing', 'firing', 'slo_id="paper-order-execution", severity="critical"', 50, false),
          alertAt('CdbSloSliMissing', 'firing', 'slo_id="paper-order-execution", severity="critical"', 51, true),
        ],
      },
    ]);
  });
});
