/**
 * Build speed of the CdB default: build plus all static checks, against a floor, and the whole
 * `npm run build:observability` command as CI runs it (promtool and amtool required).
 *
 * The floor is what no build can beat: a plain `node` script that reads nothing and writes the same bytes as the
 * generated tree (same files, same directories) to a temporary directory. The bytes are string literals in the
 * script, so the floor includes Node parsing them, as the build includes Node loading its own code. The build is
 * timed the same way, as a whole `node` process writing to a temporary directory, so the ratio compares like with
 * like. Node's start alone (`node -e ''`) is measured too, to split the build's time into start, loading and work.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readTree } from '../engine/build/read-tree';
import { median, type BenchSection } from './report';

const ROOT = resolve(import.meta.dirname, '..');
/** Runs of each measurement; the median is reported. */
const RUNS = 5;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Wall time of one command in ms; throws with its output when it fails. */
function timed(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): { ms: number; stdout: string } {
  const start = performance.now();
  const r = spawnSync(command, args, { cwd: ROOT, env, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
  return { ms, stdout: r.stdout };
}

/** A script that writes `tree` under the directory given as its argument, and nothing else. */
function floorScript(tree: ReadonlyMap<string, string>): string {
  const dirs = [...new Set([...tree.keys()].map((p) => p.split('/').slice(0, -1).join('/')).filter((d) => d !== ''))];
  return [
    "import { mkdirSync, writeFileSync } from 'node:fs';",
    'const out = process.argv[2];',
    `for (const d of ${JSON.stringify(dirs)}) mkdirSync(out + '/' + d, { recursive: true });`,
    `for (const [p, text] of ${JSON.stringify([...tree])}) writeFileSync(out + '/' + p, text);`,
    '',
  ].join('\n');
}

export async function run(options: { readonly config?: string } = {}): Promise<BenchSection> {
  const scratch = mkdtempSync(join(tmpdir(), 'cdb-bench-build-'));
  const settings = options.config ? ['--config', resolve(options.config)] : [];
  try {
    const tree = readTree(join(ROOT, 'generated'));
    const bytes = [...tree.values()].reduce((n, t) => n + Buffer.byteLength(t), 0);
    const floorFile = join(scratch, 'floor.mjs');
    writeFileSync(floorFile, floorScript(tree));
    const out = (i: number, what: string) => join(scratch, `${what}-${i}`);
    const bundled = ['scripts/run-bundled.mjs', 'scripts/build-observability.ts', ...settings];

    // One run first, so that the cached bundle and its V8 code cache are fresh, as on every build after the first.
    timed(process.execPath, [...bundled, '--no-external-checks', '--out', out(0, 'warm')]);
    const loadBefore = loadavg()[0]!;
    const start: number[] = [];
    const floor: number[] = [];
    const build: number[] = [];
    const internal: number[] = [];
    const ci: number[] = [];
    for (let i = 1; i <= RUNS; i++) {
      start.push(timed(process.execPath, ['-e', '']).ms);
      floor.push(timed(process.execPath, [floorFile, out(i, 'floor')]).ms);
      const b = timed(process.execPath, [...bundled, '--no-external-checks', '--out', out(i, 'build')]);
      build.push(b.ms);
      internal.push(Number(/ in ([0-9.]+) s\n/.exec(b.stdout)?.[1] ?? NaN) * 1000);
      // CI builds over the committed generated/: its alert scenarios run only for rules or tests that changed.
      cpSync(join(ROOT, 'generated'), out(i, 'ci'), { recursive: true });
      ci.push(timed('npm', ['run', '-s', 'build:observability', '--', ...settings, '--out', out(i, 'ci')], { ...process.env, CI: 'true' }).ms);
    }
    const [startMs, floorMs, buildMs, internalMs, ciMs] = [median(start), median(floor), median(build), median(internal), median(ci)];
    const ratio = buildMs / floorMs;
    const row = (what: string, runs: number[]) => [what, seconds(median(runs)), runs.map((ms) => (ms / 1000).toFixed(2)).join(', ')];
    return {
      title: 'Build speed (CdB)',
      tables: [
        {
          title: `CdB default: ${tree.size} files, ${(bytes / 1024).toFixed(0)} KiB, ${RUNS} runs each (1-minute load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after, ${cpus().length} CPUs)`,
          columns: ['measurement', 'median', 'runs (s)'],
          rows: [
            row("node start alone (node -e '')", start),
            row('floor: node writing the same bytes', floor),
            row('build + static checks, whole node process (no promtool)', build),
            row("build + static checks, the build's own timer", internal),
            row('npm run build:observability, CI=true, over the committed tree (promtool, amtool)', ci),
          ],
        },
      ],
      targets: [
        {
          name: 'CdB build + static checks',
          target: '≤ 1.0 s',
          measured: `${seconds(buildMs)} (median of ${RUNS}, whole process)`,
          met: buildMs <= 1000,
          note: `Node start ${seconds(startMs)}, loading the code-cached bundle ${seconds(buildMs - internalMs - startMs)}, the build's own work ${seconds(internalMs)}.`,
        },
        {
          name: 'CdB build + static checks / floor',
          target: '≤ 3×',
          measured: `${ratio.toFixed(1)}× (${seconds(buildMs)} / ${seconds(floorMs)})`,
          met: ratio <= 3,
          note: `The floor (${seconds(floorMs)}) is node start (${seconds(startMs)}) plus parsing and writing ${(bytes / 1024).toFixed(0)} KiB. 3× is ${seconds(3 * floorMs)}; the build adds ${seconds(buildMs - internalMs - startMs)} of loading (the definitions, zod, the Grafana SDK and the PromQL parser, from a V8 code cache) and ${seconds(internalMs)} of its own work, most of it parsing and analysing every PromQL expression for the checks with the lezer grammar, the SLO expansion, dashboard synthesis and the atomic write. Meeting it needs ${seconds(Math.max(0, buildMs - 3 * floorMs))} less: a V8 startup snapshot of the loaded libraries (node --snapshot-blob; the definitions must still load after --config overrides) is the next thing to try for the loading, and for the work, parsing each PromQL expression with something faster than the lezer grammar.`,
        },
        {
          name: 'npm run build:observability in CI (promtool, amtool)',
          target: '≤ 1.5 s',
          measured: `${seconds(ciMs)} (median of ${RUNS})`,
          met: ciMs <= 1500,
          note: 'npm itself takes about 0.4 s to start a script; calling `node scripts/run-bundled.mjs scripts/build-observability.ts` in CI would save it.',
        },
      ],
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
