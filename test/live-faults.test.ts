/**
 * The fault controls of the live verification, on their own: a metric the simulated service stops exposing, a
 * service that flaps, and Prometheus' path to itself shut and opened again. Everything listens on 127.0.0.1.
 */
import { createServer } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { executionMode } from '../catalog/cdb';
import { startSimulator } from '../simulator/simulator';
import { startTcpGate } from '../live/tcp-gate';

const get = async (url: string) => {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return { status: r.status, text: await r.text() };
  } catch {
    return { status: 0, text: '' };
  }
};

describe('the simulator', async () => {
  const simulator = await startSimulator({ tickMs: 50, seed: 1 });
  afterAll(() => simulator.close());
  const metricsOf = async () => (await get(`http://${simulator.addresses.get('cdb_execution')}/metrics`)).text;

  it('stops exposing a hidden metric, keeps the others, and exposes it again with its value', async () => {
    expect(await metricsOf()).toContain('cdb_execution_mode{mode="paper"} 1');
    simulator.hideMetric('cdb_execution', executionMode);
    const hidden = await metricsOf();
    expect(hidden).not.toContain('cdb_execution_mode');
    expect(hidden).toContain('cdb_orders_submitted_total');
    simulator.setExecutionMode('live');
    await new Promise((r) => setTimeout(r, 200));
    simulator.showMetric('cdb_execution', executionMode);
    expect(await metricsOf()).toContain('cdb_execution_mode{mode="live"} 1');
    simulator.setExecutionMode('paper');
  });

  it('keeps a hidden metric hidden across a restart', async () => {
    simulator.hideMetric('cdb_execution', executionMode);
    await simulator.stopService('cdb_execution');
    await simulator.restartService('cdb_execution');
    expect(await metricsOf()).not.toContain('cdb_execution_mode');
    simulator.showMetric('cdb_execution', executionMode);
  });

  it('flaps a service: down part of every period, then left running', async () => {
    const url = `http://${simulator.addresses.get('cdb_risk')}/metrics`;
    const stop = simulator.flapService('cdb_risk', { downMs: 300, periodMs: 600 });
    const seen: number[] = [];
    for (let i = 0; i < 24; i++) {
      seen.push((await get(url)).status);
      await new Promise((r) => setTimeout(r, 50));
    }
    await stop();
    expect(seen).toContain(0);
    expect(seen).toContain(200);
    expect((await get(url)).status).toBe(200);
  });
});

describe('the TCP gate', async () => {
  const server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const gate = await startTcpGate(`127.0.0.1:${port}`);
  afterAll(async () => {
    await gate.close();
    await new Promise((r) => server.close(r));
  });

  it('passes connections through while open, refuses them when shut, and passes them again once opened', async () => {
    expect(await get(`http://${gate.address}/`)).toEqual({ status: 200, text: 'ok' });
    gate.shut();
    expect((await get(`http://${gate.address}/`)).status).toBe(0);
    gate.open();
    expect(await get(`http://${gate.address}/`)).toEqual({ status: 200, text: 'ok' });
  });
});
