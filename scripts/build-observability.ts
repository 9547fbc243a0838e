/**
 * `npm run build:observability`: checks the Claire de Binare definitions, writes generated/ atomically and
 * validates it with promtool and amtool, alert scenarios included.
 */
import { relative, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { performance } from 'node:perf_hooks';
import { buildProject, BuildError } from '../engine/build/build';
import { SEVERITIES, type Severity } from '../engine/checks/check';
import { findingsJson, formatFindings } from '../engine/report/findings';
import { SettingsError } from '../engine/settings/load-settings';
import { configOption, projectFromConfig } from './cli/settings-option';
import { parseArguments } from './cli/command';

/** The repository root (this file is in scripts/). */
const ROOT_DIR = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');

const program = new Command()
  .name('build-observability')
  .description('Generate the Grafana, Prometheus and docs provisioning tree from the CdB definitions.')
  .option('--out <dir>', 'output directory, replaced whole', resolve(ROOT_DIR, 'generated'))
  .addOption(configOption())
  .option('--no-external-checks', 'do not run promtool and amtool on the output')
  .addOption(
    new Option('--scenarios <which>', 'alert scenarios promtool runs before the output is replaced: those whose rules or tests changed, all, or none')
      .choices(['changed', 'all', 'none'])
      .default('changed'),
  )
  .addOption(new Option('--format <format>', 'how to report findings').choices(['console', 'json']).default('console'))
  .addOption(new Option('--fail-on <severity>', 'lowest finding severity that fails the build').choices([...SEVERITIES]).default('error'))
  .option('--require-external-checks', 'fail when promtool or amtool cannot run (the default when CI is set)', ['1', 'true', 'yes'].includes((process.env.CI ?? '').toLowerCase()))
  .option('--require-links', "fail while a link base URL (links.grafanaUrl, links.runbookUrl) is a placeholder, instead of warning: for a deployment's CI");

/** In JSON mode stdout carries one JSON document, also when the build cannot run: its findings, or the error. */
const wantsJson = () => process.argv.some((a, i) => a === '--format=json' || (a === '--format' && process.argv[i + 1] === 'json'));
const jsonFailure = (message: string) => process.stdout.write(`${JSON.stringify({ findings: [], error: message }, null, 2)}\n`);

const options = parseArguments<{
  out: string;
  config?: string;
  externalChecks: boolean;
  scenarios: 'changed' | 'all' | 'none';
  requireExternalChecks: boolean;
  requireLinks?: boolean;
  format: 'console' | 'json';
  failOn: Severity;
}>(program, (message) => wantsJson() && jsonFailure(message));
/** In JSON mode stdout carries only the findings document; everything else goes to stderr. */
const say = options.format === 'json' ? console.error : console.log;
const started = performance.now();

/**
 * The build, as a function rather than top-level await: scripts/run-bundled.mjs can then load it as one CommonJS
 * bundle with a V8 code cache, which top-level await rules out.
 */
async function main(): Promise<void> {
  try {
    const summary = await buildProject(projectFromConfig(options.config), {
      outDir: resolve(options.out),
      externalChecks: !options.externalChecks ? 'skip' : options.requireExternalChecks ? 'required' : 'auto',
      scenarios: options.scenarios,
      failOn: options.failOn,
      requireLinks: options.requireLinks ?? false,
    });
    if (options.format === 'json') process.stdout.write(findingsJson(summary.findings));
    else if (summary.findings.length > 0) say(formatFindings(summary.findings));
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    say(
      `built ${summary.dashboards} dashboards (${summary.panels} panels), ${summary.recordingRules} recording rules, ` +
        `${summary.alertRules} alert rules (${summary.scenarios} scenarios) from ${summary.catalogMetrics} catalog metrics: ` +
        `${summary.files} files in ${relative(process.cwd(), resolve(options.out)) || '.'} in ${seconds} s`,
    );
    for (const line of summary.externalChecks) say(line);
    for (const warning of summary.warnings) console.error(`build-observability: warning: ${warning}`);
  } catch (error) {
    if (error instanceof BuildError) {
      if (options.format === 'json') process.stdout.write(findingsJson(error.findings));
      console.error(`build-observability: ${error.message}`);
      process.exit(1);
    }
    if (error instanceof SettingsError) {
      if (options.format === 'json') jsonFailure(error.message);
      console.error(`build-observability: ${error.message}`);
      process.exit(1);
    }
    if (options.format === 'json') jsonFailure(`the build crashed: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
}

// An error other than the two above is a bug: it rejects, and the runner reports it at its file and line.
void main();
