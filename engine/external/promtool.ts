/**
 * Runs promtool, from PATH (Debian's `prometheus` package) or through docker's prom/prometheus image where a
 * docker engine answers.
 */
import { spawnSync } from 'node:child_process';
import { dockerEngineAnswers, findOnPath } from './find-tool';

/** The image used when promtool is not on PATH; the version matches Debian 12's package. */
export const PROMTOOL_IMAGE = 'prom/prometheus:v2.42.0';

export type PromtoolRunner =
  | { readonly available: true; readonly description: string; run(args: readonly string[], cwd: string): PromtoolResult }
  | { readonly available: false; readonly reason: string };

export interface PromtoolResult {
  readonly ok: boolean;
  readonly output: string;
}

const TIMEOUT_MS = 60_000;

function result(r: ReturnType<typeof spawnSync>): PromtoolResult {
  const output = `${r.stdout?.toString() ?? ''}${r.stderr?.toString() ?? ''}${r.error ? String(r.error) : ''}`.trim();
  return { ok: r.status === 0, output };
}

/** How promtool can be run on this machine, or why it cannot. */
export function findPromtool(): PromtoolRunner {
  const local = findOnPath('promtool');
  if (local) {
    return {
      available: true,
      description: local,
      run: (args, cwd) => result(spawnSync(local, args, { cwd, timeout: TIMEOUT_MS })),
    };
  }
  if (dockerEngineAnswers()) {
    return {
      available: true,
      description: `docker image ${PROMTOOL_IMAGE}`,
      run: (args, cwd) =>
        result(
          spawnSync(
            'docker',
            ['run', '--rm', '--network=none', '-v', `${cwd}:/work:ro`, '-w', '/work', '--entrypoint', 'promtool', PROMTOOL_IMAGE, ...args],
            { timeout: TIMEOUT_MS * 3 },
          ),
        ),
    };
  }
  return {
    available: false,
    reason: 'promtool not found on PATH and no docker engine answers; install it with `apt-get install prometheus`',
  };
}
