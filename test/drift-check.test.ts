/** `npm run check:observability` fails on a hand-edited or stale generated/ and passes after a rebuild. */
import { cpSync, mkdtempSync, rmSync, appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../project';

const scratch = mkdtempSync(join(tmpdir(), 'cdb-drift-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const copy = join(scratch, 'generated');
cpSync(join(ROOT_DIR, 'generated'), copy, { recursive: true });

const check = () => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-observability.ts', copy], { cwd: ROOT_DIR, encoding: 'utf8' });

describe('the drift check', () => {
  it('passes on the committed tree', () => {
    const r = check();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^generated\/ is up to date \(\d+ files\)\.$/m);
  });

  it('fails on a hand-edited file, a deleted file and an extra file, naming each and the fix', () => {
    appendFileSync(join(copy, 'prometheus/rules/risk.yml'), '# tuned by hand\n');
    rmSync(join(copy, 'docs/alerts.md'));
    writeFileSync(join(copy, 'prometheus/rules/old.yml'), 'groups: []\n');
    const r = check();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('stale:   generated/prometheus/rules/risk.yml');
    expect(r.stderr).toContain('missing: generated/docs/alerts.md');
    expect(r.stderr).toContain('extra:   generated/prometheus/rules/old.yml');
    expect(r.stderr).toContain('Fix: run `npm run build:observability`');
  });

  it('passes again after a rebuild', () => {
    const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-observability.ts', '--out', copy, '--no-external-checks'], { cwd: ROOT_DIR, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    expect(check().status).toBe(0);
  });
});
