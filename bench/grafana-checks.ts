/**
 * What the checks judged by Grafana's own packages add to a build: `dashboard/schema-keys` and
 * `dashboard/grafana-ids` timed in fresh processes (bench/grafana-checks-child.ts, bundled as the build is), the
 * first run in a process (reading and parsing the target line's `@grafana/schema` declarations) and a second run,
 * beside the checks of the definitions and the dashboards' synthesis in the same process.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { median, type BenchSection } from './report';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = 5;

interface Time {
  readonly wall: number;
  readonly cpu: number;
}

interface Run {
  readonly version: string;
  readonly synthesis: Time;
  readonly definitionChecks: Time;
  readonly outputChecksFirst: Time;
  readonly outputChecksAgain: Time;
  readonly findings: number;
}

function measure(config: string | undefined): Run {
  const args = ['scripts/run-bundled.mjs', 'bench/grafana-checks-child.ts', ...(config ? ['--config', resolve(config)] : [])];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the Grafana checks benchmark failed:\n${r.stdout}${r.stderr}`);
  return JSON.parse(r.stdout) as Run;
}

export async function run(options: { readonly config?: string } = {}): Promise<BenchSection> {
  measure(options.config); // bundles the child once, as the build's first run does
  const loadBefore = loadavg()[0]!;
  const runs = Array.from({ length: RUNS }, () => measure(options.config));
  const row = (what: string, pick: (r: Run) => Time) => [
    what,
    `${median(runs.map((r) => pick(r).wall)).toFixed(1)} ms`,
    `${median(runs.map((r) => pick(r).cpu)).toFixed(1)} ms`,
    runs.map((r) => `${pick(r).wall.toFixed(0)}/${pick(r).cpu.toFixed(0)}`).join(', '),
  ];
  return {
    title: 'Checks judged by Grafana packages (CdB)',
    tables: [
      {
        title: `Grafana ${runs[0]!.version}, ${RUNS} fresh processes (1-minute load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after, ${cpus().length} CPUs); ${runs[0]!.findings} findings`,
        columns: ['measurement', 'median wall', 'median CPU', 'runs (wall/CPU ms)'],
        rows: [
          row('dashboard/schema-keys + dashboard/grafana-ids, first run (reads @grafana/schema)', (r) => r.outputChecksFirst),
          row('the same, run again in the process', (r) => r.outputChecksAgain),
          row('every check of the definitions', (r) => r.definitionChecks),
          row('synthesis of the whole tree', (r) => r.synthesis),
        ],
      },
    ],
    targets: [],
  };
}
