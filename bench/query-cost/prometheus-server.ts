/** A Prometheus on 127.0.0.1 over a given TSDB directory, for the backfill and the query benchmarks. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseExposition, type Exposition } from '../../engine/conformance/parse-exposition';
import { findOnPath } from '../../engine/external/find-tool';
import { freePort, startProcess, waitForHttp, type ManagedProcess } from '../../engine/live/processes';
import { PrometheusApi } from '../../engine/live/prometheus-api';

export interface BenchPrometheus {
  readonly api: PrometheusApi;
  readonly url: string;
  /** Prometheus' own /metrics, parsed (this Prometheus does not scrape itself). */
  selfMetrics(): Promise<Exposition>;
  stop(): Promise<void>;
}

/**
 * Starts Prometheus on `dataDir` with no scrape jobs, loading `ruleFiles` (if any) evaluated every
 * `evaluationInterval`. Queries may load up to `maxSamples` samples and run `queryTimeout`.
 */
export async function startBenchPrometheus(options: {
  dataDir: string;
  configDir: string;
  ruleFiles?: readonly string[];
  evaluationInterval?: string;
  maxSamples?: number;
  queryTimeout?: string;
}): Promise<BenchPrometheus> {
  const binary = findOnPath('prometheus');
  if (!binary) throw new Error('prometheus is not installed: apt-get install -y prometheus');
  const port = await freePort();
  const config = join(options.configDir, `prometheus-${port}.yml`);
  writeFileSync(
    config,
    stringify({ global: { evaluation_interval: options.evaluationInterval ?? '30s' }, rule_files: [...(options.ruleFiles ?? [])], scrape_configs: [] }),
  );
  const process: ManagedProcess = startProcess({
    name: 'prometheus',
    command: binary,
    args: [
      `--config.file=${config}`,
      `--storage.tsdb.path=${options.dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=3650d',
      `--query.max-samples=${options.maxSamples ?? 50_000_000}`,
      `--query.timeout=${options.queryTimeout ?? '2m'}`,
    ],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(process, `${url}/-/ready`, 120_000);
  return {
    api: new PrometheusApi(url, 180_000),
    url,
    selfMetrics: async () => parseExposition(await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) })).text(), 'prometheus'),
    stop: () => process.stop(),
  };
}
