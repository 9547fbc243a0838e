/**
 * One run of the Grafana checks benchmark, in a fresh process as a build is: resolves and synthesizes the CdB
 * project (with `--config <file>` when given), then times the checks of the definitions, the checks of the output
 * (`dashboard/schema-keys`, `dashboard/grafana-ids`) the first time (reading the target's `@grafana/schema` from
 * node_modules) and once more (all read), and prints the timings as JSON.
 */
import { performance } from 'node:perf_hooks';
import { ALL_CHECKS } from '../engine/checks';
import { runChecks } from '../engine/checks/run-checks';
import { emittedOutput, synthesize } from '../engine/build/synthesize';
import { resolveProject } from '../engine/resolve/resolve-project';
import { projectFromConfig } from '../scripts/cli/settings-option';

const configAt = process.argv.indexOf('--config');
const project = resolveProject(projectFromConfig(configAt > 0 ? process.argv[configAt + 1] : undefined));
const timed = <T>(f: () => T): [T, number] => {
  const start = performance.now();
  const result = f();
  return [result, performance.now() - start];
};
const [tree, synthesizeMs] = timed(() => synthesize(project));
const output = emittedOutput(project, tree);
const [, definitionChecksMs] = timed(() => runChecks(project, ALL_CHECKS.filter((c) => c.reads !== 'output')));
const outputChecks = ALL_CHECKS.filter((c) => c.reads === 'output');
const [findings, outputChecksFirstMs] = timed(() => runChecks(project, outputChecks, output));
const [, outputChecksAgainMs] = timed(() => runChecks(project, outputChecks, output));
process.stdout.write(JSON.stringify({ version: project.grafana.version, synthesizeMs, definitionChecksMs, outputChecksFirstMs, outputChecksAgainMs, findings: findings.length }));
