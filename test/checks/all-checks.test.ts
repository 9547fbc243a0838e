import { describe, expect, it } from 'vitest';
import { describePath } from '../../engine/model/location';
import { resolveProject } from '../../engine/resolve/resolve-project';
import { ALL_CHECKS } from '../../engine/checks';
import { runChecks } from '../../engine/checks/run-checks';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cdbProject, ROOT_DIR } from '../../project';
import { settingsSchema } from '../../config/settings';
import { tinyProject } from '../fixtures/tiny-project';
import { emitted } from './run';

describe('the check set', () => {
  it('has unique area/name ids', () => {
    const ids = ALL_CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+\/[a-z-]+$/);
  });

  it("is listed whole in the README's check table", () => {
    const readme = readFileSync(join(ROOT_DIR, 'README.md'), 'utf8');
    expect(ALL_CHECKS.map((c) => c.id).filter((id) => !readme.includes(`| \`${id}\` |`))).toEqual([]);
  });

  it('finds nothing in the valid test project and its output', () => {
    const project = resolveProject(tinyProject());
    expect(runChecks(project, ALL_CHECKS, emitted(project))).toEqual([]);
  });

  it.each(['11.6.0', '12.4.10'])('finds nothing in the Claire de Binare definitions and their output for Grafana %s', (version) => {
    const project = resolveProject(cdbProject(settingsSchema.parse({ grafana: { version } })));
    // A finding a definition silences, with its reason, counts for nothing.
    const unsilenced = runChecks(project, ALL_CHECKS, emitted(project)).filter((f) => f.silencedBecause === undefined);
    expect(unsilenced.map((f) => `${f.checkId} ${describePath(f.location)}: ${f.message}`)).toEqual([]);
  });
});
