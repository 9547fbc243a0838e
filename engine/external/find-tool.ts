/** Finds external tools (promtool, amtool, ...) on PATH, or a docker engine to run their images. */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { spawnSync } from 'node:child_process';

/** Absolute path of an executable on PATH, or undefined. */
export function findOnPath(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

let dockerAnswers: boolean | undefined;

/** Whether a docker engine answers (not just the client being installed). Asked once per process. */
export function dockerEngineAnswers(): boolean {
  if (dockerAnswers === undefined) {
    const docker = findOnPath('docker');
    dockerAnswers = docker !== undefined && spawnSync(docker, ['info'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
  }
  return dockerAnswers;
}
