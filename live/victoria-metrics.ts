/**
 * The scale-out path on 127.0.0.1: a VictoriaMetrics single node receiving the live stack's samples through
 * Prometheus remote_write, and vmalert evaluating the generated rule files against it, writing recording-rule
 * results back and sending alerts to the stack's Alertmanager (Debian's victoria-metrics package, 1.79).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { findOnPath } from '../engine/external/find-tool';
import { freePort, startProcess, waitForHttp, type ManagedProcess } from '../engine/live/processes';
import { PrometheusApi } from '../engine/live/prometheus-api';

export interface VictoriaMetrics {
  /** Where Prometheus remote-writes. */
  readonly remoteWriteUrl: string;
  readonly url: string;
  stop(): Promise<void>;
}

export interface Vmalert {
  /** vmalert serves /api/v1/rules and /api/v1/alerts like Prometheus. */
  readonly api: PrometheusApi;
  stop(): Promise<void>;
}

function binary(name: string): string {
  const path = findOnPath(name);
  if (!path) throw new Error(`${name} is not installed: apt-get install -y victoria-metrics`);
  return path;
}

/**
 * Starts VictoriaMetrics with its data in `dir`. Queries see samples after `latencyOffset` (30s by default in
 * VictoriaMetrics, shortened here so that a run takes seconds).
 */
export async function startVictoriaMetrics(dir: string, latencyOffset = '2s'): Promise<VictoriaMetrics> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const process = startProcess({
    name: 'victoria-metrics',
    command: binary('victoria-metrics'),
    args: [`-httpListenAddr=127.0.0.1:${port}`, `-storageDataPath=${dir}`, '-retentionPeriod=35d', `-search.latencyOffset=${latencyOffset}`],
  });
  await waitForHttp(process, `${url}/health`);
  return { remoteWriteUrl: `${url}/api/v1/write`, url, stop: () => process.stop() };
}

/**
 * The generated rule files as vmalert 1.79 loads them: it refuses `keep_firing_for` (vmalert knows it from 1.92),
 * so the field is dropped; every other line is as generated. Returns the names of the alerts that had it.
 */
export function rulesForVmalert(rulesDir: string, outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const dropped: string[] = [];
  for (const file of readdirSync(rulesDir).filter((f) => f.endsWith('.yml')).sort()) {
    const doc = parse(readFileSync(join(rulesDir, file), 'utf8')) as { groups: { rules: Record<string, unknown>[] }[] };
    for (const rule of doc.groups.flatMap((g) => g.rules)) {
      if ('keep_firing_for' in rule) {
        delete rule.keep_firing_for;
        dropped.push(String(rule.alert));
      }
    }
    writeFileSync(join(outDir, file), stringify(doc));
  }
  return dropped;
}

/** Starts vmalert on the rule files in `rulesDir`, reading from and writing to VictoriaMetrics. */
export async function startVmalert(options: { rulesDir: string; victoriaMetricsUrl: string; alertmanagerUrl: string; evaluationInterval: string }): Promise<Vmalert> {
  const port = await freePort();
  const process: ManagedProcess = startProcess({
    name: 'vmalert',
    command: binary('vmalert'),
    args: [
      `-httpListenAddr=127.0.0.1:${port}`,
      `-rule=${join(options.rulesDir, '*.yml')}`,
      `-datasource.url=${options.victoriaMetricsUrl}`,
      `-remoteWrite.url=${options.victoriaMetricsUrl}`,
      `-remoteRead.url=${options.victoriaMetricsUrl}`,
      `-notifier.url=${options.alertmanagerUrl}`,
      `-evaluationInterval=${options.evaluationInterval}`,
    ],
  });
  await waitForHttp(process, `http://127.0.0.1:${port}/health`);
  return { api: new PrometheusApi(`http://127.0.0.1:${port}`), stop: () => process.stop() };
}
