/**
 * `npm run check:observability`: rebuilds the definitions into a temporary directory and compares the result
 * with the committed generated/. Exits non-zero listing stale, missing and extra files, so that hand-edited or
 * stale generated files never merge.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { buildProject, BuildError } from '../engine/build/build';
import { readTree, treeDrift } from '../engine/build/read-tree';
import { SettingsError } from '../engine/settings/load-settings';
import { configOption, projectFromConfig } from './cli/settings-option';
import { parseArguments } from './cli/command';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const program = new Command()
  .name('check-observability')
  .description('Rebuild the definitions and compare the result with a generated tree (generated/ by default).')
  .argument('[generated]', 'the generated tree to compare', join(root, 'generated'))
  .addOption(configOption())
  .option('--require-links', "fail while a link base URL (links.grafanaUrl, links.runbookUrl) is a placeholder, instead of warning: for a deployment's CI");
const { config, requireLinks } = parseArguments<{ config?: string; requireLinks?: boolean }>(program);
const generated = resolve(program.args[0] ?? join(root, 'generated'));
const scratch = mkdtempSync(join(tmpdir(), 'cdb-drift-'));
try {
  const out = join(scratch, 'generated');
  const { warnings } = await buildProject(projectFromConfig(config), { outDir: out, externalChecks: 'skip', requireLinks: requireLinks ?? false });
  for (const warning of warnings) console.error(`check-observability: warning: ${warning}`);
  const drift = treeDrift(readTree(generated), readTree(out));
  const problems = [
    ...drift.stale.map((p) => `stale:   generated/${p}`),
    ...drift.missing.map((p) => `missing: generated/${p}`),
    ...drift.extra.map((p) => `extra:   generated/${p}`),
  ];
  if (problems.length > 0) {
    console.error(`generated/ is not what the definitions produce (${problems.length} file${problems.length === 1 ? '' : 's'}):`);
    for (const line of problems) console.error(`  ${line}`);
    console.error('Fix: run `npm run build:observability` and commit generated/ with the definitions.');
    process.exitCode = 1;
  } else {
    console.log(`generated/ is up to date (${readTree(out).size} files).`);
  }
} catch (error) {
  if (!(error instanceof BuildError) && !(error instanceof SettingsError)) throw error;
  console.error(`check-observability: the definitions do not build: ${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
