/**
 * A 72-hour CdB history in a Prometheus TSDB: the simulated services' traffic (the same model as the live
 * simulator) and the real exporters' series, written as OpenMetrics and turned into blocks by
 * `promtool tsdb create-blocks-from openmetrics`; then the recording rules, backfilled level by level (a rule that
 * reads another rule's series is backfilled after it) the same way.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { scrapeJobs } from '../../config/scrape-jobs';
import { cdbSettings } from '../../config/settings';
import { findOnPath } from '../../engine/external/find-tool';
import { durationSeconds } from '../../engine/promql/duration';
import { parsePromql, selectorName } from '../../engine/promql/syntax';
import { TrafficModel } from '../../simulator/traffic-model';
import type { SeriesTemplate } from './exporter-templates';
import type { GeneratedGroup } from './generated-rules';
import { writeOpenMetricsWindows } from './openmetrics-writer';
import { pool } from './pool';
import { startBenchPrometheus, type BenchPrometheus } from './prometheus-server';
import { SeriesStore } from './series-store';

const run = promisify(execFile);

function promtool(): string {
  const path = findOnPath('promtool');
  if (!path) throw new Error('promtool is not installed: apt-get install -y prometheus');
  return path;
}

/** The target labels Prometheus gives a job's series, from the CdB scrape config. */
function targetLabels(job: string): Record<string, string> {
  const config = scrapeJobs(cdbSettings()).find((j) => j.job === job);
  const group = config?.targetGroups[0];
  if (!group) throw new Error(`no scrape job ${job}`);
  return { job, instance: group.targets[0]!, service: group.labels.service ?? job };
}

/** Moves every block directory of `from` into `to`. */
function moveBlocks(from: string, to: string): number {
  const blocks = readdirSync(from).filter((name) => /^[0-9A-Z]{26}$/.test(name));
  for (const block of blocks) renameSync(join(from, block), join(to, block));
  return blocks.length;
}

export interface RawBackfill {
  readonly series: number;
  readonly samples: number;
  readonly blocks: number;
  /** Stepping the model and replaying the exporters. */
  readonly generateSeconds: number;
  /** Writing OpenMetrics and promtool making blocks of it. */
  readonly writeSeconds: number;
}

/** Writes `store` as OpenMetrics files under `omDir` and has promtool make blocks of each in `blocksDir`. */
async function toBlocks(store: SeriesStore, timestamps: readonly number[], omDir: string, blocksDir: string): Promise<void> {
  let chain: Promise<unknown> = Promise.resolve();
  const convert = (file: string) => {
    chain = chain.then(async () => {
      await run(promtool(), ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', file, blocksDir], { maxBuffer: 16 << 20 });
      rmSync(file);
    });
  };
  await writeOpenMetricsWindows(store.series.values(), timestamps, 7200, omDir, convert);
  await chain;
}

/** Writes `hours` of history ending at `end` (Unix seconds), one sample per `stepSeconds`, into `dataDir`. */
export async function backfillRaw(options: {
  dataDir: string;
  workDir: string;
  end: number;
  hours: number;
  stepSeconds: number;
  templates: readonly SeriesTemplate[];
}): Promise<RawBackfill> {
  const t0 = Date.now();
  const steps = Math.floor((options.hours * 3600) / options.stepSeconds);
  const start = options.end - (steps - 1) * options.stepSeconds;
  const timestamps = Array.from({ length: steps }, (_, i) => start + i * options.stepSeconds);
  const store = new SeriesStore(steps, (job) => targetLabels(job));
  const model = new TrafficModel(72);
  model.start(store, start, 0);
  for (let i = 0; i < steps; i++) {
    if (i > 0) model.step(store, timestamps[i]!, options.stepSeconds);
    store.snapshot(i);
  }
  for (const t of options.templates) {
    const values = store.seriesFor(t.family, t.type, t.name, t.labels).values;
    for (let i = 0; i < steps; i++) values[i] = t.value + t.rate * (timestamps[i]! - start);
  }
  let samples = 0;
  for (const s of store.series.values()) for (const v of s.values) if (!Number.isNaN(v)) samples++;
  const omDir = join(options.workDir, 'openmetrics');
  mkdirSync(omDir, { recursive: true });
  const generateSeconds = (Date.now() - t0) / 1000;

  // promtool turns each file into a block while the next one is written.
  const t1 = Date.now();
  const blocksDir = join(options.workDir, 'raw-blocks');
  mkdirSync(blocksDir, { recursive: true });
  await toBlocks(store, timestamps, omDir, blocksDir);
  mkdirSync(options.dataDir, { recursive: true });
  const blocks = moveBlocks(blocksDir, options.dataDir);
  return { series: store.series.size, samples, blocks, generateSeconds, writeSeconds: (Date.now() - t1) / 1000 };
}

/** The record names an expression reads. */
function recordsRead(expr: string, records: ReadonlySet<string>): string[] {
  const found: string[] = [];
  parsePromql(expr).tree.iterate({
    enter: (n) => {
      if (n.name !== 'VectorSelector') return;
      const name = selectorName(expr, n.node);
      if (name !== undefined && records.has(name)) found.push(name);
      return false;
    },
  });
  return found;
}

/**
 * Levels of the recording rules: 0 for a rule that reads only raw series, otherwise one more than the highest
 * level of the rules whose series it reads.
 */
export function ruleLevels(groups: readonly GeneratedGroup[]): { group: GeneratedGroup; rule: GeneratedGroup['recording'][number]; level: number }[] {
  const rules = groups.flatMap((group) => group.recording.map((rule) => ({ group, rule })));
  const records = new Set(rules.map((r) => r.rule.record));
  const levelOfRecord = new Map<string, number>();
  const deps = rules.map((r) => recordsRead(r.rule.expr, records));
  const level = rules.map(() => 0);
  for (let changed = true, rounds = 0; changed; rounds++) {
    if (rounds > rules.length) throw new Error('recording rules read each other in a cycle');
    changed = false;
    rules.forEach((r, i) => {
      const own = deps[i]!.length === 0 ? 0 : 1 + Math.max(...deps[i]!.map((d) => levelOfRecord.get(d) ?? 0));
      if (own !== level[i]) {
        level[i] = own;
        changed = true;
      }
      levelOfRecord.set(r.rule.record, Math.max(levelOfRecord.get(r.rule.record) ?? 0, level[i]!));
    });
  }
  return rules.map((r, i) => ({ ...r, level: level[i]! }));
}

export interface RuleBackfill {
  readonly levels: number;
  readonly rules: number;
  readonly series: number;
  readonly samples: number;
  readonly blocks: number;
  readonly seconds: number;
}

/**
 * Backfills every recording rule of `groups` over [start, end] into `dataDir`, level by level. Each rule is
 * evaluated as Prometheus evaluates it, at every multiple of its group's interval, by one range query over the whole
 * history against a Prometheus started on the data so far; the results are written as OpenMetrics and turned into
 * blocks by promtool like the raw series. (`promtool tsdb create-blocks-from rules` does the same range queries
 * but writes one block per rule and two hours: about 4,900 blocks for 72 hours of CdB rules, minutes of work and
 * a TSDB Prometheus must compact before its queries are representative.)
 */
export async function backfillRules(options: { dataDir: string; workDir: string; groups: readonly GeneratedGroup[]; start: number; end: number }): Promise<RuleBackfill> {
  const t0 = Date.now();
  const levelled = ruleLevels(options.groups);
  const maxLevel = Math.max(...levelled.map((r) => r.level));
  let blocks = 0;
  let series = 0;
  let samples = 0;
  for (let level = 0; level <= maxLevel; level++) {
    const rules = levelled.filter((x) => x.level === level);
    const intervals = [...new Set(rules.map((r) => durationSeconds(r.group.interval)))];
    const prometheus: BenchPrometheus = await startBenchPrometheus({ dataDir: options.dataDir, configDir: options.workDir, maxSamples: 500_000_000, queryTimeout: '10m' });
    const out = join(options.workDir, `rule-blocks-${level}`);
    mkdirSync(out, { recursive: true });
    try {
      for (const interval of intervals) {
        const first = Math.ceil(options.start / interval) * interval;
        const timestamps = Array.from({ length: Math.floor((options.end - first) / interval) + 1 }, (_, i) => first + i * interval);
        const store = new SeriesStore(timestamps.length, () => ({}));
        const index = new Map(timestamps.map((t, i) => [t, i]));
        const queries = rules
          .filter((r) => durationSeconds(r.group.interval) === interval)
          .map((r) => async () => {
            const result = await prometheus.api.queryRange(r.rule.expr, { start: first, end: timestamps.at(-1)!, step: interval });
            for (const s of result.result as unknown as { metric: Record<string, string>; values: [number, string][] }[]) {
              const { __name__: _, ...labels } = s.metric;
              const own = { ...labels, ...r.rule.labels };
              const values = store.seriesFor(r.rule.record, 'gauge', r.rule.record, own).values;
              for (const [t, v] of s.values) values[index.get(Math.round(t))!] = Number(v);
            }
          });
        await pool(queries, 2);
        for (const stored of store.series.values()) {
          series++;
          for (const v of stored.values) if (!Number.isNaN(v)) samples++;
        }
        const dir = join(options.workDir, `rules-${level}-${interval}s`);
        mkdirSync(dir, { recursive: true });
        await toBlocks(store, timestamps, dir, out);
      }
    } finally {
      await prometheus.stop();
    }
    blocks += moveBlocks(out, options.dataDir);
  }
  return { levels: maxLevel + 1, rules: levelled.length, series, samples, blocks, seconds: (Date.now() - t0) / 1000 };
}
