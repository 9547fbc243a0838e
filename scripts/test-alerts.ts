/**
 * `npm run test:alerts [-- <layer|alert> …]`: the alert scenarios of the generated tree under promtool, with
 * promtool's own output. Without arguments every scenario file runs; a layer (`risk`, `slo-signal-latency`) runs
 * its file; an alert name (`CdbMarketDataStale`) runs only that alert's scenarios. It reads the generated tree as
 * it is: run `npm run build:observability` first after changing a definition.
 *
 * Exit codes: 0 every scenario passed; 1 promtool reported failures; 2 it could not run (an unknown layer or alert,
 * no generated tree, promtool missing).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Command } from 'commander';
import { parse, stringify } from 'yaml';
import { findOnPath } from '../engine/external/find-tool';
import { CANNOT_RUN, parseArguments } from './cli/command';

const ROOT_DIR = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const program = new Command()
  .name('test:alerts')
  .description("Run the generated alert scenarios under promtool: all, a layer's, or one alert's.")
  .argument('[which...]', 'layers (rule file names, e.g. risk, slo-signal-latency) or alert names (e.g. CdbMarketDataStale)')
  .option('--generated <dir>', 'the generated tree', join(ROOT_DIR, 'generated'));
const options = parseArguments<{ generated: string }>(program);
const which: string[] = program.args;

const cannotRun = (message: string): never => {
  process.stderr.write(`test:alerts: ${message}\n`);
  process.exit(CANNOT_RUN);
};

const promtool = findOnPath('promtool') ?? cannotRun('promtool is not on PATH: apt-get install -y prometheus');
const testsDir = join(resolve(options.generated), 'prometheus', 'tests');
let files: string[] = [];
try {
  files = readdirSync(testsDir).filter((f) => f.endsWith('.test.yml')).sort();
} catch {
  cannotRun(`no scenario files in ${testsDir}: run npm run build:observability first`);
}

interface TestFile {
  readonly rule_files: string[];
  readonly tests: Array<{ readonly name: string }>;
  readonly [key: string]: unknown;
}
const read = (file: string) => parse(readFileSync(join(testsDir, file), 'utf8')) as TestFile;

/** The files to run whole, and per file the alert names whose scenarios alone to run. */
const whole = new Set<string>();
const byAlert = new Map<string, Set<string>>();
for (const w of which) {
  const file = `${w}.test.yml`;
  if (files.includes(file)) {
    whole.add(file);
    continue;
  }
  const holding = files.filter((f) => read(f).tests.some((t) => t.name.startsWith(`${w}: `)));
  if (holding.length === 0) {
    cannotRun(`"${w}" is neither a scenario file (${files.map((f) => f.replace('.test.yml', '')).join(', ')}) nor an alert with scenarios`);
  }
  for (const f of holding) byAlert.set(f, new Set([...(byAlert.get(f) ?? []), w]));
}

const scratch = mkdtempSync(join(tmpdir(), 'cdb-test-alerts-'));
try {
  const run: string[] = which.length === 0 ? files.map((f) => join(testsDir, f)) : [...whole].map((f) => join(testsDir, f));
  for (const [file, alerts] of byAlert) {
    if (whole.has(file)) continue;
    // Only the alert's tests, reading the same rule files (now by absolute path).
    const doc = read(file);
    const only = { ...doc, rule_files: doc.rule_files.map((r) => resolve(testsDir, r)), tests: doc.tests.filter((t) => [...alerts].some((a) => t.name.startsWith(`${a}: `))) };
    const path = join(scratch, file);
    writeFileSync(path, stringify(only));
    run.push(path);
  }
  const r = spawnSync(promtool, ['test', 'rules', ...run], { stdio: 'inherit' });
  process.exitCode = r.status === 0 ? 0 : 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
