/** The CI workflow runs the project's own commands, and posts the diff as one comment it updates. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT_DIR } from '../project';

const workflow = parse(readFileSync(join(ROOT_DIR, '.github/workflows/observability.yml'), 'utf8'));
const scripts = JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8')).scripts as Record<string, string>;
const steps = workflow.jobs.observability.steps as Array<{ name?: string; run?: string; uses?: string; if?: string; with?: { script?: string } }>;
const runs = steps.map((s) => s.run ?? '').join('\n');

describe('the observability workflow', () => {
  it('runs on pull requests and pushes to main', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
  });

  it('calls only npm scripts that exist', () => {
    const called = [...runs.matchAll(/npm run (?:-s )?([a-z:]+)/g)].map((m) => m[1]!);
    expect(called.sort()).toEqual(['build:observability', 'check:observability', 'diff:observability']);
    for (const name of called) expect(scripts[name], name).toBeDefined();
    expect(runs).toContain('npm test');
  });

  it('installs promtool, amtool and the live stack from the package list, and requires them in the build', () => {
    expect(runs).toContain('bash scripts/install-debian-packages.sh');
    const packages = readFileSync(join(ROOT_DIR, 'scripts', 'debian-packages.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(packages).toEqual(expect.arrayContaining(['prometheus', 'prometheus-alertmanager', 'postgresql', 'redis-server', 'victoria-metrics']));
    expect(runs).toContain('--require-external-checks');
  });

  it('updates its own earlier comment instead of adding a new one', () => {
    const script = steps.find((s) => s.uses?.startsWith('actions/github-script'))!.with!.script!;
    expect(script).toContain('updateComment');
    expect(script).toContain('createComment');
    expect(script).toMatch(/marker/);
  });
});
