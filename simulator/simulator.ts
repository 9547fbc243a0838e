/**
 * The simulated CdB stack on 127.0.0.1: one endpoint per simulated job, fed by the traffic model on a timer,
 * with the controls the live verification uses (stop and restart a service, stop a topic, switch the mode).
 */
import { catalog } from '../catalog';
import type { Metric } from '../engine/catalog/metric';
import { SERVICES, type CdbService } from '../config/services';
import { PromClientSink } from './prom-client-sink';
import { startServiceEndpoint, type ServiceEndpoint } from './service-endpoint';
import { SIMULATED_JOBS, TrafficModel, type BusTopic, type ExecutionMode, type SimulatedJob } from './traffic-model';

export interface SimulatorOptions {
  /** Milliseconds between traffic steps. */
  readonly tickMs?: number;
  readonly seed?: number;
  /** Fixed ports by job; a job not listed gets a free port. */
  readonly ports?: Partial<Record<SimulatedJob, number>>;
}

export interface Simulator {
  /** `127.0.0.1:<port>` of each job's endpoint. */
  readonly addresses: ReadonlyMap<SimulatedJob, string>;
  /** The health endpoint path of each job. */
  readonly healthPaths: ReadonlyMap<SimulatedJob, string>;
  readonly model: TrafficModel;
  /** Stops a service: its endpoint refuses connections and it records nothing. */
  stopService(job: SimulatedJob): Promise<void>;
  /** Starts a stopped service again on the same port, with fresh counters as after a restart. */
  restartService(job: SimulatedJob): Promise<void>;
  stopTopic(topic: BusTopic): void;
  resumeTopic(topic: BusTopic): void;
  setExecutionMode(mode: ExecutionMode): void;
  /** Stops exposing a metric on a job's endpoint, as a service that stopped writing it would. */
  hideMetric(job: SimulatedJob, metric: Metric): void;
  /** Exposes a hidden metric again. */
  showMetric(job: SimulatedJob, metric: Metric): void;
  /**
   * Takes a service down for `downMs` of every `periodMs` (each return a restart, counters reset) until the
   * returned function is called, which leaves it running.
   */
  flapService(job: SimulatedJob, o: { readonly downMs: number; readonly periodMs: number }): () => Promise<void>;
  close(): Promise<void>;
}

const HEALTH_PATHS: ReadonlyMap<SimulatedJob, string> = new Map<SimulatedJob, string>(
  SIMULATED_JOBS.map((job) => [job, (SERVICES as readonly CdbService[]).find((s) => s.name === job)?.healthPath ?? '/healthz']),
);

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sink = new PromClientSink(catalog);
  const model = new TrafficModel(options.seed);
  const seconds = () => Date.now() / 1000;
  for (const job of SIMULATED_JOBS) sink.reset(job);
  model.start(sink, seconds());

  const endpoints = new Map<SimulatedJob, ServiceEndpoint>();
  const addresses = new Map<SimulatedJob, string>();
  const listen = async (job: SimulatedJob, port: number) => {
    const endpoint = await startServiceEndpoint({
      port,
      healthPath: HEALTH_PATHS.get(job)!,
      registry: () => sink.registry(job).registry,
      healthy: () => model.isRunning(job),
    });
    endpoints.set(job, endpoint);
    addresses.set(job, endpoint.address);
  };
  for (const job of SIMULATED_JOBS) await listen(job, options.ports?.[job] ?? 0);

  let last = seconds();
  const timer = setInterval(() => {
    const now = seconds();
    model.step(sink, now, now - last);
    last = now;
  }, options.tickMs ?? 500);

  /** Flapping services: their timer, and the cycle in progress. */
  const flappers = new Map<ReturnType<typeof setInterval>, () => Promise<void>>();
  let closed = false;
  const simulator: Simulator = {
    addresses,
    healthPaths: HEALTH_PATHS,
    model,
    async stopService(job) {
      model.stop(job);
      await endpoints.get(job)?.close();
      endpoints.delete(job);
    },
    async restartService(job) {
      if (endpoints.has(job)) throw new Error(`${job} is running`);
      sink.reset(job);
      model.restart(job, sink, seconds());
      await listen(job, Number(addresses.get(job)!.split(':')[1]));
    },
    stopTopic: (topic) => model.stopTopic(topic),
    resumeTopic: (topic) => model.resumeTopic(topic),
    setExecutionMode: (mode) => model.setExecutionMode(mode),
    hideMetric: (job, metric) => sink.hide(job, metric),
    showMetric: (job, metric) => sink.show(job, metric),
    flapService(job, o) {
      let cycle = Promise.resolve();
      const flap = () => {
        cycle = cycle.then(async () => {
          if (closed) return;
          await simulator.stopService(job);
          await new Promise((r) => setTimeout(r, o.downMs));
          if (!closed) await simulator.restartService(job);
        });
      };
      flap();
      const flapping = setInterval(flap, o.periodMs);
      flappers.set(flapping, () => cycle);
      return async () => {
        clearInterval(flapping);
        flappers.delete(flapping);
        await cycle;
      };
    },
    async close() {
      clearInterval(timer);
      closed = true;
      for (const f of flappers.keys()) clearInterval(f);
      await Promise.all([...flappers.values()].map((cycle) => cycle()));
      await Promise.all([...endpoints.values()].map((e) => e.close()));
      endpoints.clear();
    },
  };
  return simulator;
}
