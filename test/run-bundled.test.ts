/** scripts/run-bundled.mjs, which `npm run build:observability` goes through: the same output as tsx, overrides included. */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readTree } from '../engine/build/read-tree';
import { ROOT_DIR } from '../project';

const scratch = mkdtempSync(join(tmpdir(), 'cdb-run-bundled-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const build = (runner: string[], out: string, extra: string[] = []) =>
  execFileSync(process.execPath, [...runner, 'scripts/build-observability.ts', '--out', out, '--no-external-checks', ...extra], { encoding: 'utf8' });

describe('the bundled build', () => {
  it('writes the tree tsx writes, with every header naming its own definition file', () => {
    build(['scripts/run-bundled.mjs'], join(scratch, 'bundled'));
    build(['--import', 'tsx'], join(scratch, 'tsx'));
    expect(readTree(join(scratch, 'bundled'))).toEqual(readTree(join(scratch, 'tsx')));
  }, 120_000);

  it('runs from a V8 code cache written next to the bundle, with the same output', () => {
    const cache = join('node_modules', '.cache', 'run-bundled', 'scripts__build-observability.cjs.v8-cache');
    build(['scripts/run-bundled.mjs'], join(scratch, 'cache-writing'));
    expect(existsSync(cache)).toBe(true);
    build(['scripts/run-bundled.mjs'], join(scratch, 'cache-reading'));
    expect(readTree(join(scratch, 'cache-reading'))).toEqual(readTree(join(scratch, 'cache-writing')));
  }, 120_000);

  it('applies threshold overrides before the alert definitions load, as tsx does', () => {
    const config = join(scratch, 'overrides.yaml');
    writeFileSync(config, 'thresholds:\n  CdbSignalErrorRatioHigh:\n    ratio: 0.2\n');
    build(['scripts/run-bundled.mjs'], join(scratch, 'bundled-config'), ['--config', config]);
    build(['--import', 'tsx'], join(scratch, 'tsx-config'), ['--config', config]);
    const bundled = readTree(join(scratch, 'bundled-config'));
    expect(bundled).toEqual(readTree(join(scratch, 'tsx-config')));
    expect(bundled.get('prometheus/rules/signal-engine.yml')).toContain('> 0.2');
  }, 120_000);
});

/** A copy of the working tree (node_modules linked, bundles cached apart) in which a definition can be broken. */
function copyOfRepository(name: string): { readonly dir: string; run(): { status: number | null; stderr: string; stdout: string } } {
  const dir = join(scratch, name);
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT_DIR, encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(ROOT_DIR, file))) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(ROOT_DIR, file), join(dir, file));
  }
  symlinkSync(join(ROOT_DIR, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return {
    dir,
    run: () => {
      const r = spawnSync(process.execPath, ['scripts/run-bundled.mjs', 'scripts/build-observability.ts', '--no-external-checks'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, RUN_BUNDLED_CACHE: join(dir, '.bundles') },
      });
      return { status: r.status, stderr: r.stderr, stdout: r.stdout };
    },
  };
}

/** `text` with `from` replaced, failing when `from` is not there. */
function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  writeFileSync(file, text.replace(from, to));
}

describe('a definition with a mistake', () => {
  it('that does not type-check stops the build with the file, line and message, and writes nothing', () => {
    const repo = copyOfRepository('type-error');
    const file = join(repo.dir, 'alerts/risk/drawdown-over-limit.ts');
    edit(file, 'settings.thresholds.CdbDrawdownOverLimit;', 'settings.thresholds.CdbDrawdownOverLimt;');
    const before = readTree(join(repo.dir, 'generated'));
    const r = repo.run();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^build-observability: type errors; nothing was written/);
    expect(r.stderr).toMatch(/^alerts\/risk\/drawdown-over-limit\.ts:\d+:\d+: Property 'CdbDrawdownOverLimt' does not exist .*Did you mean 'CdbDrawdownOverLimit'\? \(TS2551\)$/m);
    expect(r.stderr).not.toMatch(/\.cjs|\.bundles|node_modules/);
    expect(readTree(join(repo.dir, 'generated'))).toEqual(before);
  }, 120_000);

  it('that throws while the build runs is reported at its TypeScript file and line, without bundle code', () => {
    const repo = copyOfRepository('runtime-error');
    const file = join(repo.dir, 'alerts/risk/drawdown-over-limit.ts');
    const line = 'const { for: pending } = settings.thresholds.CdbDrawdownOverLimit;';
    edit(file, line, `${line}\n  if (pending) throw new Error('a definition that throws');`);
    const thrownAt = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('a definition that throws')) + 1;
    const r = repo.run();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`build-observability: Error: a definition that throws (at cdbDrawdownOverLimit (alerts/risk/drawdown-over-limit.ts:${thrownAt}:`);
    expect(r.stderr.split('\n').length).toBeLessThanOrEqual(3);
    expect(r.stderr).not.toMatch(/\.cjs|\.bundles/);
  }, 120_000);
});
