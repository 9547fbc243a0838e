/**
 * The build: checks → synthesis → staging → promtool and amtool on the staged files → swap into the output
 * directory.
 * Any failure leaves the output directory untouched.
 */
import { join } from 'node:path';
import type { ProjectModel } from '../model/project';
import { hasFailures, runChecks } from '../checks/run-checks';
import { formatFindings } from '../report/findings';
import type { Finding, Severity } from '../checks/check';
import { AMTOOL, findTool, PROMTOOL, type ToolRunner } from '../external/tool-runner';
import { PATHS, synthesize, type GeneratedTree } from './synthesize';
import { discardStaging, stageTree, swapIn } from './write-tree';
import { allRuleGroups } from './rule-groups';
import { SloDefinitionError, withSloRules } from '../slo/expand';
import { createPromqlMemo } from '../promql/analyze';

export interface BuildOptions {
  /** Directory replaced by the generated tree. */
  readonly outDir: string;
  /**
   * External checks with promtool and amtool. `required`: fail when a tool cannot run (CI); `auto`: run the tools
   * that are available, say which are not; `skip`: do not run them.
   */
  readonly externalChecks: 'required' | 'auto' | 'skip';
  /** Lowest severity of an unsilenced finding that fails the build. @default 'error' */
  readonly failOn?: Severity;
  /** Tool runners, when not the ones found on this machine. */
  readonly runners?: { readonly promtool?: ToolRunner; readonly amtool?: ToolRunner };
}

export interface BuildSummary {
  readonly files: number;
  readonly dashboards: number;
  readonly panels: number;
  readonly recordingRules: number;
  readonly alertRules: number;
  readonly scenarios: number;
  readonly catalogMetrics: number;
  readonly findings: readonly Finding[];
  /** What promtool and amtool said, or why they did not run. */
  readonly externalChecks: readonly string[];
}

/** A build failure; `message` is ready to print. Nothing was written. */
export class BuildError extends Error {
  override readonly name = 'BuildError';
  constructor(
    message: string,
    /** The static-check findings, when checks failed the build. */
    readonly findings: readonly Finding[] = [],
  ) {
    super(message);
  }
}

/**
 * Checks, synthesises and writes the project; rejects with BuildError without touching `outDir` on any failure.
 * Asynchronous so that promtool and amtool check the staged tree at the same time.
 */
export async function buildProject(definitions: ProjectModel, options: BuildOptions): Promise<BuildSummary> {
  let project: ProjectModel;
  try {
    project = withSloRules(definitions);
  } catch (error) {
    if (error instanceof SloDefinitionError) throw new BuildError(`${error.message}\nnothing was written`);
    throw error;
  }
  // One memo for the build: synthesis reads the selectors of the rules the checks have parsed already.
  const promqlMemo = createPromqlMemo();
  const findings = runChecks(project, undefined, promqlMemo);
  if (hasFailures(findings, options.failOn)) {
    throw new BuildError(`static checks failed; nothing was written:\n${formatFindings(findings)}`, findings);
  }
  const tree = synthesize(definitions, promqlMemo);
  const staging = stageTree(options.outDir, tree);
  try {
    const externalChecks = await runExternalChecks(staging, tree, options);
    swapIn(staging, options.outDir);
    return { ...count(project, tree), findings, externalChecks };
  } catch (error) {
    discardStaging(staging);
    throw error;
  }
}

/**
 * promtool and amtool on the staged tree, all at once (each takes about as long as the build's own checks); throws
 * on the first failure in the order the steps are listed.
 */
async function runExternalChecks(dir: string, tree: GeneratedTree, options: BuildOptions): Promise<string[]> {
  if (options.externalChecks === 'skip') return ['promtool, amtool: skipped'];
  const paths = [...tree.keys()];
  const steps: Array<{ tool: ToolRunner; name: string; what: string; args: string[] }> = [];
  const promtool = options.runners?.promtool ?? findTool(PROMTOOL);
  const amtool = options.runners?.amtool ?? findTool(AMTOOL);
  const ruleFiles = paths.filter((p) => p.startsWith(`${PATHS.rules}/`));
  steps.push({ tool: promtool, name: 'promtool', what: 'check rules', args: ['check', 'rules', ...ruleFiles] });
  steps.push({ tool: promtool, name: 'promtool', what: 'check config', args: ['check', 'config', join(PATHS.prometheus, 'prometheus.yml')] });
  steps.push({ tool: amtool, name: 'amtool', what: 'check-config', args: ['check-config', join(PATHS.alertmanager, 'alertmanager.yml')] });

  const results = await Promise.all(steps.map((step) => (step.tool.available ? step.tool.runAsync(step.args, dir) : undefined)));
  const report: string[] = [];
  const reported = new Set<string>();
  steps.forEach((step, i) => {
    if (!step.tool.available) {
      if (options.externalChecks === 'required') throw new BuildError(`${step.name} is required here (CI) but ${step.tool.reason}; nothing was written`);
      if (!reported.has(step.name)) report.push(`${step.name}: not run: ${step.tool.reason}`);
      reported.add(step.name);
      return;
    }
    const result = results[i]!;
    if (!result.ok) throw new BuildError(`${step.name} ${step.what} failed; nothing was written:\n${result.output}`);
    report.push(`${step.name} ${step.what}: ok (${step.tool.description})`);
  });
  return report;
}

function count(project: ProjectModel, tree: GeneratedTree): Omit<BuildSummary, 'findings' | 'externalChecks'> {
  const rules = allRuleGroups(project).flatMap((g) => g.rules);
  return {
    files: tree.size,
    dashboards: project.dashboards.length,
    panels: project.dashboards.reduce((n, d) => n + d.rows.reduce((m, r) => m + r.panels.length, 0), 0),
    recordingRules: rules.filter((r) => r.kind === 'recording').length,
    alertRules: rules.filter((r) => r.kind === 'alert').length,
    scenarios: project.alertGroups.reduce((n, g) => n + g.alerts.reduce((m, a) => m + a.scenarios.length, 0), 0),
    catalogMetrics: project.catalog.metrics.length,
  };
}
