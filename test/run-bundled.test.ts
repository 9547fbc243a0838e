/** scripts/run-bundled.mjs, which `npm run build:observability` goes through: the same output as tsx, overrides included. */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTree } from '../engine/build/read-tree';

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
