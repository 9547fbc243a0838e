/**
 * `npm run diff:observability -- --base <ref>` on a temporary git repository with two commits: a threshold
 * change, an alert removed, a panel query changed, an SLO objective changed and a route changed. The report must
 * name each change.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../project';

const scratch = mkdtempSync(join(tmpdir(), 'cdb-diff-cli-'));
const repo = join(scratch, 'repo');
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], { cwd: repo, encoding: 'utf8' });

function edit(file: string, from: string, to: string) {
  const path = join(repo, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  writeFileSync(path, text.replace(from, to));
}

let markdown = '';
let json: Record<string, unknown> = {};

beforeAll(() => {
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT_DIR, repo]);
  symlinkSync(join(ROOT_DIR, 'node_modules'), join(repo, 'node_modules'), 'dir');
  edit('config/thresholds.ts', 'CdbMarketDataStale: group({ maxAgeSeconds: seconds(120,', 'CdbMarketDataStale: group({ maxAgeSeconds: seconds(300,');
  edit('alerts/risk/index.ts', 'cdbRiskRejectionRatioSpike(settings), ', '');
  edit('dashboards/block-review.ts', "queries: [query(max(select(equity)), 'equity')]", "queries: [query(min(select(equity)), 'equity')]");
  edit('config/settings.ts', "'database-write-success': group({ objective: objective(99.9) }),", "'database-write-success': group({ objective: objective(99.95) }),");
  edit('config/alertmanager.ts', "{ receiver: RECEIVERS.silent, matchers: [matcher('severity', 'info')] }", "{ receiver: RECEIVERS.tickets('system'), matchers: [matcher('severity', 'info')] }");
  git('commit', '--quiet', '-am', 'Tune alerting');
  const run = (format: string) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/diff-observability.ts', '--base', 'HEAD~1', '--format', format], { cwd: repo, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return r.stdout;
  };
  markdown = run('markdown');
  json = JSON.parse(run('json'));
}, 180_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the semantic diff of two commits', () => {
  it('names the threshold change of CdbMarketDataStale', () => {
    expect(markdown).toContain('CdbMarketDataStale');
    expect(markdown).toContain('threshold: `120` → `300`');
  });
  it('names the removed alert', () => {
    expect(markdown).toMatch(/^- ➖ \*\*CdbRiskRejectionRatioSpike \[warning\]\*\*/m);
    expect(markdown).toMatch(/1 removed/);
  });
  it('names the panel whose query changed by dashboard › row › title', () => {
    expect(markdown).toContain('- 🔁 panel **CdB · 72h Block Review › Mode and equity › Equity over time**: query changed');
  });
  it('counts in the right number', () => {
    // The four burn-rate alerts of the SLO, CdbMarketDataStale and CdbMarketDataMissing, which waits for its threshold.
    expect(markdown).toMatch(/^1 alert removed · 6 alerts changed · /m);
  });
  it('lists the scenarios that moved with the threshold under their alert, and those removed with the alert', () => {
    expect(markdown).toContain('- **CdbMarketDataStale**: rule changed, threshold `120` → `300`; scenarios (prometheus/tests/market-data.test.yml): 5 changed,');
    expect(markdown).toMatch(/^- \*\*CdbRiskRejectionRatioSpike\*\*: rule removed; scenarios \(prometheus\/tests\/risk\.test\.yml\): \d+ removed/m);
  });
  it('names the SLO whose objective changed', () => {
    expect(markdown).toContain('database-write-success');
    expect(markdown).toMatch(/99\.9\s*%?\s*→\s*99\.95/);
  });
  it('names the route whose receiver changed', () => {
    expect(markdown).toMatch(/severity="info"/);
    expect(markdown).toContain('cdb-tickets-system');
  });
  it('gives the same report as JSON', () => {
    expect(JSON.stringify(json)).toContain('CdbRiskRejectionRatioSpike');
    const scenarios = (json['scenarios'] as { alerts: Array<{ alert: string; rule: string | null }> }).alerts;
    expect(scenarios.find((a) => a.alert === 'CdbMarketDataStale')?.rule).toBe('changed');
    expect(scenarios.find((a) => a.alert === 'CdbRiskRejectionRatioSpike')?.rule).toBe('removed');
  });
});
