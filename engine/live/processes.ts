/**
 * Real servers started for live verification: on 127.0.0.1 only, each with a bounded start-up, output kept for
 * the error message when it fails, and stopped (SIGTERM, then SIGKILL) even when the caller crashes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface ManagedProcess {
  readonly name: string;
  /** The last lines the process wrote to stdout and stderr. */
  output(): string;
  /** Whether it has exited. */
  exited(): boolean;
  stop(): Promise<void>;
}

export interface ProcessSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Run as this user and group (a server that refuses to run as root, such as PostgreSQL). */
  readonly uid?: number;
  readonly gid?: number;
}

const OUTPUT_LINES = 60;
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Kills every process still running when Node exits, so no server outlives a crashed run. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

export function startProcess(spec: ProcessSpec): ManagedProcess {
  installExitHook();
  const child = spawn(spec.command, [...spec.args], {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(spec.uid !== undefined ? { uid: spec.uid } : {}),
    ...(spec.gid !== undefined ? { gid: spec.gid } : {}),
  });
  running.add(child);
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > OUTPUT_LINES) lines.splice(0, lines.length - OUTPUT_LINES);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let hasExited = false;
  const exit = new Promise<void>((resolve) => {
    const done = () => {
      hasExited = true;
      running.delete(child);
      resolve();
    };
    child.once('exit', done);
    child.once('error', (error) => {
      lines.push(`could not start ${spec.command}: ${error.message}`);
      done();
    });
  });
  return {
    name: spec.name,
    output: () => lines.join('\n'),
    exited: () => hasExited,
    async stop() {
      if (hasExited) return;
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exit;
      clearTimeout(killed);
    },
  };
}

/** A TCP port free on 127.0.0.1 at the time of asking. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until it returns a value other than undefined, or throws after `timeoutMs` with `what` and the
 * probe's last error in the message.
 */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError = '';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${options.timeoutMs / 1000} s waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}`);
    }
    await sleep(options.intervalMs ?? 250);
  }
}

/** Resolves once `url` answers 2xx, or throws naming the process and its output. */
export async function waitForHttp(process: ManagedProcess, url: string, timeoutMs = 20_000): Promise<void> {
  try {
    await waitUntil(
      `${process.name} at ${url}`,
      async () => {
        if (process.exited()) throw new Error(`${process.name} exited`);
        const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
        return response.ok ? true : undefined;
      },
      { timeoutMs },
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- ${process.name} output ---\n${process.output()}`);
  }
}
