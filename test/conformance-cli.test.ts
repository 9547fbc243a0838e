/**
 * `npm run conformance` end to end, as a service team's CI runs it: against an HTTP server on 127.0.0.1 serving a
 * conforming registry (exit 0), against a file with a broken exposition (exit 1, the report naming each problem),
 * and against sources it cannot read (exit 2, naming the URL or file).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../project';
import { brokenExecutionRegistry, populatedRegistry } from './fixtures/conformance-expositions';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI without blocking this process, which serves the HTTP side of the test. */
function conformance(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/check-conformance.ts', ...args], { cwd: ROOT_DIR });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

const scratch = mkdtempSync(join(tmpdir(), 'cdb-conformance-'));
const brokenFile = join(scratch, 'cdb_execution.prom');
const garbledFile = join(scratch, 'garbled.prom');
let server: Server;
let base = '';
let closedPort = '';

beforeAll(async () => {
  const core = populatedRegistry('cdb_core').registry;
  const coreOpenMetrics = populatedRegistry('cdb_core', 'openmetrics').registry;
  server = createServer(async (req, res) => {
    if (req.url === '/hang') return; // never answers
    const registry = req.url === '/metrics' ? core : req.url === '/openmetrics' ? coreOpenMetrics : undefined;
    if (!registry) {
      res.writeHead(503, 'Service Unavailable').end('starting');
      return;
    }
    res.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics());
  });
  base = await listen(server);
  const closed = createServer();
  closedPort = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
  writeFileSync(brokenFile, await brokenExecutionRegistry().metrics());
  writeFileSync(garbledFile, '# TYPE cdb_equity gauge\ncdb_equity{currency=USDT} 1\n');
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});

describe('check-conformance', () => {
  it('passes a conforming service scraped over HTTP, exit 0', async () => {
    const run = await conformance('--service', 'cdb_core', '--url', `${base}/metrics`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('OK: cdb_core conforms to the catalog.');
  });

  it('passes the same service answering in OpenMetrics, with the JSON report alone on stdout', async () => {
    const run = await conformance('--service', 'cdb_core', '--url', `${base}/openmetrics`, '--format', 'json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ job: 'cdb_core', ok: true, errors: 0, warnings: 0, findings: [] });
  });

  it('fails a broken exposition file, exit 1, naming each problem and what the catalog expects', async () => {
    const run = await conformance('--service', 'cdb_execution', '--file', brokenFile);
    expect(run.code).toBe(1);
    for (const line of [
      /^cdb_orders_filled_total\n {2}error {3}wrong-type: +exposed as gauge; expected: counter$/m,
      /^cdb_orders_failed_total\n {2}error {3}missing-label: +label "reason" is missing .*; expected: labels reason$/m,
      /^cdb_order_slippage_ratio\n {2}error {3}buckets: +bucket bounds are 0.001, 0.01, 0.1, \+Inf.*; expected: buckets 0.0001, 0.0005, /m,
      /^cdb_positions_open\n {2}error {3}missing-metric: +not exposed; expected: a gauge with no labels of its own$/m,
      /^cdb_pnl\n {2}error {3}extra-label: +label "venue" is not declared.*; expected: labels kind$/m,
      /^cdb_execution_mode\n {2}error {3}label-value: +label "mode" takes the value "shadow" .*; expected: mode one of paper, live$/m,
      /^ {2}error {3}implausible-value: +the active mode "shadow" is outside its closed set .*; expected: exactly one of mode=paper\|live at 1, the others at 0$/m,
      /^cdb_debug_queue_depth\n {2}error {3}undeclared-metric: +exposed as gauge with 1 series, but the catalog does not declare it/m,
    ]) {
      expect(run.stdout).toMatch(line);
    }
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('FAILED: 8 errors, 0 warnings in 7 metrics.');
  });

  it('gives the same findings as JSON, exit 1', async () => {
    const run = await conformance('--service', 'cdb_execution', '--file', brokenFile, '--format', 'json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ ok: false, errors: 8, source: brokenFile });
    expect(report.findings.map((f: { kind: string }) => f.kind)).toContain('undeclared-metric');
  });

  it('demotes undeclared metrics to warnings with --allow-undeclared', async () => {
    const run = await conformance('--service', 'cdb_execution', '--file', brokenFile, '--allow-undeclared', '--format', 'json');
    expect(JSON.parse(run.stdout)).toMatchObject({ errors: 7, warnings: 1 });
  });

  it.each([
    ['an unreachable URL', () => ['--url', `${closedPort}/metrics`], /^check-conformance: cannot reach http:\/\/127\.0\.0\.1:\d+\/metrics: connect ECONNREFUSED/],
    ['a URL that does not answer in time', () => ['--url', `${base}/hang`, '--timeout', '0.5'], /^check-conformance: http:\/\/127\.0\.0\.1:\d+\/hang did not answer within 0\.5 s$/m],
    ['an HTTP error', () => ['--url', `${base}/not-ready`], /^check-conformance: http:\/\/127\.0\.0\.1:\d+\/not-ready answered HTTP 503 Service Unavailable$/m],
    ['a missing file', () => ['--file', join(scratch, 'none.prom')], /^check-conformance: cannot read .*none\.prom: ENOENT/],
    ['an unparsable file', () => ['--file', garbledFile], /^check-conformance: .*garbled\.prom is not a valid exposition: line 2: the value of label currency is not quoted$/m],
    ['an unknown service', () => ['--url', `${base}/metrics`, '--service', 'cdb_nope'], /unknown service "cdb_nope"; the catalog knows the jobs cdb_ws, cdb_core, .*cdb_paper_runner/],
    ['both --url and --file', () => ['--url', `${base}/metrics`, '--file', brokenFile], /cannot be used with/],
    ['neither --url nor --file', () => [], /give exactly one of --url <url> or --file <path>/],
  ])('stops on %s with exit 2 and a message saying why', async (_case, args, message) => {
    const given = args();
    const run = await conformance(...(given.includes('--service') ? given : ['--service', 'cdb_core', ...given]));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('with --format json, a check that cannot run still prints only JSON on stdout', async () => {
    const run = await conformance('--service', 'cdb_core', '--url', `${closedPort}/metrics`, '--format', 'json');
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ job: 'cdb_core', ok: false, error: expect.stringContaining('cannot reach') });
  });
});
