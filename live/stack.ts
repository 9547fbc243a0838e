/**
 * The Claire de Binare stack on 127.0.0.1 for live verification: the simulated services, real Redis and
 * PostgreSQL with their exporters, node_exporter, blackbox_exporter, Alertmanager with the generated routing
 * (receivers redirected to a local webhook sink) and Prometheus with the generated rules and a scrape config
 * derived from the generated one. Every port is free-picked; `stop()` tears all of it down, and a failed start
 * stops what had started before it throws.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EXPORTER_JOBS, SERVICES, type CdbService } from '../config/services';
import { findOnPath } from '../engine/external/find-tool';
import { localizePrometheusConfig } from '../engine/live/localize-prometheus-config';
import { freePort, startProcess, waitForHttp, waitUntil, type ManagedProcess, type ProcessSpec } from '../engine/live/processes';
import { PrometheusApi } from '../engine/live/prometheus-api';
import { redirectReceivers } from '../engine/live/redirect-receivers';
import { startWebhookSink, type WebhookSink } from '../engine/live/webhook-sink';
import { startSimulator, type Simulator } from '../simulator/simulator';
import type { SimulatedJob } from '../simulator/traffic-model';
import { startTcpGate, type TcpGate } from './tcp-gate';

export interface LiveStackOptions {
  /** The generated tree to load (prometheus/, alertmanager/). */
  readonly generatedDir: string;
  /** Scrape and rule-evaluation interval of the local Prometheus, in seconds. */
  readonly intervalSeconds?: number;
  /** Alertmanager's route timers are divided by this. */
  readonly alertmanagerTimeScale?: number;
  /** Where Prometheus also remote-writes every sample (the scale-out test). */
  readonly remoteWriteUrl?: string;
  /** Progress lines. */
  readonly log?: (line: string) => void;
}

export interface LiveStack {
  readonly prometheus: PrometheusApi;
  readonly alertmanagerUrl: string;
  readonly sink: WebhookSink;
  readonly simulator: Simulator;
  readonly intervalSeconds: number;
  /** The compose address of each scrape target and the local address standing in for it. */
  readonly addresses: ReadonlyMap<string, string>;
  /** The path of Prometheus' scrape of itself: shut it and Prometheus cannot see itself, while it keeps running. */
  readonly selfScrape: TcpGate;
  readonly processes: readonly ManagedProcess[];
  readonly scratch: string;
  /** Milliseconds since the epoch when every component answered. */
  readonly startedAt: number;
  stop(): Promise<void>;
}

/** Debian package of each binary, for the message when one is missing. */
const PACKAGES: Readonly<Record<string, string>> = {
  prometheus: 'prometheus',
  'prometheus-alertmanager': 'prometheus-alertmanager',
  'redis-server': 'redis-server',
  'prometheus-redis-exporter': 'prometheus-redis-exporter',
  'prometheus-postgres-exporter': 'prometheus-postgres-exporter',
  'prometheus-node-exporter': 'prometheus-node-exporter',
  'prometheus-blackbox-exporter': 'prometheus-blackbox-exporter',
};

/** Every binary the stack needs, with the Debian packages that provide the missing ones. */
export function missingBinaries(): string[] {
  const missing = Object.entries(PACKAGES).filter(([binary]) => !findOnPath(binary)).map(([, pkg]) => pkg);
  if (!postgresBinDir()) missing.push('postgresql');
  return missing;
}

function binary(name: string): string {
  const path = findOnPath(name);
  if (!path) throw new Error(`${name} is not installed: apt-get install -y ${PACKAGES[name] ?? name}`);
  return path;
}

/** Debian installs PostgreSQL's server binaries off PATH, in /usr/lib/postgresql/<version>/bin. */
function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'postgres')));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

/** PostgreSQL refuses to run as root; as root, it runs as the `postgres` user Debian's package creates. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

const BLACKBOX_CONFIG = `modules:
  http_2xx:
    prober: http
    timeout: 5s
    http:
      preferred_ip_protocol: ip4
`;

export async function startLiveStack(options: LiveStackOptions): Promise<LiveStack> {
  const log = options.log ?? (() => {});
  const interval = options.intervalSeconds ?? 2;
  const scratch = mkdtempSync(join(tmpdir(), 'cdb-live-'));
  const processes: ManagedProcess[] = [];
  let simulator: Simulator | undefined;
  let sink: WebhookSink | undefined;
  let selfScrape: TcpGate | undefined;

  const stop = async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await simulator?.close();
    await sink?.close();
    await selfScrape?.close();
    rmSync(scratch, { recursive: true, force: true });
  };
  const start = (spec: ProcessSpec) => {
    const process = startProcess(spec);
    processes.push(process);
    return process;
  };

  try {
    simulator = await startSimulator({ tickMs: 250 });
    sink = await startWebhookSink();
    const ports = {
      prometheus: await freePort(),
      alertmanager: await freePort(),
      redis: await freePort(),
      redisExporter: await freePort(),
      postgres: await freePort(),
      postgresExporter: await freePort(),
      nodeExporter: await freePort(),
      blackbox: await freePort(),
    };
    const local = (port: number) => `127.0.0.1:${port}`;
    selfScrape = await startTcpGate(local(ports.prometheus));

    // Compose address → local address, for every scrape target and for Alertmanager.
    const addresses = new Map<string, string>();
    for (const service of SERVICES as readonly CdbService[]) {
      if (service.port === undefined) continue;
      const simulated = simulator.addresses.get(service.name as SimulatedJob);
      const stand = simulated ?? (service.name === 'cdb_prometheus' ? selfScrape.address : undefined);
      if (stand) addresses.set(`${service.host}:${service.port}`, stand);
    }
    const exporterAddress = (e: { host: string; port: number }) => `${e.host}:${e.port}`;
    addresses.set(exporterAddress(EXPORTER_JOBS.cadvisor), simulator.addresses.get('cadvisor')!);
    addresses.set(exporterAddress(EXPORTER_JOBS.alertmanager), local(ports.alertmanager));
    addresses.set(exporterAddress(EXPORTER_JOBS.redis), local(ports.redisExporter));
    addresses.set(exporterAddress(EXPORTER_JOBS.postgres), local(ports.postgresExporter));
    addresses.set(exporterAddress(EXPORTER_JOBS.node), local(ports.nodeExporter));
    addresses.set(exporterAddress(EXPORTER_JOBS.blackbox), local(ports.blackbox));

    // Redis and its exporter.
    log('starting redis-server and redis_exporter');
    start({ name: 'redis-server', command: binary('redis-server'), args: ['--port', String(ports.redis), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', scratch] });
    const redisExporter = start({
      name: 'redis_exporter',
      command: binary('prometheus-redis-exporter'),
      args: [`-redis.addr=redis://127.0.0.1:${ports.redis}`, `-web.listen-address=${local(ports.redisExporter)}`],
    });

    // PostgreSQL in a fresh cluster, and its exporter.
    log('starting PostgreSQL and postgres_exporter');
    const pgBin = postgresBinDir();
    if (!pgBin) throw new Error('PostgreSQL is not installed: apt-get install -y postgresql');
    const pgUser = postgresUser();
    const pgDir = join(scratch, 'postgres');
    mkdirSync(pgDir, { mode: 0o700 });
    if (pgUser) {
      chmodSync(scratch, 0o755); // the postgres user must reach its data directory
      chownSync(pgDir, pgUser.uid, pgUser.gid);
    }
    try {
      execFileSync(join(pgBin, 'initdb'), ['-D', pgDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], {
        stdio: 'pipe',
        ...(pgUser ?? {}),
      });
    } catch (error) {
      throw new Error(`initdb failed: ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
    }
    const postgres = start({
      name: 'postgres',
      command: join(pgBin, 'postgres'),
      args: ['-D', pgDir, '-p', String(ports.postgres), '-k', pgDir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
      ...(pgUser ?? {}),
    });
    const postgresExporter = start({
      name: 'postgres_exporter',
      command: binary('prometheus-postgres-exporter'),
      args: [`--web.listen-address=${local(ports.postgresExporter)}`],
      env: { DATA_SOURCE_NAME: `postgresql://postgres@127.0.0.1:${ports.postgres}/postgres?sslmode=disable` },
    });

    log('starting node_exporter and blackbox_exporter');
    const nodeExporter = start({
      name: 'node_exporter',
      command: binary('prometheus-node-exporter'),
      args: [`--web.listen-address=${local(ports.nodeExporter)}`],
    });
    writeFileSync(join(scratch, 'blackbox.yml'), BLACKBOX_CONFIG);
    const blackbox = start({
      name: 'blackbox_exporter',
      command: binary('prometheus-blackbox-exporter'),
      args: [`--config.file=${join(scratch, 'blackbox.yml')}`, `--web.listen-address=${local(ports.blackbox)}`],
    });

    log('starting Alertmanager with the generated routing');
    const amConfig = redirectReceivers(
      readFileSync(join(options.generatedDir, 'alertmanager', 'alertmanager.yml'), 'utf8'),
      sink.url,
      options.alertmanagerTimeScale ?? 30,
    );
    writeFileSync(join(scratch, 'alertmanager.yml'), amConfig);
    const alertmanager = start({
      name: 'alertmanager',
      command: binary('prometheus-alertmanager'),
      args: [
        `--config.file=${join(scratch, 'alertmanager.yml')}`,
        `--storage.path=${join(scratch, 'alertmanager-data')}`,
        `--web.listen-address=${local(ports.alertmanager)}`,
        '--cluster.listen-address=',
      ],
    });

    log('starting Prometheus with the generated rules');
    const promConfig = localizePrometheusConfig(readFileSync(join(options.generatedDir, 'prometheus', 'prometheus.yml'), 'utf8'), {
      addresses,
      ruleFiles: [resolve(options.generatedDir, 'prometheus', 'rules', '*.yml')],
      scrapeInterval: `${interval}s`,
      evaluationInterval: `${interval}s`,
      ...(options.remoteWriteUrl ? { remoteWriteUrl: options.remoteWriteUrl } : {}),
    });
    writeFileSync(join(scratch, 'prometheus.yml'), promConfig);
    const prometheus = start({
      name: 'prometheus',
      command: binary('prometheus'),
      args: [
        `--config.file=${join(scratch, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(scratch, 'prometheus-data')}`,
        `--web.listen-address=${local(ports.prometheus)}`,
        '--rules.alert.resend-delay=2s',
      ],
    });

    const ready: [ManagedProcess, string][] = [
      [redisExporter, `http://${local(ports.redisExporter)}/metrics`],
      [postgresExporter, `http://${local(ports.postgresExporter)}/metrics`],
      [nodeExporter, `http://${local(ports.nodeExporter)}/metrics`],
      [blackbox, `http://${local(ports.blackbox)}/metrics`],
      [alertmanager, `http://${local(ports.alertmanager)}/-/ready`],
      [prometheus, `http://${local(ports.prometheus)}/-/ready`],
    ];
    await Promise.all(ready.map(([p, url]) => waitForHttp(p, url)));
    await waitUntil(
      'PostgreSQL to accept connections',
      async () => {
        if (postgres.exited()) throw new Error(`postgres exited:\n${postgres.output()}`);
        execFileSync(join(pgBin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(ports.postgres)], { stdio: 'ignore' });
        return true;
      },
      { timeoutMs: 20_000 },
    );
    log('stack is up');

    return {
      prometheus: new PrometheusApi(`http://${local(ports.prometheus)}`),
      alertmanagerUrl: `http://${local(ports.alertmanager)}`,
      sink,
      simulator,
      intervalSeconds: interval,
      addresses,
      selfScrape,
      processes,
      scratch,
      startedAt: Date.now(),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
