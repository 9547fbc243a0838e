/**
 * Link base URLs that are placeholders: the build warns about each, and with requireLinks (`--require-links`, for a
 * deployment's CI) refuses to write anything.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProject, BuildError } from '../engine/build/build';
import { placeholderLinks, placeholderReason } from '../engine/build/placeholder-links';
import { ROOT_DIR } from '../project';
import { tinyProject } from './fixtures/tiny-project';

const scratch = mkdtempSync(join(tmpdir(), 'cdb-links-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const REAL = { grafanaUrl: 'https://grafana.cdb.internal', runbookUrl: 'https://git.cdb.internal/cdb/observability/-/blob/main/generated/docs/alerts.md' };

describe('placeholder link URLs', () => {
  it.each([
    ['http://localhost:3000', /localhost reaches only the machine the browser runs on/],
    ['http://127.0.0.1:3000', /127\.0\.0\.1 reaches only/],
    ['http://grafana.localhost', /reaches only/],
    ['https://git.example.invalid/cdb/alerts.md', /git\.example\.invalid is a name reserved for examples/],
    ['https://grafana.example.org', /reserved for examples/],
    ['https://example.com/runbook', /reserved for examples/],
    ['https://ci.test/runbook', /reserved for examples/],
  ])('Having %s should be a placeholder.', (url, reason) => {
    expect(placeholderReason(url)).toMatch(reason);
  });

  it.each(['https://grafana.cdb.internal', 'https://gitlab.com/cdb/observability/-/blob/main/generated/docs/alerts.md', 'http://10.0.0.5:3000', 'https://examples.org'])(
    'Having %s should not be a placeholder.',
    (url) => {
      expect(placeholderReason(url)).toBeUndefined();
    },
  );

  it('names each placeholder setting of a project, in order', () => {
    expect(placeholderLinks({ grafanaUrl: 'http://localhost:3000', runbookUrl: REAL.runbookUrl }).map((p) => p.setting)).toEqual(['links.grafanaUrl']);
    expect(placeholderLinks(REAL)).toEqual([]);
  });
});

describe('the build with placeholder links', () => {
  it('builds and warns, naming the setting, its URL and how to set it', async () => {
    const summary = await buildProject(tinyProject(), { outDir: join(scratch, 'warn'), externalChecks: 'skip' });
    expect(summary.warnings).toEqual([
      'links.grafanaUrl is a placeholder (http://127.0.0.1:3000): 127.0.0.1 reaches only the machine the browser runs on, not the Grafana or repository of the people alerted; alerts link to it. Set it with --config (links: { grafanaUrl: ... }).',
      'links.runbookUrl is a placeholder (http://127.0.0.1/runbook.md): 127.0.0.1 reaches only the machine the browser runs on, not the Grafana or repository of the people alerted; alerts link to it. Set it with --config (links: { runbookUrl: ... }).',
    ]);
  });

  it('refuses to build with requireLinks, and writes nothing', async () => {
    const out = join(scratch, 'refused');
    await expect(buildProject(tinyProject(), { outDir: out, externalChecks: 'skip', requireLinks: true })).rejects.toThrow(BuildError);
    await expect(buildProject(tinyProject(), { outDir: out, externalChecks: 'skip', requireLinks: true })).rejects.toThrow(
      /link base URLs are placeholders and --require-links is set; nothing was written:\n {2}links\.grafanaUrl is a placeholder/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('builds without a warning once both links are real, also with requireLinks', async () => {
    const summary = await buildProject(tinyProject({ links: REAL }), { outDir: join(scratch, 'real'), externalChecks: 'skip', requireLinks: true });
    expect(summary.warnings).toEqual([]);
  });
});

describe('the commands', () => {
  const run = (script: string, ...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT_DIR, encoding: 'utf8' });

  it('build:observability warns on stderr about the default placeholders and still builds', () => {
    const r = run('scripts/build-observability.ts', '--out', join(scratch, 'cli-warn'), '--no-external-checks');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^build-observability: warning: links\.grafanaUrl is a placeholder \(http:\/\/localhost:3000\)/m);
    expect(r.stderr).toMatch(/^build-observability: warning: links\.runbookUrl is a placeholder \(https:\/\/git\.example\.invalid\//m);
  });

  it('build:observability --require-links fails, exit 1, and check:observability --require-links too', () => {
    const build = run('scripts/build-observability.ts', '--out', join(scratch, 'cli-refused'), '--no-external-checks', '--require-links');
    expect(build.status).toBe(1);
    expect(build.stderr).toMatch(/--require-links is set; nothing was written/);
    expect(existsSync(join(scratch, 'cli-refused'))).toBe(false);
    const check = run('scripts/check-observability.ts', '--require-links');
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/check-observability: the definitions do not build: link base URLs are placeholders/);
  });

  it('build:observability --require-links builds with real links from --config', () => {
    const config = join(scratch, 'links.yaml');
    writeFileSync(config, `links:\n  grafanaUrl: ${REAL.grafanaUrl}\n  runbookUrl: ${REAL.runbookUrl}\n`);
    const r = run('scripts/build-observability.ts', '--out', join(scratch, 'cli-real'), '--no-external-checks', '--require-links', '--config', config);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/warning/);
    expect(readFileSync(join(scratch, 'cli-real', 'prometheus/rules/risk.yml'), 'utf8')).toContain('dashboard_url: https://grafana.cdb.internal/d/');
  });
});
