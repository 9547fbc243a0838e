/**
 * Runs an external checker (promtool, amtool, vmalert) from PATH (Debian's packages), or through its docker image
 * where a docker engine answers.
 */
import { execFile, spawnSync } from 'node:child_process';
import { dockerEngineAnswers, findOnPath } from './find-tool';

export interface ToolResult {
  readonly ok: boolean;
  readonly output: string;
}

export type ToolRunner =
  | {
      readonly available: true;
      readonly description: string;
      run(args: readonly string[], cwd: string): ToolResult;
      /** The same, without blocking: several can run at once. */
      runAsync(args: readonly string[], cwd: string): Promise<ToolResult>;
    }
  | { readonly available: false; readonly reason: string };

/** An external tool: its command, the docker image that has it, and the Debian package that installs it. */
export interface ToolSpec {
  readonly command: string;
  readonly image: string;
  readonly debianPackage: string;
  /** The executable inside the image, when it is not `command` on the image's PATH. */
  readonly imageEntrypoint?: string;
}

/** promtool of Debian 12's prometheus package (2.42). */
export const PROMTOOL: ToolSpec = { command: 'promtool', image: 'prom/prometheus:v2.42.0', debianPackage: 'prometheus' };
/** amtool of Debian 12's prometheus-alertmanager package (0.25). */
export const AMTOOL: ToolSpec = { command: 'amtool', image: 'prom/alertmanager:v0.25.0', debianPackage: 'prometheus-alertmanager' };
/**
 * vmalert of Debian 12's victoria-metrics package (1.79), VictoriaMetrics' rule evaluator; `-dryRun` checks rule
 * files. Its image runs the binary as /vmalert-prod.
 */
export const VMALERT: ToolSpec = {
  command: 'vmalert',
  image: 'victoriametrics/vmalert:v1.79.5',
  debianPackage: 'victoria-metrics',
  imageEntrypoint: '/vmalert-prod',
};

const TIMEOUT_MS = 120_000;

function result(r: ReturnType<typeof spawnSync>): ToolResult {
  const output = `${r.stdout?.toString() ?? ''}${r.stderr?.toString() ?? ''}${r.error ? String(r.error) : ''}`.trim();
  return { ok: r.status === 0, output };
}

/** A runner of `command`; `argv` gives its arguments for the tool's arguments and working directory. */
function runner(description: string, command: string, argv: (args: readonly string[], cwd: string) => string[], timeout: number): ToolRunner {
  return {
    available: true,
    description,
    run: (args, cwd) => result(spawnSync(command, argv(args, cwd), { cwd, timeout })),
    runAsync: (args, cwd) =>
      new Promise((resolve) => {
        execFile(command, argv(args, cwd), { cwd, timeout, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
          resolve({ ok: error === null, output: `${stdout}${stderr}${error && !stderr ? String(error) : ''}`.trim() });
        });
      }),
  };
}

/** How `tool` can be run on this machine, or why it cannot. */
export function findTool(tool: ToolSpec): ToolRunner {
  const local = findOnPath(tool.command);
  if (local) return runner(local, local, (args) => [...args], TIMEOUT_MS);
  if (dockerEngineAnswers()) {
    return runner(
      `docker image ${tool.image}`,
      'docker',
      (args, cwd) => ['run', '--rm', '--network=none', '-v', `${cwd}:/work:ro`, '-w', '/work', '--entrypoint', tool.imageEntrypoint ?? tool.command, tool.image, ...args],
      TIMEOUT_MS * 3,
    );
  }
  return {
    available: false,
    reason: `${tool.command} not found on PATH and no docker engine answers; install it with \`apt-get install ${tool.debianPackage}\``,
  };
}
