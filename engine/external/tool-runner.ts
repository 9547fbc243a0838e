/**
 * Runs an external checker (promtool, amtool) from PATH (Debian's packages), or through its docker image where a
 * docker engine answers.
 */
import { spawnSync } from 'node:child_process';
import { dockerEngineAnswers, findOnPath } from './find-tool';

export interface ToolResult {
  readonly ok: boolean;
  readonly output: string;
}

export type ToolRunner =
  | { readonly available: true; readonly description: string; run(args: readonly string[], cwd: string): ToolResult }
  | { readonly available: false; readonly reason: string };

/** An external tool: its command, the docker image that has it, and the Debian package that installs it. */
export interface ToolSpec {
  readonly command: string;
  readonly image: string;
  readonly debianPackage: string;
}

/** promtool of Debian 12's prometheus package (2.42). */
export const PROMTOOL: ToolSpec = { command: 'promtool', image: 'prom/prometheus:v2.42.0', debianPackage: 'prometheus' };
/** amtool of Debian 12's prometheus-alertmanager package (0.25). */
export const AMTOOL: ToolSpec = { command: 'amtool', image: 'prom/alertmanager:v0.25.0', debianPackage: 'prometheus-alertmanager' };

const TIMEOUT_MS = 120_000;

function result(r: ReturnType<typeof spawnSync>): ToolResult {
  const output = `${r.stdout?.toString() ?? ''}${r.stderr?.toString() ?? ''}${r.error ? String(r.error) : ''}`.trim();
  return { ok: r.status === 0, output };
}

/** How `tool` can be run on this machine, or why it cannot. */
export function findTool(tool: ToolSpec): ToolRunner {
  const local = findOnPath(tool.command);
  if (local) {
    return { available: true, description: local, run: (args, cwd) => result(spawnSync(local, args, { cwd, timeout: TIMEOUT_MS })) };
  }
  if (dockerEngineAnswers()) {
    return {
      available: true,
      description: `docker image ${tool.image}`,
      run: (args, cwd) =>
        result(
          spawnSync('docker', ['run', '--rm', '--network=none', '-v', `${cwd}:/work:ro`, '-w', '/work', '--entrypoint', tool.command, tool.image, ...args], {
            timeout: TIMEOUT_MS * 3,
          }),
        ),
    };
  }
  return {
    available: false,
    reason: `${tool.command} not found on PATH and no docker engine answers; install it with \`apt-get install ${tool.debianPackage}\``,
  };
}
