/**
 * Every command answers --help, and a usage mistake gets one line and exit status 2 (1 means "ran and found
 * problems"); --format json keeps stdout one JSON document, also when the build cannot run.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../project';

const scratch = mkdtempSync(join(tmpdir(), 'cdb-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const COMMANDS = [
  'scripts/build-observability.ts',
  'scripts/check-observability.ts',
  'scripts/diff-observability.ts',
  'scripts/check-conformance.ts',
  'scripts/verify-live.ts',
  'scripts/test-alerts.ts',
  'bench/run.ts',
];

const run = (script: string, ...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT_DIR, encoding: 'utf8' });

describe('every command', () => {
  it.each(COMMANDS)('%s answers --help with its usage and exit 0', (script) => {
    const r = run(script, '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: /);
  });

  it.each(COMMANDS)('%s exits 2 with one line on an unknown option', (script) => {
    const r = run(script, '--no-such-option');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: (unknown option '--no-such-option'|required option)/);
  });
});

describe('failures that are not a stack trace', () => {
  it('diff:observability names a base that is not a commit in one line, exit 2', () => {
    const r = run('scripts/diff-observability.ts', '--base', 'no-such-ref');
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('diff-observability: --base no-such-ref is not a commit of this repository (try origin/main or HEAD~1)');
  });

  it('build --format json prints a JSON document with the error when the settings are invalid', () => {
    const config = join(scratch, 'bad.yaml');
    writeFileSync(config, 'colour: blue\n');
    const r = run('scripts/build-observability.ts', '--format', 'json', '--config', config, '--out', join(scratch, 'out'));
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout) as { findings: unknown[]; error: string };
    expect(doc.findings).toEqual([]);
    expect(doc.error).toMatch(/bad\.yaml:1: colour: unknown key/);
  });

  it('build --format json prints a JSON document on a usage error too', () => {
    const r = run('scripts/build-observability.ts', '--format', 'json', '--fail-on', 'nonsense');
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ findings: [], error: expect.stringMatching(/--fail-on/) });
  });
});

describe('npm run test:alerts', () => {
  it("runs one alert's scenarios and says so", () => {
    const r = run('scripts/test-alerts.ts', 'CdbRiskRejectionRatioSpike');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('SUCCESS');
  });

  it('shows promtool\'s own failure text, exit 1, when a scenario fails', () => {
    const generated = join(scratch, 'generated');
    cpSync(join(ROOT_DIR, 'generated'), generated, { recursive: true });
    const file = join(generated, 'prometheus/tests/risk.test.yml');
    // A wrong expectation in one scenario: promtool must report it under the alert's name.
    const text = readFileSync(file, 'utf8');
    const broken = text.replace(/(description: "?The risk manager rejected )\S+( of its decisions)/, (_, before: string, after: string) => `${before}1%${after}`);
    expect(broken).not.toBe(text);
    writeFileSync(file, broken);
    const r = run('scripts/test-alerts.ts', '--generated', generated, 'risk');
    expect(r.status).toBe(1);
    expect(`${r.stdout}${r.stderr}`).toMatch(/FAILED:[\s\S]*name: CdbRiskRejectionRatioSpike: /);
  });

  it('rejects an unknown layer or alert with the valid files, exit 2', () => {
    const r = run('scripts/test-alerts.ts', 'no-such-layer');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^test:alerts: "no-such-layer" is neither a scenario file \(database, .*risk.*\) nor an alert with scenarios\n$/);
  });
});
