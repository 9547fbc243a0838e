/**
 * `npm run bench`: the performance targets of the generator and of what it generates, measured on this machine
 * and printed as one markdown report (progress goes to stderr). Exits 1 when a target is not met.
 */
import { Command } from 'commander';
import { configOption } from '../scripts/cli/settings-option';
import { parseArguments } from '../scripts/cli/command';
import { run as buildSpeed } from './build-speed';
import { run as grafanaChecks } from './grafana-checks';
import { run as queryCost } from './query-cost';
import { renderSections, type BenchSection } from './report';
import { run as scaling } from './scaling';

const { config } = parseArguments<{ config?: string }>(
  new Command()
    .name('bench')
    .description('Measure build speed, scaling on synthetic systems and the query cost of the generated tree over a 72-hour backfill.')
    .addOption(configOption()),
);

const started = Date.now();
const sections: BenchSection[] = [];
for (const [name, section] of [
  ['build speed', buildSpeed],
  ['Grafana checks', grafanaChecks],
  ['scaling', scaling],
  ['query cost', queryCost],
] as const) {
  process.stderr.write(`[bench] ${name}\n`);
  sections.push(await section({ config }));
}
process.stdout.write(renderSections(sections));
process.stdout.write(`\n_${((Date.now() - started) / 1000).toFixed(0)} s in all._\n`);
process.exitCode = sections.every((s) => s.targets.every((t) => t.met)) ? 0 : 1;
