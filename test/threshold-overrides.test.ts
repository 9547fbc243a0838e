/**
 * Any valid settings make a tree whose own tests pass: the build, with promtool required and every scenario file
 * run (`--scenarios all`), under the README's override example and under random valid settings of every
 * threshold, `for`, window, the block length and every SLO objective (test/fixtures/random-settings.ts). A scenario
 * that copied a number instead of deriving it from the settings fails here, naming the alert and the scenario.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../project';
import { randomOverrides } from './fixtures/random-settings';

/** Every build runs all eleven scenario files under promtool: minutes, not seconds. */
const scratch = mkdtempSync(join(tmpdir(), 'cdb-threshold-overrides-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Builds with the settings file `yaml`, every scenario run under promtool; returns the exit status and output. */
function build(name: string, yaml: string) {
  const config = join(scratch, `${name}.yaml`);
  writeFileSync(config, yaml);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/build-observability.ts', '--config', config, '--out', join(scratch, name), '--scenarios', 'all', '--require-external-checks'],
    { cwd: ROOT_DIR, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** The YAML block of the README's "Environment overrides" section. */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT_DIR, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Environment overrides'));
  const block = /```yaml\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README: no yaml block under "Environment overrides"');
  return block[1]!;
}

describe('a tree built with overridden settings passes its own promtool scenarios', () => {
  it("with the README's override example", () => {
    const r = build('readme', readmeExample());
    expect(r.output).toMatch(/promtool test rules: ok, 11 of 11 scenario files/);
    expect(r.status, r.output).toBe(0);
  }, 600_000);

  it.each([1, 2, 3])('with random valid settings (seed %i)', (seed) => {
    const yaml = randomOverrides(seed);
    const r = build(`seed-${seed}`, yaml);
    expect(r.status, `settings:\n${yaml}\n${r.output}`).toBe(0);
    expect(r.output).toMatch(/promtool test rules: ok, 11 of 11 scenario files/);
  }, 600_000);
});
