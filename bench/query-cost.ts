/**
 * Query cost of the generated dashboards and rules on real Prometheus, over a 72-hour CdB history:
 * every panel query over 72 h at the step Grafana would use, with `stats=all`, against the same panels rewritten to
 * read raw series instead of recording rules; and the cost of evaluating the rules, from Prometheus' own
 * `prometheus_rule_group_last_duration_seconds`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalog } from '../catalog';
import { ROOT_DIR } from '../project';
import { cdbSettings } from '../config/settings';
import { buildProject } from '../engine/build/build';
import { projectFromConfig } from '../scripts/cli/settings-option';
import { waitUntil } from '../engine/live/processes';
import { defaultVariableValues, expandVariables, intervalMacros, panelQueries } from '../engine/live/panel-queries';
import type { PrometheusApi, QueryResult } from '../engine/live/prometheus-api';
import { durationSeconds } from '../engine/promql/duration';
import { inlineRecordingRules } from '../engine/promql/inline-recording-rules';
import { startLiveStack } from '../live/stack';
import { checkTargets } from '../live/verify';
import { backfillRaw, backfillRules } from './query-cost/backfill';
import { captureExporterTemplates } from './query-cost/exporter-templates';
import { readRuleGroups } from './query-cost/generated-rules';
import { pool } from './query-cost/pool';
import { startBenchPrometheus } from './query-cost/prometheus-server';
import { median, type BenchSection } from './report';

const HOURS = Number(process.env.BENCH_HOURS ?? 72);
/** Grafana's step for a 72 h range on a panel about 900 px wide: 72 h / 900 = 288 s, rounded to 5 m. */
const STEP_SECONDS = 300;
/** Grafana sends at most this many queries of a dashboard at once. */
const CONCURRENCY = 6;
/** Queries may load this many samples (Prometheus' default); a raw query above it is reported at the limit. */
const MAX_SAMPLES = 50_000_000;

interface QueryCost {
  readonly samples: number;
  readonly peak: number;
  readonly seconds: number;
  readonly series: number;
  readonly error?: string;
}

interface DashboardCost {
  readonly dashboard: string;
  readonly queries: number;
  readonly recorded: { samples: number; peak: number; seconds: number; errors: number };
  readonly raw: { samples: number; peak: number; seconds: number; errors: number };
}

const log = (line: string) => process.stderr.write(`[query-cost] ${line}\n`);

async function cost(api: PrometheusApi, query: string, instant: boolean, end: number, range: number): Promise<QueryCost> {
  const t0 = performance.now();
  try {
    const result: QueryResult = instant
      ? await api.query(query, { time: end, stats: true })
      : await api.queryRange(query, { start: end - range, end, step: STEP_SECONDS }, { stats: true });
    return {
      samples: result.stats?.samples?.totalQueryableSamples ?? 0,
      peak: result.stats?.samples?.peakSamples ?? 0,
      seconds: (performance.now() - t0) / 1000,
      series: result.result.length,
    };
  } catch (error) {
    const message = (error as Error).message;
    // A query stopped at the sample limit loaded at least that many.
    const atLimit = /too many samples/.test(message);
    return { samples: atLimit ? MAX_SAMPLES : 0, peak: atLimit ? MAX_SAMPLES : 0, seconds: (performance.now() - t0) / 1000, series: 0, error: message };
  }
}

/** Runs `queries` `CONCURRENCY` at a time, as Grafana loads a dashboard; returns their costs and the wall time. */
async function loadDashboard(queries: readonly (() => Promise<QueryCost>)[]): Promise<{ costs: QueryCost[]; seconds: number }> {
  const t0 = performance.now();
  const costs = await pool(queries, CONCURRENCY);
  return { costs, seconds: (performance.now() - t0) / 1000 };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const fmt = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : String(Math.round(n)));

/**
 * Lets Prometheus compact the backfilled blocks (two-hour raw blocks, and rule blocks overlapping them) as it
 * does in production, before anything is measured: queries over many small blocks cost more than over the few
 * large ones a running Prometheus keeps. Prometheus first compacts a minute after start; this waits for that, then
 * until the block count has been stable for 20 s.
 */
async function compact(dataDir: string, configDir: string): Promise<{ before: number; after: number; seconds: number }> {
  const t0 = Date.now();
  const prometheus = await startBenchPrometheus({ dataDir, configDir });
  try {
    const loaded = async () =>
      (await prometheus.selfMetrics()).families.find((f) => f.name === 'prometheus_tsdb_blocks_loaded')?.samples[0]?.value ?? Number.NaN;
    const before = await loaded();
    let last = before;
    let stableSince = Date.now();
    while ((Date.now() - t0 < 75_000 || Date.now() - stableSince < 20_000) && Date.now() - t0 < 240_000) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const now = await loaded();
      if (now !== last) {
        last = now;
        stableSince = Date.now();
      }
    }
    return { before, after: last, seconds: (Date.now() - t0) / 1000 };
  } finally {
    await prometheus.stop();
  }
}

export async function run(options: { readonly config?: string } = {}): Promise<BenchSection> {
  const work = mkdtempSync(join(tmpdir(), 'cdb-bench-query-'));
  // The committed tree, or the tree the given settings make.
  const generatedDir = options.config ? join(work, 'generated') : join(ROOT_DIR, 'generated');
  if (options.config) await buildProject(projectFromConfig(options.config), { outDir: generatedDir, externalChecks: 'skip' });
  const scrapeInterval = cdbSettings(options.config).scrape.interval;
  const dataDir = join(work, 'data');
  try {
    log('capturing the real exporters from the live stack');
    const stack = await startLiveStack({ generatedDir });
    let templates;
    try {
      const targets = await checkTargets(stack);
      if (targets.down.length > 0) throw new Error(`live stack targets down: ${targets.down.join('; ')}`);
      templates = await captureExporterTemplates(stack);
      log(`${templates.length} exporter and scrape series from ${targets.total} targets`);
    } finally {
      await stack.stop();
    }

    // The history ends a little in the future, so that rules evaluated at the end of the run see current data.
    const scrape = durationSeconds(scrapeInterval);
    const end = Math.floor(Date.now() / 1000 / scrape) * scrape + 15 * 60;
    const range = HOURS * 3600;
    log(`backfilling ${HOURS} h of raw series`);
    const raw = await backfillRaw({ dataDir, workDir: work, end, hours: HOURS, stepSeconds: scrape, templates });
    log(`raw: ${raw.series} series, ${raw.samples} samples, ${raw.blocks} blocks (generated in ${raw.generateSeconds.toFixed(1)} s, written and loaded by promtool in ${raw.writeSeconds.toFixed(1)} s)`);
    const groups = readRuleGroups(join(generatedDir, 'prometheus', 'rules'), '30s');
    log('backfilling the recording rules');
    const rules = await backfillRules({ dataDir, workDir: work, groups, start: end - range, end });
    log(`rules: ${rules.rules} rules in ${rules.levels} levels: ${rules.series} series, ${rules.samples} samples, ${rules.blocks} blocks in ${rules.seconds.toFixed(1)} s`);

    const compacted = await compact(dataDir, work);
    log(`compaction: ${compacted.before} blocks into ${compacted.after} in ${compacted.seconds.toFixed(1)} s`);

    const prometheus = await startBenchPrometheus({
      dataDir,
      configDir: work,
      ruleFiles: [join(generatedDir, 'prometheus', 'rules', '*.yml')],
      evaluationInterval: '30s',
      maxSamples: MAX_SAMPLES,
    });
    try {
      const api = prometheus.api;
      const queryEnd = Math.floor(Date.now() / 1000);
      const dashboardsDir = join(generatedDir, 'grafana', 'provisioning', 'dashboards');
      const queries = panelQueries(dashboardsDir);
      const recordingRules = groups.flatMap((g) => g.recording);
      const seriesLabels = (name: string) => catalog.labelsForSeries(name);
      const macros = intervalMacros(range, STEP_SECONDS, scrape);
      const costs: DashboardCost[] = [];
      const failures: string[] = [];
      const mismatches: string[] = [];
      const perQuery: { dashboard: string; panel: string; samples: number; raw: number; seconds: number }[] = [];
      for (const file of [...new Set(queries.map((q) => q.file))]) {
        const values = new Map([...macros, ...(await defaultVariableValues(join(dashboardsDir, file), api))]);
        const own = queries.filter((q) => q.file === file);
        const expanded = own.map((q) => ({ ...q, query: expandVariables(q.expr, values) }));
        const recorded = await loadDashboard(expanded.map((q) => () => cost(api, q.query, q.instant, queryEnd, range)));
        const rawQueries = expanded.map((q) => ({ ...q, query: inlineRecordingRules(q.query, recordingRules, seriesLabels) }));
        const rawCosts = await loadDashboard(rawQueries.map((q) => () => cost(api, q.query, q.instant, queryEnd, range)));
        expanded.forEach((q, i) => {
          const a = recorded.costs[i]!;
          const b = rawCosts.costs[i]!;
          perQuery.push({ dashboard: q.dashboard, panel: q.panel, samples: a.samples, raw: b.samples, seconds: a.seconds });
          if (a.error) failures.push(`${q.dashboard} / ${q.panel}: ${a.error}`);
          else if (!b.error && a.series !== b.series) mismatches.push(`${q.dashboard} / ${q.panel}: ${a.series} series recorded, ${b.series} raw`);
        });
        const summary = (c: { costs: QueryCost[]; seconds: number }) => ({
          samples: sum(c.costs.map((x) => x.samples)),
          peak: Math.max(...c.costs.map((x) => x.peak)),
          seconds: c.seconds,
          errors: c.costs.filter((x) => x.error).length,
        });
        costs.push({ dashboard: own[0]!.dashboard, queries: own.length, recorded: summary(recorded), raw: summary(rawCosts) });
        log(`${own[0]!.dashboard}: ${fmt(summary(recorded).samples)} samples vs ${fmt(summary(rawCosts).samples)} raw`);
      }

      // The first evaluation after start reads a cold TSDB; the durations are those of the next one.
      log('waiting for every rule group to be evaluated on a warm TSDB');
      const started = Date.now() / 1000;
      await waitUntil(
        'an evaluation of every rule group',
        async () => {
          const all = await api.ruleGroups();
          return all.every((g) => Date.parse(g.lastEvaluation) / 1000 > started + Math.min(g.interval, 30)) ? true : undefined;
        },
        { timeoutMs: 300_000, intervalMs: 2000 },
      );
      const self = await prometheus.selfMetrics();
      const samplesOf = (name: string) => self.families.flatMap((f) => f.samples.filter((x) => x.name === name));
      const intervalOf = new Map(samplesOf('prometheus_rule_group_interval_seconds').map((x) => [x.labels.rule_group, x.value]));
      const ruleGroups = samplesOf('prometheus_rule_group_last_duration_seconds').map((x) => ({
        group: x.labels.rule_group!.split(';').pop()!,
        seconds: x.value,
        interval: intervalOf.get(x.labels.rule_group) ?? Number.NaN,
      }));
      ruleGroups.sort((a, b) => b.seconds - a.seconds);
      const evaluationSeconds = sum(ruleGroups.map((g) => g.seconds));
      const load = sum(ruleGroups.map((g) => g.seconds / g.interval));

      // The SLO period windows read the 5m SLI series, never raw data: the cost of one period rule, and of the
      // same window computed from raw series.
      const periodRules = recordingRules.filter((r) => /^slo:sli_error:ratio_rate\d+d$/.test(r.record) && r.labels.slo_window && durationSeconds(r.labels.slo_window) >= 7 * 86400);
      const periodCosts = [];
      for (const r of periodRules) {
        const recorded = await cost(api, r.expr, true, queryEnd, range);
        const rawExpr = inlineRecordingRules(r.expr, recordingRules, seriesLabels);
        const rawCost = await cost(api, rawExpr, true, queryEnd, range);
        periodCosts.push({ rule: `${r.record}{slo_id="${r.labels.slo_id}"}`, recorded, raw: rawCost, readsRaw: rawExpr === r.expr });
      }

      const recordedTotal = sum(costs.map((c) => c.recorded.samples));
      const rawTotal = sum(costs.map((c) => c.raw.samples));
      const slowest = costs.reduce((a, b) => (b.recorded.seconds > a.recorded.seconds ? b : a));
      const intervalSeconds = 30;
      return {
        title: `Query cost (${HOURS} h backfill: ${fmt(raw.series)} raw series, ${fmt(raw.samples)} samples; ${rules.rules} recording rules backfilled in ${rules.levels} levels; ${compacted.before} blocks compacted into ${compacted.after})`,
        tables: [
          {
            title: `Dashboards over ${HOURS} h at a ${STEP_SECONDS / 60} m step, with recording rules and rewritten to raw series`,
            columns: ['dashboard', 'queries', 'samples', 'peak samples', 'load time', 'raw samples', 'raw peak', 'raw load time', 'raw / recorded'],
            rows: costs.map((c) => [
              c.dashboard,
              String(c.queries),
              fmt(c.recorded.samples),
              fmt(c.recorded.peak),
              `${c.recorded.seconds.toFixed(3)} s`,
              `${fmt(c.raw.samples)}${c.raw.errors ? ` (${c.raw.errors} at the limit)` : ''}`,
              fmt(c.raw.peak),
              `${c.raw.seconds.toFixed(3)} s`,
              c.recorded.samples > 0 ? `${(c.raw.samples / c.recorded.samples).toFixed(1)}×` : '–',
            ]),
          },
          {
            title: 'Raw rewrites that return another number of series than the recorded query (the comparison is approximate there)',
            columns: ['panel', 'difference'],
            rows: mismatches.map((m) => [m.split(': ')[0]!, m.split(': ').slice(1).join(': ')]),
          },
          {
            title: 'The 10 panel queries that touch the most samples',
            columns: ['dashboard', 'panel', 'samples', 'raw samples', 'time'],
            rows: [...perQuery]
              .sort((a, b) => b.samples - a.samples)
              .slice(0, 10)
              .map((q) => [q.dashboard, q.panel, fmt(q.samples), fmt(q.raw), `${q.seconds.toFixed(3)} s`]),
          },
          {
            title: `Rule evaluation (the ${Math.min(10, ruleGroups.length)} most expensive of ${ruleGroups.length} groups, prometheus_rule_group_last_duration_seconds)`,
            columns: ['group', 'last duration', 'interval', 'share of interval'],
            rows: ruleGroups.slice(0, 10).map((g) => [g.group, `${(g.seconds * 1000).toFixed(2)} ms`, `${g.interval} s`, `${((g.seconds / g.interval) * 100).toFixed(3)} %`]),
          },
          {
            title: 'SLO period windows: one evaluation from the 5m SLI series, and the same window computed from raw series (its samples are not comparable: Prometheus 2.42 counts a subquery\'s inner samples only partly)',
            columns: ['rule', 'samples', 'time', 'raw time'],
            rows: periodCosts.map((p) => [p.rule, fmt(p.recorded.samples), `${p.recorded.seconds.toFixed(3)} s`, `${p.raw.seconds.toFixed(3)} s`]),
          },
        ],
        targets: [
          {
            name: 'panel samples, raw / recording rules',
            target: '≥ 10×',
            measured: `${(rawTotal / recordedTotal).toFixed(1)}× (${fmt(rawTotal)} / ${fmt(recordedTotal)})`,
            met: rawTotal / recordedTotal >= 10,
            note: 'the share of panels that read raw series directly (ratios, gauges, timestamps) sets the ratio; more recording rules for those panels would raise it',
          },
          {
            name: 'slowest dashboard load (all its queries)',
            target: '< 1 s',
            measured: `${slowest.recorded.seconds.toFixed(3)} s (${slowest.dashboard})`,
            met: slowest.recorded.seconds < 1,
          },
          {
            name: 'panel queries that fail',
            target: '0',
            measured: String(failures.length),
            met: failures.length === 0,
            note: failures.join('; '),
          },
          {
            name: 'rule evaluation, Σ last duration / 30 s',
            target: '≤ 1 %',
            measured: `${((evaluationSeconds / intervalSeconds) * 100).toFixed(3)} % (${(evaluationSeconds * 1000).toFixed(1)} ms over ${ruleGroups.length} groups; Σ duration/interval ${(load * 100).toFixed(3)} %)`,
            met: evaluationSeconds / intervalSeconds <= 0.01,
          },
          {
            name: 'SLO period windows read raw data',
            target: 'never',
            measured: periodCosts.some((p) => p.readsRaw)
              ? `${periodCosts.filter((p) => p.readsRaw).length} of ${periodCosts.length} do`
              : `none of ${periodCosts.length}: each reads the 5m SLI series (median ${fmt(median(periodCosts.map((p) => p.recorded.samples)))} samples, ${(median(periodCosts.map((p) => p.recorded.seconds)) * 1000).toFixed(0)} ms; from raw series ${(median(periodCosts.map((p) => p.raw.seconds)) * 1000).toFixed(0)} ms)`,
            met: periodCosts.length > 0 && !periodCosts.some((p) => p.readsRaw),
          },
        ],
      };
    } finally {
      await prometheus.stop();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
