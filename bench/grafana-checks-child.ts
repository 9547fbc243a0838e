/**
 * One run of the Grafana checks benchmark, in a fresh process as a build is: resolves and synthesizes the CdB
 * project (with `--config <file>` when given), then times the checks of the definitions, the checks of the output
 * (`dashboard/schema-keys`, `dashboard/grafana-ids`) the first time (reading the target's `@grafana/schema` from
 * node_modules) and once more (all read), and prints the timings as JSON: wall time, and the process's CPU time,
 * which other work on a busy machine does not inflate.
 */
import { performance } from 'node:perf_hooks';
import { ALL_CHECKS } from '../engine/checks';
import { runChecks } from '../engine/checks/run-checks';
import { emittedOutput, synthesize } from '../engine/build/synthesize';
import { resolveProject } from '../engine/resolve/resolve-project';
import { projectFromConfig } from '../scripts/cli/settings-option';

const configAt = process.argv.indexOf('--config');
const project = resolveProject(projectFromConfig(configAt > 0 ? process.argv[configAt + 1] : undefined));
/** The result of `f`, its wall time and its CPU time in ms. */
const timed = <T>(f: () => T): [T, { wall: number; cpu: number }] => {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = f();
  const used = process.cpuUsage(cpu);
  return [result, { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 }];
};
const [tree, synthesis] = timed(() => synthesize(project));
const output = emittedOutput(project, tree);
const [, definitionChecks] = timed(() => runChecks(project, ALL_CHECKS.filter((c) => c.reads !== 'output')));
const outputChecks = ALL_CHECKS.filter((c) => c.reads === 'output');
const [findings, outputChecksFirst] = timed(() => runChecks(project, outputChecks, output));
const [, outputChecksAgain] = timed(() => runChecks(project, outputChecks, output));
process.stdout.write(JSON.stringify({ version: project.grafana.version, synthesis, definitionChecks, outputChecksFirst, outputChecksAgain, findings: findings.length }));
