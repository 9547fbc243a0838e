/**
 * The build: resolve → synthesis in memory → checks (of the definitions, and of the emitted dashboards as Grafana
 * reads them) → staging → promtool and amtool on the staged tree (rule and config checks, and the alert scenarios
 * whose rules or tests changed) → swap into the output directory. Any failure leaves the output directory
 * untouched.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { ProjectDefinitions } from '../model/project';
import { resolveProject } from '../resolve/resolve-project';
import type { ResolvedProject } from '../resolve/resolved-project';
import { hasFailures, runChecks } from '../checks/run-checks';
import { formatFindings } from '../report/findings';
import type { Finding, Severity } from '../checks/check';
import { AMTOOL, findTool, PROMTOOL, type ToolResult, type ToolRunner } from '../external/tool-runner';
import { SloDefinitionError } from '../slo/validate';
import { emittedOutput, PATHS, synthesize, type GeneratedTree } from './synthesize';
import { describePlaceholderLinks, placeholderLinks } from './placeholder-links';
import { discardStaging, stageTree, swapIn } from './write-tree';

export interface BuildOptions {
  /** Directory replaced by the generated tree. */
  readonly outDir: string;
  /**
   * External checks with promtool and amtool. `required`: fail when a tool cannot run (CI); `auto`: run the tools
   * that are available, say which are not; `skip`: do not run them.
   */
  readonly externalChecks: 'required' | 'auto' | 'skip';
  /**
   * Which alert scenarios promtool runs before the swap: `changed` those whose test file or any rule file it loads
   * differs from the output directory's (a tree the build wrote passed its scenarios), `all`, or `none`.
   * @default 'changed'
   */
  readonly scenarios?: 'changed' | 'all' | 'none';
  /** Lowest severity of an unsilenced finding that fails the build. @default 'error' */
  readonly failOn?: Severity;
  /** Tool runners, when not the ones found on this machine. */
  readonly runners?: { readonly promtool?: ToolRunner; readonly amtool?: ToolRunner };
  /**
   * Refuse to build while a link base URL (`links.grafanaUrl`, `links.runbookUrl`) is a placeholder, instead of
   * warning: for a deployment's CI, so that alerts never ship links nobody can open. @default false
   */
  readonly requireLinks?: boolean;
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
  /** What was built but should not ship as it is: link base URLs that are placeholders. */
  readonly warnings: readonly string[];
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

/** The resolved project of `definitions`, or a BuildError naming every invalid SLO. */
export function resolveForBuild(definitions: ProjectDefinitions): ResolvedProject {
  try {
    return resolveProject(definitions);
  } catch (error) {
    if (error instanceof SloDefinitionError) throw new BuildError(`${error.message}\nnothing was written`);
    throw error;
  }
}

/**
 * Resolves, checks, synthesises and writes the project; rejects with BuildError without touching `outDir` on any
 * failure. Asynchronous so that promtool and amtool check the staged tree at the same time.
 */
export async function buildProject(definitions: ProjectDefinitions, options: BuildOptions): Promise<BuildSummary> {
  const warnings = describePlaceholderLinks(placeholderLinks(definitions.links));
  if (options.requireLinks && warnings.length > 0) {
    throw new BuildError(`link base URLs are placeholders and --require-links is set; nothing was written:\n${warnings.map((w) => `  ${w}`).join('\n')}`);
  }
  const project = resolveForBuild(definitions);
  const { tree, findings } = synthesizeAndCheck(project, options.failOn);
  const staging = stageTree(options.outDir, tree);
  try {
    const externalChecks = await runExternalChecks(staging, tree, options);
    swapIn(staging, options.outDir);
    return { ...count(project, tree), findings, externalChecks, warnings };
  } catch (error) {
    discardStaging(staging);
    throw error;
  }
}

/**
 * The generated tree and every check's findings; throws BuildError when the checks fail. Definitions that cannot
 * be emitted are reported by the checks of the definitions when those find them; the checks of the output then
 * do not run.
 */
export function synthesizeAndCheck(project: ResolvedProject, failOn?: Severity): { tree: GeneratedTree; findings: Finding[] } {
  let tree: GeneratedTree | undefined;
  let emitError: unknown;
  try {
    tree = synthesize(project);
  } catch (error) {
    emitError = error;
  }
  const findings = runChecks(project, undefined, tree && emittedOutput(project, tree));
  if (hasFailures(findings, failOn)) {
    throw new BuildError(`static checks failed; nothing was written:\n${formatFindings(findings)}`, findings);
  }
  if (!tree) throw emitError;
  return { tree, findings };
}

interface Step {
  readonly tool: ToolRunner;
  readonly name: string;
  readonly what: string;
  readonly args: string[];
}

/**
 * promtool and amtool on the staged tree, all at once (each takes about as long as the build's own checks); throws
 * on the first failure in the order the steps are listed.
 */
async function runExternalChecks(dir: string, tree: GeneratedTree, options: BuildOptions): Promise<string[]> {
  if (options.externalChecks === 'skip') return ['promtool, amtool: skipped'];
  const paths = [...tree.keys()];
  const promtool = options.runners?.promtool ?? findTool(PROMTOOL);
  const amtool = options.runners?.amtool ?? findTool(AMTOOL);
  const ruleFiles = paths.filter((p) => p.startsWith(`${PATHS.rules}/`));
  const steps: Step[] = [
    { tool: promtool, name: 'promtool', what: 'check rules', args: ['check', 'rules', ...ruleFiles] },
    { tool: promtool, name: 'promtool', what: 'check config', args: ['check', 'config', join(PATHS.prometheus, 'prometheus.yml')] },
    { tool: amtool, name: 'amtool', what: 'check-config', args: ['check-config', join(PATHS.alertmanager, 'alertmanager.yml')] },
  ];
  const tests = scenarioFilesToRun(tree, options);
  const scenarioSteps: Step[] = tests.run.map((file) => ({ tool: promtool, name: 'promtool', what: `test rules ${file}`, args: ['test', 'rules', file] }));

  const results = await runAll([...steps, ...scenarioSteps], dir);
  const report: string[] = [];
  const reported = new Set<string>();
  const unavailable = (step: Step) => {
    if (step.tool.available) return false;
    if (options.externalChecks === 'required') throw new BuildError(`${step.name} is required here but ${step.tool.reason}; nothing was written`);
    if (!reported.has(step.name)) report.push(`${step.name}: not run: ${step.tool.reason}`);
    reported.add(step.name);
    return true;
  };
  steps.forEach((step, i) => {
    if (unavailable(step) || !step.tool.available) return;
    const result = results[i]!;
    if (!result.ok) throw new BuildError(`${step.name} ${step.what} failed; nothing was written:\n${result.output}`);
    report.push(`${step.name} ${step.what}: ok (${step.tool.description})`);
  });
  const failed = scenarioSteps.flatMap((step, i) => (step.tool.available && !results[steps.length + i]!.ok ? [results[steps.length + i]!.output] : []));
  if (failed.length > 0) {
    throw new BuildError(`promtool test rules: the alert scenarios fail on the generated rules; nothing was written:\n${failed.join('\n')}`);
  }
  if (options.scenarios !== 'none' && !scenarioSteps.some(unavailable) && promtool.available) {
    const total = tests.run.length + tests.unchanged;
    report.push(
      tests.run.length === 0
        ? `promtool test rules: none of the ${total} scenario files changed since the output directory's tree passed them`
        : `promtool test rules: ok, ${tests.run.length} of ${total} scenario files (${tests.unchanged} unchanged) (${promtool.description})`,
    );
  }
  return report;
}

/**
 * The promtool test files to run: every one for `all`; for `changed`, those whose text, or the text of a rule
 * file they load, differs from the output directory's copy. Every tree the build swapped in passed its scenarios,
 * so an identical file with identical rules passed them already.
 */
function scenarioFilesToRun(tree: GeneratedTree, options: BuildOptions): { run: string[]; unchanged: number } {
  const mode = options.scenarios ?? 'changed';
  const testFiles = [...tree.keys()].filter((p) => p.startsWith(`${PATHS.ruleTests}/`));
  if (mode === 'none') return { run: [], unchanged: 0 };
  if (mode === 'all') return { run: testFiles, unchanged: 0 };
  const previous = (path: string) => {
    const file = join(options.outDir, path);
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  };
  const run = testFiles.filter((test) => {
    const text = tree.get(test)!;
    const loaded = [...text.matchAll(/^ {2}- \.\.\/rules\/(.+\.yml)$/gm)].map((m) => `${PATHS.rules}/${m[1]}`);
    return [test, ...loaded].some((path) => previous(path) !== tree.get(path));
  });
  return { run, unchanged: testFiles.length - run.length };
}

/** Runs the steps whose tool is available, as many at a time as the machine has cores; undefined for the others. */
async function runAll(steps: readonly Step[], dir: string): Promise<Array<ToolResult | undefined>> {
  const results: Array<ToolResult | undefined> = steps.map(() => undefined);
  let next = 0;
  const worker = async () => {
    while (next < steps.length) {
      const i = next++;
      const step = steps[i]!;
      if (step.tool.available) results[i] = await step.tool.runAsync(step.args, dir);
    }
  };
  await Promise.all(Array.from({ length: Math.max(availableParallelism(), 3) }, worker));
  return results;
}

function count(project: ResolvedProject, tree: GeneratedTree): Omit<BuildSummary, 'findings' | 'externalChecks' | 'warnings'> {
  const rules = project.ruleGroups.flatMap((g) => g.rules);
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
