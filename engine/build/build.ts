/**
 * The build: checks → synthesis → staging → promtool on the staged files → swap into the output directory.
 * Any failure leaves the output directory untouched.
 */
import { join } from 'node:path';
import type { ProjectModel } from '../model/project';
import { formatFindings, hasFailures, runChecks } from '../checks/run-checks';
import type { Finding } from '../checks/check';
import { findPromtool, type PromtoolRunner } from '../external/promtool';
import { PATHS, synthesize, type GeneratedTree } from './synthesize';
import { discardStaging, stageTree, swapIn } from './write-tree';

export interface BuildOptions {
  /** Directory replaced by the generated tree. */
  readonly outDir: string;
  /**
   * `required`: fail when promtool cannot run (CI); `auto`: run it when available, say so when not;
   * `skip`: do not run it.
   */
  readonly promtool: 'required' | 'auto' | 'skip';
  /** promtool runner, when not the one found on this machine. */
  readonly promtoolRunner?: PromtoolRunner;
}

export interface BuildSummary {
  readonly files: number;
  readonly dashboards: number;
  readonly panels: number;
  readonly recordingRules: number;
  readonly alertRules: number;
  readonly catalogMetrics: number;
  readonly findings: readonly Finding[];
  /** What promtool said, or why it did not run. */
  readonly promtool: readonly string[];
}

/** A build failure; `message` is ready to print. Nothing was written. */
export class BuildError extends Error {
  override readonly name = 'BuildError';
}

/** Checks, synthesises and writes the project; throws BuildError without touching `outDir` on any failure. */
export function buildProject(project: ProjectModel, options: BuildOptions): BuildSummary {
  const findings = runChecks(project);
  if (hasFailures(findings)) {
    throw new BuildError(`static checks failed; nothing was written:\n${formatFindings(findings)}`);
  }
  const tree = synthesize(project);
  const staging = stageTree(options.outDir, tree);
  try {
    const promtool = runPromtool(staging, tree, options);
    swapIn(staging, options.outDir);
    return { ...count(project, tree), findings, promtool };
  } catch (error) {
    discardStaging(staging);
    throw error;
  }
}

function runPromtool(dir: string, tree: GeneratedTree, options: BuildOptions): string[] {
  if (options.promtool === 'skip') return ['promtool: skipped'];
  const runner = options.promtoolRunner ?? findPromtool();
  if (!runner.available) {
    if (options.promtool === 'required') throw new BuildError(`promtool is required here (CI) but ${runner.reason}; nothing was written`);
    return [`promtool: not run: ${runner.reason}`];
  }
  const ruleFiles = [...tree.keys()].filter((p) => p.startsWith(`${PATHS.rules}/`));
  const steps: Array<[string, string[]]> = [
    ['check rules', ['check', 'rules', ...ruleFiles]],
    ['check config', ['check', 'config', join(PATHS.prometheus, 'prometheus.yml')]],
  ];
  const report: string[] = [];
  for (const [what, args] of steps) {
    const result = runner.run(args, dir);
    if (!result.ok) throw new BuildError(`promtool ${what} failed; nothing was written:\n${result.output}`);
    report.push(`promtool ${what}: ok (${runner.description})`);
  }
  return report;
}

function count(project: ProjectModel, tree: GeneratedTree): Omit<BuildSummary, 'findings' | 'promtool'> {
  const rules = project.ruleGroups.flatMap((g) => g.rules);
  return {
    files: tree.size,
    dashboards: project.dashboards.length,
    panels: project.dashboards.reduce((n, d) => n + d.rows.reduce((m, r) => m + r.panels.length, 0), 0),
    recordingRules: rules.filter((r) => r.kind === 'recording').length,
    alertRules: rules.filter((r) => r.kind === 'alert').length,
    catalogMetrics: project.catalog.metrics.length,
  };
}
