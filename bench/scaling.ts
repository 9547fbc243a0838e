/**
 * Scaling: synthetic systems of 10, 100 and 1,000 services (bench/synthetic-project.ts), each built in a child
 * process: wall time of build + static checks (synthesis and write included, promtool not run at any size) and
 * the child's peak resident memory.
 *
 * The child runs as `npm run build:observability` runs the build: bundled by scripts/run-bundled.mjs. Through tsx,
 * every closure the build creates is wrapped in a naming helper on every call, which costs the 1,000-service
 * build about a second that no user's build pays.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import type { BenchSection } from './report';

const ROOT = resolve(import.meta.dirname, '..');
const SIZES = [10, 100, 1000] as const;

interface SizeResult {
  readonly services: number;
  readonly defineMs: number;
  readonly buildMs: number;
  readonly maxRssKiB: number;
  readonly files: number;
  readonly dashboards: number;
  readonly panels: number;
  readonly recordingRules: number;
  readonly alertRules: number;
  readonly scenarios: number;
  readonly catalogMetrics: number;
  readonly findings: number;
}

function measure(services: number): SizeResult {
  const r = spawnSync(process.execPath, ['scripts/run-bundled.mjs', 'bench/scaling-child.ts', String(services)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`scaling with ${services} services failed:\n${r.stdout}${r.stderr}`);
  return JSON.parse(r.stdout) as SizeResult;
}

export async function run(_options: { readonly config?: string } = {}): Promise<BenchSection> {
  const loadBefore = loadavg()[0]!;
  const results = SIZES.map(measure);
  const loadAfter = loadavg()[0]!;
  const at = (n: number) => results.find((r) => r.services === n)!;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const ratio = at(1000).buildMs / at(100).buildMs;
  return {
    title: 'Scaling (synthetic systems)',
    tables: [
      {
        title: `Build + static checks per system size (one child process each, no promtool; 1-minute load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after, ${cpus().length} CPUs)`,
        columns: ['services', 'catalog metrics', 'dashboards (panels)', 'recording rules', 'alert rules (scenarios)', 'files', 'findings', 'define', 'build + checks', 'peak RSS'],
        rows: results.map((r) => [
          String(r.services),
          String(r.catalogMetrics),
          `${r.dashboards} (${r.panels})`,
          String(r.recordingRules),
          `${r.alertRules} (${r.scenarios})`,
          String(r.files),
          String(r.findings),
          s(r.defineMs),
          s(r.buildMs),
          `${(r.maxRssKiB / 1024).toFixed(0)} MiB`,
        ]),
      },
    ],
    targets: [
      {
        name: '1,000 services: build + static checks',
        target: '≤ 10 s',
        measured: s(at(1000).buildMs),
        met: at(1000).buildMs <= 10_000,
        note: 'The largest parts are the checks (parsing and analysing every PromQL expression), garbage collection (the whole tree of ~90 MB is held until it is written), writing the YAML and JSON, and the SLO expansion. On a loaded machine the wall time grows with the load; the table title gives the load average during the runs.',
      },
      {
        name: '1,000 / 100 services time ratio',
        target: '≤ 11',
        measured: ratio.toFixed(1),
        met: ratio <= 11,
        note: 'Above 11 something grows faster than the system; profile the 1,000-service child with --cpu-prof.',
      },
    ],
  };
}
