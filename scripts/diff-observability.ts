/**
 * `npm run diff:observability -- --base <git-ref>`: what a change does to alerts and the promtool scenarios that
 * prove them, SLOs, recording rules, dashboards (rows, panels, layout) and routing, compared with the generated
 * output at the base ref. The base is rebuilt in a temporary
 * git worktree (its committed generated/ may be absent or stale); the head is the working tree's definitions.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { readTree } from '../engine/build/read-tree';
import { synthesize } from '../engine/build/synthesize';
import { resolveForBuild } from '../engine/build/build';
import { configOption, projectFromConfig } from './cli/settings-option';
import { CANNOT_RUN, parseArguments } from './cli/command';
import { semanticDiff } from '../engine/diff/semantic-diff';
import { renderMarkdown } from '../engine/diff/render-markdown';
import { renderJson } from '../engine/diff/render-json';

const program = new Command()
  .name('diff-observability')
  .description('Report the semantic difference between the generated output at a base ref and the working tree.')
  .requiredOption('--base <ref>', 'git ref to compare with (e.g. origin/main)')
  .addOption(new Option('--format <format>', 'report format').choices(['markdown', 'json']).default('markdown'))
  .option('--output <file>', 'write the report to a file instead of stdout')
  .addOption(configOption());
const options = parseArguments<{ base: string; format: 'markdown' | 'json'; output?: string; config?: string }>(program);

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();

/** Set when the base could not be rebuilt; the report says so at its top. */
let baseWarning: string | undefined;

/** The generated tree of `ref`: rebuilt from its definitions in a worktree, or its committed generated/ if it cannot build. */
function baseTree(ref: string) {
  let commit: string;
  try {
    commit = git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
  } catch {
    process.stderr.write(`diff-observability: --base ${ref} is not a commit of this repository (try origin/main or HEAD~1)\n`);
    process.exit(CANNOT_RUN);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'cdb-diff-'));
  const worktree = join(scratch, 'base');
  try {
    git('worktree', 'add', '--detach', '--quiet', worktree, commit);
    if (existsSync(join(root, 'node_modules')) && !existsSync(join(worktree, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(worktree, 'node_modules'), 'dir');
    const out = join(scratch, 'generated');
    const build = existsSync(join(worktree, 'scripts/build-observability.ts'))
      ? spawnSync(
          process.execPath,
          ['--import', 'tsx', 'scripts/build-observability.ts', '--out', out, '--no-external-checks', ...(options.config ? ['--config', resolve(options.config)] : [])],
          { cwd: worktree, encoding: 'utf8' },
        )
      : undefined;
    if (build?.status === 0) return readTree(out);
    baseWarning = `${ref} does not build (${build ? build.stderr.trim().split('\n')[0] : 'no build script'}); compared with its committed generated/, which may be stale.`;
    console.error(`diff-observability: ${baseWarning}`);
    return readTree(join(worktree, 'generated'));
  } finally {
    spawnSync('git', ['worktree', 'remove', '--force', worktree], { cwd: root });
    rmSync(scratch, { recursive: true, force: true });
  }
}

const base = baseTree(options.base);
const head = synthesize(resolveForBuild(projectFromConfig(options.config)));
const diff = semanticDiff(base, head);
const report =
  options.format === 'json'
    ? renderJson(baseWarning ? { ...diff, warnings: [...diff.warnings, baseWarning] } : diff)
    : `${baseWarning ? `> ⚠️ ${baseWarning}\n\n` : ''}${renderMarkdown(diff)}`;
if (options.output) writeFileSync(options.output, report);
else process.stdout.write(report);
