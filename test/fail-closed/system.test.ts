/**
 * Independent replays of the system cases of the issue "Fail closed: every safety alert fires when its evidence
 * disappears", against the committed generated rules (generated/prometheus/rules/*.yml) under the real promtool.
 * The input series are written from the cases as an operator sees them (scrape every 15 seconds, a failed scrape
 * marks the target's series stale), not taken from the project's scenarios; each case states the minute its alert
 * fires at the default settings, and that it is quiet one evaluation before.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { findTool, PROMTOOL } from '../../engine/external/tool-runner';
import { ROOT_DIR } from '../../project';

const promtool = findTool(PROMTOOL);
const scratch = mkdtempSync(join(tmpdir(), 'cdb-fail-closed-system-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const RULES_DIR = join(ROOT_DIR, 'generated', 'prometheus', 'rules');
const ruleFiles = readdirSync(RULES_DIR)
  .filter((f) => f.endsWith('.yml'))
  .map((f) => join(RULES_DIR, f));

interface Input {
  readonly series: string;
  readonly values: string;
}

/** How many firing alerts of `alertname` (with the extra label matchers) a minute shows: 0 is quiet. */
interface Expectation {
  readonly minute: number;
  readonly alertname: string;
  readonly matchers?: string;
  readonly firing: number;
}

/** Runs one promtool test of `input` sampled every `interval`, expecting each count of firing alerts. */
function replay(name: string, interval: string, input: readonly Input[], expectations: readonly Expectation[]) {
  if (!promtool.available) throw new Error(`these tests need promtool: ${promtool.reason}`);
  const file = join(scratch, `${name.replace(/[^a-z0-9]+/gi, '-')}.test.yml`);
  const test = {
    rule_files: ruleFiles,
    evaluation_interval: '1m',
    tests: [
      {
        name,
        interval,
        input_series: input,
        promql_expr_test: expectations.map((e) => ({
          expr: `count(ALERTS{alertname="${e.alertname}", alertstate="firing"${e.matchers ? `, ${e.matchers}` : ''}})`,
          eval_time: `${e.minute}m`,
          exp_samples: e.firing === 0 ? [] : [{ labels: '{}', value: e.firing }],
        })),
      },
    ],
  };
  writeFileSync(file, stringify(test));
  const result = promtool.run(['test', 'rules', file], scratch);
  expect(result.output).toContain('SUCCESS');
  expect(result.ok, result.output).toBe(true);
}

/** A value held for `samples` samples, in promtool's notation. */
const held = (value: number | string, samples: number) => (samples === 1 ? `${value}` : `${value}x${samples - 1}`);

describe('system cases of the fail-closed issue, replayed under promtool', () => {
  it('item 4: a disk whose free bytes fall to 0 and stay flat pages at minute 13 (CdbDiskNearlyFull), and still at 4 hours', () => {
    const fs = 'job="node_exporter", instance="cdb_node_exporter:9100", service="host", device="/dev/sda1", fstype="ext4", mountpoint="/"';
    const GiB = 2 ** 30;
    // 100 GiB disk; 12.5 GiB free at minute 0, 1 GiB less every minute: 5.5 GiB (5.5 %) at minute 7, 4.5 GiB at
    // minute 8 (at or below 5 % from then on), 0.5 GiB at minute 12, then 0 bytes and flat for four hours.
    const avail = `${12.5 * GiB}-${GiB}x12 ${held(0, 228)}`;
    replay('item 4 disk full and flat', '1m', [
      { series: `node_filesystem_avail_bytes{${fs}}`, values: avail },
      { series: `node_filesystem_size_bytes{${fs}}`, values: held(100 * GiB, 241) },
      { series: `node_filesystem_readonly{${fs}}`, values: held(0, 241) },
      { series: 'up{job="node_exporter", instance="cdb_node_exporter:9100", service="host"}', values: held(1, 241) },
    ], [
      // At or below 5 % from minute 8, then the 5-minute for.
      { minute: 12, alertname: 'CdbDiskNearlyFull', firing: 0 },
      { minute: 13, alertname: 'CdbDiskNearlyFull', matchers: 'severity="critical", mountpoint="/"', firing: 1 },
      { minute: 240, alertname: 'CdbDiskNearlyFull', matchers: 'severity="critical", mountpoint="/"', firing: 1 },
    ]);
  });

  it('item 5: targets down 30 s in every 2 minutes page at minute 6 (CdbTargetFlapping, critical), and still at 2 and 3 hours', () => {
    // Scraped every 15 s: six successful scrapes, then two failed ones (30 s), every 2 minutes, for 3 hours.
    const cycles = 90;
    const flapping = Array.from({ length: cycles }, () => `${held(1, 6)} ${held(0, 2)}`).join(' ');
    const steady = held(1, cycles * 8);
    const targets = [
      'job="cdb_ws", instance="cdb_ws:8001", service="cdb_ws"',
      'job="cdb_core", instance="cdb_core:8002", service="cdb_core"',
      'job="cdb_db_writer", instance="cdb_db_writer:8005", service="cdb_db_writer"',
      'job="cdb_paper_runner", instance="cdb_paper_runner:8006", service="cdb_paper_runner"',
    ];
    const wsProbe = 'job="blackbox_http", instance="http://cdb_ws:8001/health", service="cdb_ws"';
    // Changes of up at 1:30, 2:00, 3:30, 4:00, 5:30 and 6:00: the sixth within 10 minutes is seen at minute 6.
    replay('item 5 flapping targets', '15s', [
      ...targets.map((t) => ({ series: `up{${t}}`, values: flapping })),
      // The cdb_ws health endpoint failing the same way while its probe is scraped fine.
      { series: `up{${wsProbe}}`, values: steady },
      { series: `probe_success{${wsProbe}}`, values: flapping },
    ], [
      { minute: 5, alertname: 'CdbTargetFlapping', firing: 0 },
      { minute: 6, alertname: 'CdbTargetFlapping', matchers: 'severity="critical"', firing: 5 },
      { minute: 6, alertname: 'CdbTargetFlapping', matchers: 'severity="critical", job="blackbox_http", service="cdb_ws"', firing: 1 },
      { minute: 120, alertname: 'CdbTargetFlapping', matchers: 'severity="critical"', firing: 5 },
      { minute: 180, alertname: 'CdbTargetFlapping', matchers: 'severity="critical"', firing: 5 },
      // No outage lasts the 2-minute for of these: the flapping alert is what tells.
      { minute: 180, alertname: 'CdbTargetDown', firing: 0 },
      { minute: 180, alertname: 'CdbHealthEndpointFailing', firing: 0 },
    ]);
  });

  it('item 7: a health probe that cannot be scraped pages at minute 3 (CdbHealthUnknown), while the other probes work', () => {
    const probe = (service: string, port: number) => `job="blackbox_http", instance="http://${service}:${port}/health", service="${service}"`;
    // The cdb_ws probe's scrape fails from minute 1: Prometheus marks its probe_success stale at once.
    replay('item 7 probe not scraped', '1m', [
      { series: `up{${probe('cdb_ws', 8001)}}`, values: `1 ${held(0, 30)}` },
      { series: `probe_success{${probe('cdb_ws', 8001)}}`, values: '1 stale' },
      { series: `up{${probe('cdb_core', 8002)}}`, values: held(1, 31) },
      { series: `probe_success{${probe('cdb_core', 8002)}}`, values: held(1, 31) },
    ], [
      // Down from minute 1, then the 2-minute for.
      { minute: 2, alertname: 'CdbHealthUnknown', firing: 0 },
      { minute: 3, alertname: 'CdbHealthUnknown', matchers: 'severity="critical", service="cdb_ws"', firing: 1 },
      { minute: 30, alertname: 'CdbHealthUnknown', matchers: 'service="cdb_ws"', firing: 1 },
    ]);
  });

  it('item 7: a health probe scraped without a probe_success pages at minute 3 (CdbHealthUnknown)', () => {
    const ws = 'job="blackbox_http", instance="http://cdb_ws:8001/health", service="cdb_ws"';
    replay('item 7 probe without result', '1m', [
      { series: `up{${ws}}`, values: held(1, 31) },
      // Reported at minute 0, then no more though the scrape succeeds.
      { series: `probe_success{${ws}}`, values: '1 stale' },
    ], [
      { minute: 2, alertname: 'CdbHealthUnknown', firing: 0 },
      { minute: 3, alertname: 'CdbHealthUnknown', matchers: 'severity="critical", service="cdb_ws"', firing: 1 },
    ]);
  });

  it('pg_up missing while postgres_exporter is scraped pages at minute 6 (CdbExporterMetricsMissing), where CdbPostgresDown cannot fire', () => {
    const exporter = 'job="postgres_exporter", instance="cdb_postgres_exporter:9187", service="cdb_postgres"';
    replay('pg_up missing', '1m', [
      { series: `up{${exporter}}`, values: held(1, 61) },
      // The exporter answers, but stops exposing pg_up after minute 0.
      { series: `pg_up{${exporter}}`, values: '1 stale' },
    ], [
      // Absent from minute 1, then the 5-minute for.
      { minute: 5, alertname: 'CdbExporterMetricsMissing', firing: 0 },
      { minute: 6, alertname: 'CdbExporterMetricsMissing', matchers: 'severity="critical", metric="pg_up", service="cdb_postgres"', firing: 1 },
      { minute: 60, alertname: 'CdbExporterMetricsMissing', matchers: 'metric="pg_up"', firing: 1 },
      { minute: 60, alertname: 'CdbPostgresDown', firing: 0 },
    ]);
  });
});
