/**
 * `npm run verify:live`: starts the simulated CdB stack on 127.0.0.1 with real Prometheus, Alertmanager, Redis,
 * PostgreSQL and exporters, loads the generated tree, and proves it (see live/verify.ts). Prints a markdown
 * report; exits 1 on any problem, 2 when the stack cannot start.
 */
import { Command } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_DIR } from '../project';
import { buildProject, BuildError } from '../engine/build/build';
import { SettingsError } from '../engine/settings/load-settings';
import { configOption, projectFromConfig } from './cli/settings-option';
import { parseArguments } from './cli/command';
import { liveReportProblems, renderLiveReport } from '../live/render-report';
import { missingBinaries, startLiveStack } from '../live/stack';
import { verifyLive } from '../live/verify';

const options = parseArguments<{ generated: string; config?: string }>(
  new Command()
    .name('verify:live')
    .description('Verify the generated tree on a live simulated CdB stack (127.0.0.1 only).')
    .option('--generated <dir>', 'the generated tree to verify', join(ROOT_DIR, 'generated'))
    .addOption(configOption().conflicts('generated')),
);

/** With --config, the tree those settings make, built into a temporary directory; else the given tree. */
let generated = options.generated;
const scratch = options.config ? mkdtempSync(join(tmpdir(), 'cdb-verify-live-')) : undefined;
process.on('exit', () => scratch && rmSync(scratch, { recursive: true, force: true }));
if (scratch) {
  generated = join(scratch, 'generated');
  try {
    await buildProject(projectFromConfig(options.config), { outDir: generated, externalChecks: 'auto', scenarios: 'none' });
  } catch (error) {
    if (!(error instanceof BuildError) && !(error instanceof SettingsError)) throw error;
    process.stderr.write(`verify:live: ${error.message}\n`);
    process.exit(2);
  }
}

const started = Date.now();
const log = (line: string) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${line}\n`);
const missing = missingBinaries();
if (missing.length > 0) {
  process.stderr.write(`verify:live needs Debian packages that are missing: apt-get install -y ${missing.join(' ')}\n`);
  process.exit(2);
}
let stack;
try {
  stack = await startLiveStack({ generatedDir: generated, log });
} catch (error) {
  process.stderr.write(`the live stack did not start: ${(error as Error).message}\n`);
  process.exit(2);
}
try {
  const report = await verifyLive(stack, generated, log);
  process.stdout.write(renderLiveReport(report, (Date.now() - started) / 1000));
  process.exitCode = liveReportProblems(report).length > 0 ? 1 : 0;
} catch (error) {
  process.stderr.write(`live verification failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await stack.stop();
}
