/**
 * `npm run build:observability`: checks the Claire de Binare definitions, writes generated/ atomically and
 * validates it with promtool.
 */
import { relative, resolve } from 'node:path';
import { Command } from 'commander';
import { performance } from 'node:perf_hooks';
import { buildProject, BuildError } from '../engine/build/build';
import { cdbProject, ROOT_DIR } from '../config/project';

const program = new Command()
  .name('build-observability')
  .description('Generate the Grafana, Prometheus and docs provisioning tree from the CdB definitions.')
  .option('--out <dir>', 'output directory, replaced whole', resolve(ROOT_DIR, 'generated'))
  .option('--no-external-checks', 'do not run promtool and amtool on the output')
  .option('--require-external-checks', 'fail when promtool or amtool cannot run (the default when CI is set)', ['1', 'true', 'yes'].includes((process.env.CI ?? '').toLowerCase()))
  .parse();

const options = program.opts<{ out: string; externalChecks: boolean; requireExternalChecks: boolean }>();
const started = performance.now();
try {
  const summary = buildProject(cdbProject, {
    outDir: resolve(options.out),
    externalChecks: !options.externalChecks ? 'skip' : options.requireExternalChecks ? 'required' : 'auto',
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(
    `built ${summary.dashboards} dashboards (${summary.panels} panels), ${summary.recordingRules} recording rules, ` +
      `${summary.alertRules} alert rules (${summary.scenarios} scenarios) from ${summary.catalogMetrics} catalog metrics: ` +
      `${summary.files} files in ${relative(process.cwd(), resolve(options.out)) || '.'} in ${seconds} s`,
  );
  for (const line of summary.externalChecks) console.log(line);
} catch (error) {
  if (error instanceof BuildError) {
    console.error(`build-observability: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
