/**
 * The backfill's pieces on real promtool: the OpenMetrics files it writes become one TSDB block per aligned
 * two-hour window, and the recording rules are ordered so that each is backfilled after the rules it reads.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../project';
import * as cdb from '../catalog/cdb';
import { findOnPath } from '../engine/external/find-tool';
import { ruleLevels } from '../bench/query-cost/backfill';
import { readRuleGroups } from '../bench/query-cost/generated-rules';
import { writeOpenMetricsWindows } from '../bench/query-cost/openmetrics-writer';
import { SeriesStore } from '../bench/query-cost/series-store';

const scratch = mkdtempSync(join(tmpdir(), 'cdb-backfill-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('OpenMetrics backfill files', () => {
  it('split at two-hour boundaries, keep families together and load into one block per window', async () => {
    const step = 60;
    const start = 1_800_000_000 - (1_800_000_000 % 7200) + 3600; // half-way into a two-hour block
    const timestamps = Array.from({ length: 4 * 60 }, (_, i) => start + i * step); // four hours: three blocks
    const store = new SeriesStore(timestamps.length, (job) => ({ job, instance: `${job}:8000` }));
    const sink = store.service('cdb_core');
    timestamps.forEach((t, i) => {
      sink.inc(cdb.signalsGenerated, { strategy: 'momentum', side: 'buy' }, 2);
      sink.observe(cdb.signalProcessingDuration, { strategy: 'momentum' }, 0.004);
      sink.set(cdb.lastSignalTimestamp, { strategy: 'momentum' }, t);
      store.snapshot(i);
    });
    const files = await writeOpenMetricsWindows(store.series.values(), timestamps, 7200, scratch);
    expect(files).toHaveLength(3);
    const first = readFileSync(files[0]!, 'utf8');
    expect(first).toContain('# TYPE cdb_signals_generated counter\ncdb_signals_generated_total{strategy="momentum",side="buy",job="cdb_core",instance="cdb_core:8000"} 2 ');
    expect(first.match(/^# TYPE cdb_signal_processing_duration_seconds histogram$/gm)).toHaveLength(1);
    expect(first.endsWith('# EOF\n')).toBe(true);

    const promtool = findOnPath('promtool');
    if (!promtool) throw new Error('this test needs promtool: apt-get install prometheus');
    const blocks = join(scratch, 'blocks');
    for (const file of files) execFileSync(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', file, blocks]);
    expect(readdirSync(blocks).filter((b) => /^[0-9A-Z]{26}$/.test(b))).toHaveLength(3);
  });
});

describe('recording rule levels', () => {
  const levelled = ruleLevels(readRuleGroups(join(ROOT_DIR, 'generated', 'prometheus', 'rules'), '30s'));
  const levelOf = (record: string) => Math.max(...levelled.filter((r) => r.rule.record === record).map((r) => r.level));

  it('puts each rule after every rule whose series it reads', () => {
    expect(levelOf('strategy:cdb_signals_generated:rate5m')).toBe(0);
    expect(levelOf('strategy:cdb_signal_errors:ratio_rate5m')).toBe(1);
    expect(levelOf('slo:period_burn_rate:ratio')).toBeGreaterThan(levelOf('slo:sli_error:ratio_rate30d'));
    expect(levelOf('slo:sli_error:ratio_rate30d')).toBeGreaterThan(levelOf('slo:sli_error:ratio_rate5m'));
    expect(levelled.length).toBeGreaterThan(130);
  });
});
