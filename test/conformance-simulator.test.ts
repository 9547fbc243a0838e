/**
 * `npm run conformance` against the simulated CdB services: each simulated job, scraped over HTTP on 127.0.0.1
 * after some traffic, conforms to the catalog. The simulator is what the live stack and the backfill use, so a
 * drift between it and the catalog would blind those runs.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../project';
import { sleep } from '../engine/live/processes';
import { startSimulator, type Simulator } from '../simulator/simulator';
import { SIMULATED_JOBS } from '../simulator/traffic-model';

let simulator: Simulator;

function conformance(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/check-conformance.ts', ...args], { cwd: ROOT_DIR });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  simulator = await startSimulator({ tickMs: 100 });
  await sleep(2000);
});

afterAll(async () => {
  await simulator.close();
});

describe('the simulator against the catalog', () => {
  it.each(SIMULATED_JOBS)('%s conforms', async (job) => {
    const run = await conformance('--service', job, '--url', `http://${simulator.addresses.get(job)}/metrics`, '--format', 'json');
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { findings: unknown[] };
    expect(report.findings).toEqual([]);
    expect(run.code).toBe(0);
  });
});
