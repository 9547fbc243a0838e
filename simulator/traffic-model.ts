/**
 * The traffic of a running Claire de Binare stack, following its event flow over the Redis bus:
 * market data (cdb_ws) → signals (cdb_core) → risk decisions (cdb_risk) → paper orders and fills
 * (cdb_execution) → rows written to PostgreSQL (cdb_db_writer), with the block and its reports driven by
 * cdb_paper_runner. cAdvisor and Grafana, which have no stand-in on a machine without containers or Grafana, are
 * simulated from their catalog entries too.
 *
 * The model is pure and seeded: it is advanced by `step(now, seconds)` and writes through a `MetricSink`, so the
 * same traffic drives live /metrics endpoints and a 72-hour backfill. Controls stop a service (its events and
 * everything downstream of them stop), stop one topic of the flow, and switch the execution mode.
 */
import { catalog } from '../catalog';
import * as cdb from '../catalog/cdb';
import * as exporters from '../catalog/exporters';
import { BUS_TOPICS } from '../catalog/cdb';
import { APPLICATION_SERVICES, SERVICES, type ApplicationService } from '../config/services';
import { Random } from './random';
import type { Labels, MetricSink, ServiceSink } from './metric-sink';
import { EXCHANGE, labelCombinations, STRATEGIES, SYMBOLS } from './vocabulary';

export type BusTopic = (typeof BUS_TOPICS)[number];
export type ExecutionMode = 'paper' | 'live';

/** Every job the simulator serves: the six application services and the two stand-ins. */
export const SIMULATED_JOBS = [...APPLICATION_SERVICES, 'cdb_grafana', 'cadvisor'] as const;
export type SimulatedJob = (typeof SIMULATED_JOBS)[number];

/** Market-data messages per second and channel; trades and tickers are published on the bus. */
const CHANNEL_RATES = { trades: 8, ticker: 3, orderbook: 10, klines: 0.5 } as const;
/** Mean seconds between signals of one strategy. */
const SECONDS_PER_SIGNAL = 20;
const SIGNAL_ERROR_RATIO = 0.001;
const APPROVAL_RATIO = 0.85;
const FILL_RATIO = 0.97;
const WRITE_ERROR_RATIO = 0.0005;

const DEPENDENCIES: Record<ApplicationService, readonly ('redis' | 'postgres' | 'exchange')[]> = {
  cdb_ws: ['redis', 'exchange'],
  cdb_core: ['redis'],
  cdb_risk: ['redis'],
  cdb_execution: ['redis', 'exchange'],
  cdb_db_writer: ['redis', 'postgres'],
  cdb_paper_runner: ['redis', 'postgres'],
};

const TOPIC_TABLE: Record<BusTopic, (typeof cdb.DB_TABLES)[number]> = {
  market_data: 'market_snapshots',
  signals: 'signals',
  risk_decisions: 'risk_decisions',
  orders: 'orders',
  fills: 'fills',
};

const HOUR = 3600;
const BLOCK_SECONDS = 72 * HOUR;
const CONTAINER_MEMORY_LIMIT = 1024 ** 3;

/** Messages published on each topic during one step. */
type Published = Record<BusTopic, number>;

export class TrafficModel {
  private readonly random: Random;
  private readonly stoppedJobs = new Set<SimulatedJob>();
  private readonly stoppedTopics = new Set<BusTopic>();
  private executionMode: ExecutionMode = 'paper';
  private readonly startTimes = new Map<SimulatedJob, number>();
  private blockStart = 0;
  private lastHourlyReport = 0;
  private lastDailyReport = 0;
  private equity = 10_000;
  private peakEquity = 10_000;
  private realizedPnl = 0;
  private positions = 0;
  private readonly exposure = new Map<string, number>(SYMBOLS.map((s) => [s, 0]));

  constructor(seed = 72) {
    this.random = new Random(seed);
  }

  get mode(): ExecutionMode {
    return this.executionMode;
  }

  isRunning(job: SimulatedJob): boolean {
    return !this.stoppedJobs.has(job);
  }

  /** Stops a service: it neither records nor consumes anything until `restart`. */
  stop(job: SimulatedJob): void {
    this.stoppedJobs.add(job);
  }

  /** Marks a service as started again at `now`; its sink must be fresh, as after a process restart. */
  restart(job: SimulatedJob, sink: MetricSink, now: number): void {
    this.stoppedJobs.delete(job);
    this.initialise(job, sink.service(job), now);
  }

  /** Stops the messages of one topic: its producer keeps running but publishes nothing. */
  stopTopic(topic: BusTopic): void {
    this.stoppedTopics.add(topic);
  }

  resumeTopic(topic: BusTopic): void {
    this.stoppedTopics.delete(topic);
  }

  setExecutionMode(mode: ExecutionMode): void {
    this.executionMode = mode;
  }

  /** Starts every running job at `now`, with the current block begun `blockAge` seconds earlier. */
  start(sink: MetricSink, now: number, blockAge = 6 * HOUR): void {
    this.blockStart = now - blockAge;
    this.lastHourlyReport = now - (blockAge % HOUR);
    this.lastDailyReport = now - (blockAge % (24 * HOUR));
    for (const job of SIMULATED_JOBS) if (this.isRunning(job)) this.initialise(job, sink.service(job), now);
  }

  /** Advances the traffic by `seconds`, ending at `now`. */
  step(sink: MetricSink, now: number, seconds: number): void {
    const published: Published = { market_data: 0, signals: 0, risk_decisions: 0, orders: 0, fills: 0 };
    let approvedSignals = 0;
    this.run('cdb_ws', sink, (s) => this.marketData(s, now, seconds, published));
    this.run('cdb_core', sink, (s) => this.signals(s, now, published));
    this.run('cdb_risk', sink, (s) => {
      approvedSignals = this.risk(s, published, seconds);
    });
    this.run('cdb_execution', sink, (s) => this.execution(s, now, approvedSignals, published));
    this.run('cdb_db_writer', sink, (s) => this.writes(s, now, published));
    this.run('cdb_paper_runner', sink, (s) => this.paperRunner(s, now, published));
    this.run('cdb_grafana', sink, (s) => this.grafana(s, seconds));
    this.run('cadvisor', sink, (s) => this.containers(s, now, seconds));
  }

  private run(job: SimulatedJob, sink: MetricSink, body: (s: ServiceSink) => void): void {
    if (this.isRunning(job)) body(sink.service(job));
  }

  private publish(s: ServiceSink, published: Published, topic: BusTopic, count: number): void {
    if (this.stoppedTopics.has(topic) || count === 0) return;
    published[topic] += count;
    s.inc(cdb.busMessagesPublished, { topic }, count);
  }

  private consume(s: ServiceSink, published: Published, topic: BusTopic): number {
    const count = published[topic];
    if (count > 0) s.inc(cdb.busMessagesConsumed, { topic }, count);
    return count;
  }

  // --- one method per service, in event-flow order ---

  private marketData(s: ServiceSink, now: number, seconds: number, published: Published): void {
    let received = 0;
    let forwarded = 0;
    for (const [channel, rate] of Object.entries(CHANNEL_RATES)) {
      const count = this.random.poisson(rate, seconds);
      s.inc(cdb.wsMessagesReceived, { exchange: EXCHANGE, channel }, count);
      received += count;
      if (channel === 'trades' || channel === 'ticker') forwarded += count;
    }
    if (received > 0) s.set(cdb.wsLastMessageTimestamp, { exchange: EXCHANGE }, now);
    if (this.random.chance(seconds / (12 * HOUR))) s.inc(cdb.wsReconnects, { exchange: EXCHANGE, reason: 'closed_by_server' });
    s.set(cdb.screenerSymbols, { state: 'selected' }, SYMBOLS.length);
    this.publish(s, published, 'market_data', forwarded);
  }

  private signals(s: ServiceSink, now: number, published: Published): void {
    const events = this.consume(s, published, 'market_data');
    const signalChance = 1 / (SECONDS_PER_SIGNAL * (CHANNEL_RATES.trades + CHANNEL_RATES.ticker));
    let generated = 0;
    for (const strategy of STRATEGIES) {
      s.inc(cdb.signalEvaluations, { strategy }, events);
      for (let i = 0; i < events; i++) {
        s.observe(cdb.signalProcessingDuration, { strategy }, this.random.logNormal(0.006, 0.6));
        if (this.random.chance(SIGNAL_ERROR_RATIO)) {
          s.inc(cdb.signalErrors, { strategy, error: this.random.pick(['invalid_input', 'stale_data', 'exception']) });
        } else if (!this.stoppedTopics.has('signals') && this.random.chance(signalChance)) {
          s.inc(cdb.signalsGenerated, { strategy, side: this.random.pick(['buy', 'sell']) });
          s.set(cdb.lastSignalTimestamp, { strategy }, now);
          generated++;
        }
      }
    }
    this.publish(s, published, 'signals', generated);
  }

  /** Returns the number of approved signals. */
  private risk(s: ServiceSink, published: Published, seconds: number): number {
    const signals = this.consume(s, published, 'signals');
    let approved = 0;
    for (let i = 0; i < signals; i++) {
      if (this.random.chance(APPROVAL_RATIO)) {
        approved++;
        s.inc(cdb.riskDecisions, { decision: 'approved', reason: 'within_limits' });
      } else {
        const reason = this.random.pick(['max_exposure', 'max_drawdown', 'position_limit', 'stale_signal'] as const);
        s.inc(cdb.riskDecisions, { decision: 'rejected', reason });
        if (reason !== 'stale_signal') s.inc(cdb.riskLimitBreaches, { limit: reason });
      }
    }
    for (const symbol of SYMBOLS) {
      const next = Math.min(3000, Math.max(0, this.exposure.get(symbol)! + this.random.normal() * 20 * Math.sqrt(seconds)));
      this.exposure.set(symbol, next);
      s.set(cdb.riskExposure, { symbol }, Math.round(next * 100) / 100);
    }
    s.set(cdb.riskDrawdown, {}, Math.round((1 - this.equity / this.peakEquity) * 1e6) / 1e6);
    this.publish(s, published, 'risk_decisions', signals);
    return this.stoppedTopics.has('risk_decisions') ? 0 : approved;
  }

  private execution(s: ServiceSink, now: number, approved: number, published: Published): void {
    this.consume(s, published, 'risk_decisions');
    let fills = 0;
    for (let i = 0; i < approved; i++) {
      const side = this.random.pick(['buy', 'sell'] as const);
      s.inc(cdb.ordersSubmitted, { side });
      s.observe(cdb.orderExecutionDuration, {}, this.random.logNormal(0.12, 0.5));
      if (this.random.chance(FILL_RATIO)) {
        fills++;
        s.inc(cdb.ordersFilled, { side });
        s.observe(cdb.orderSlippage, {}, this.random.logNormal(0.0006, 0.7));
        if (this.executionMode === 'paper') {
          s.inc(cdb.paperTrades, { side });
          s.set(cdb.lastPaperTradeTimestamp, {}, now);
        }
        this.positions = Math.max(0, Math.min(5, this.positions + (side === 'buy' ? 1 : -1)));
        const trade = this.random.normal() * 4;
        this.realizedPnl += trade;
        this.equity += trade;
        this.peakEquity = Math.max(this.peakEquity, this.equity);
      } else {
        s.inc(cdb.ordersFailed, { reason: this.random.pick(['rejected', 'timeout', 'insufficient_balance', 'error'] as const) });
      }
    }
    s.set(cdb.positionsOpen, {}, this.positions);
    s.set(cdb.equity, {}, Math.round(this.equity * 100) / 100);
    s.set(cdb.pnl, { kind: 'realized' }, Math.round(this.realizedPnl * 100) / 100);
    s.set(cdb.pnl, { kind: 'unrealized' }, Math.round(this.positions * this.random.normal() * 300) / 100);
    s.set(cdb.executionMode, { mode: 'paper' }, this.executionMode === 'paper' ? 1 : 0);
    s.set(cdb.executionMode, { mode: 'live' }, this.executionMode === 'live' ? 1 : 0);
    this.publish(s, published, 'orders', approved);
    this.publish(s, published, 'fills', fills);
  }

  private writes(s: ServiceSink, now: number, published: Published): void {
    for (const topic of BUS_TOPICS) {
      const rows = this.consume(s, published, topic);
      if (rows === 0) continue;
      const table = TOPIC_TABLE[topic];
      this.writeBatch(s, now, table, rows);
      if (topic === 'fills') this.writeBatch(s, now, 'positions', rows);
    }
    s.set(cdb.dbWriterBacklog, {}, this.random.poisson(2, 1));
  }

  private writeBatch(s: ServiceSink, now: number, table: string, rows: number): void {
    const failed = this.random.chance(WRITE_ERROR_RATIO * rows) ? 1 : 0;
    s.inc(cdb.dbWrites, { table, status: 'success' }, rows - failed);
    if (failed > 0) s.inc(cdb.dbWrites, { table, status: 'error' }, failed);
    s.observe(cdb.dbWriteDuration, { table }, this.random.logNormal(0.004 + rows * 0.0002, 0.4));
    if (rows > failed) s.set(cdb.dbLastSuccessfulWriteTimestamp, { table }, now);
  }

  private paperRunner(s: ServiceSink, now: number, published: Published): void {
    this.consume(s, published, 'fills');
    if (now - this.lastHourlyReport >= HOUR) {
      this.lastHourlyReport = now;
      this.report(s, now, 'hourly');
    }
    if (now - this.lastDailyReport >= 24 * HOUR) {
      this.lastDailyReport = now;
      this.report(s, now, 'daily');
    }
    if (now - this.blockStart >= BLOCK_SECONDS) {
      this.report(s, now, 'block');
      this.blockStart = now;
      this.peakEquity = this.equity;
      this.realizedPnl = 0;
      s.set(cdb.blockStartTimestamp, {}, now);
    }
  }

  private report(s: ServiceSink, now: number, report: 'hourly' | 'daily' | 'block'): void {
    s.observe(cdb.dbQueryDuration, { query: 'report_summary' }, this.random.logNormal(0.08, 0.5));
    s.inc(cdb.reportsGenerated, { report, status: 'success' });
    s.set(cdb.lastReportTimestamp, { report }, now);
  }

  private grafana(s: ServiceSink, seconds: number): void {
    for (let i = this.random.poisson(0.5, seconds); i > 0; i--) {
      s.observe(exporters.grafanaHttpRequestDurationSeconds, { handler: '/api/ds/query', status_code: '200', method: 'POST' }, this.random.logNormal(0.04, 0.6));
    }
  }

  private containers(s: ServiceSink, now: number, seconds: number): void {
    for (const service of SERVICES) {
      const labels = containerLabels(service.name);
      s.inc(exporters.containerCpuUsageSecondsTotal, { ...labels, cpu: 'total' }, seconds * (0.05 + this.random.next() * 0.1));
      s.inc(exporters.containerCpuCfsPeriodsTotal, labels, seconds * 10);
      s.set(exporters.containerMemoryWorkingSetBytes, labels, Math.round((180 + this.random.next() * 40) * 1024 ** 2));
      s.set(exporters.containerMemoryUsageBytes, labels, Math.round((240 + this.random.next() * 40) * 1024 ** 2));
      s.set(exporters.containerLastSeen, labels, now);
      s.inc(exporters.containerNetworkReceiveBytesTotal, { ...labels, interface: 'eth0' }, Math.round(seconds * 4000));
      s.inc(exporters.containerNetworkTransmitBytesTotal, { ...labels, interface: 'eth0' }, Math.round(seconds * 3000));
      s.set(exporters.containerFsUsageBytes, { ...labels, device: '/dev/vda1' }, 2 * 1024 ** 3);
    }
  }

  /**
   * What a service exposes from its first scrape: every counter and histogram at zero for each label combination
   * it can produce (as a well-instrumented service does, so error series exist before the first error), and its
   * state gauges.
   */
  private initialise(job: SimulatedJob, s: ServiceSink, now: number): void {
    this.startTimes.set(job, now);
    for (const metric of catalog.metricsExposedBy(job)) {
      if (metric.type !== 'counter' && metric.type !== 'histogram') continue;
      for (const labels of labelCombinations(metric) ?? []) {
        if (metric.type === 'counter') s.inc(metric, labels, 0);
        else s.zero(metric, labels);
      }
    }
    if (job === 'cadvisor') return this.initialiseContainers(s);
    if (job === 'cdb_grafana') {
      s.set(exporters.grafanaBuildInfo, { version: '11.3.0', revision: 'simulated', branch: 'HEAD', goversion: 'go1.22', edition: 'oss' }, 1);
      return;
    }
    s.set(cdb.serviceInfo, { version: '1.0.0', commit: 'simulated' }, 1);
    s.set(cdb.serviceHealthy, {}, 1);
    s.set(cdb.serviceStartTime, {}, now);
    for (const dependency of DEPENDENCIES[job]) s.set(cdb.serviceDependencyUp, { dependency }, 1);
    switch (job) {
      case 'cdb_ws':
        s.set(cdb.wsConnected, { exchange: EXCHANGE }, 1);
        s.set(cdb.wsLastMessageTimestamp, { exchange: EXCHANGE }, now);
        s.set(cdb.screenerSymbols, { state: 'screened' }, 120);
        s.set(cdb.screenerSymbols, { state: 'selected' }, SYMBOLS.length);
        return;
      case 'cdb_core':
        for (const strategy of STRATEGIES) s.set(cdb.lastSignalTimestamp, { strategy }, now);
        return;
      case 'cdb_risk':
        s.set(cdb.riskExposureLimit, {}, 10_000);
        s.set(cdb.riskDrawdownLimit, {}, 0.1);
        s.set(cdb.riskCircuitBreakerOpen, {}, 0);
        s.set(cdb.riskDrawdown, {}, 0);
        return;
      case 'cdb_execution':
        s.set(cdb.executionMode, { mode: 'paper' }, this.executionMode === 'paper' ? 1 : 0);
        s.set(cdb.executionMode, { mode: 'live' }, this.executionMode === 'live' ? 1 : 0);
        s.set(cdb.lastPaperTradeTimestamp, {}, now);
        s.set(cdb.equity, {}, this.equity);
        return;
      case 'cdb_db_writer':
        s.observe(cdb.dbQueryDuration, { query: 'state_recovery' }, this.random.logNormal(0.05, 0.4));
        for (const table of cdb.DB_TABLES) s.set(cdb.dbLastSuccessfulWriteTimestamp, { table }, now);
        return;
      case 'cdb_paper_runner':
        s.set(cdb.blockStartTimestamp, {}, this.blockStart);
        s.set(cdb.blockPlannedDuration, {}, BLOCK_SECONDS);
        s.observe(cdb.dbQueryDuration, { query: 'state_recovery' }, this.random.logNormal(0.05, 0.4));
        s.set(cdb.lastReportTimestamp, { report: 'hourly' }, this.lastHourlyReport);
        s.set(cdb.lastReportTimestamp, { report: 'daily' }, this.lastDailyReport);
        s.set(cdb.lastReportTimestamp, { report: 'block' }, this.blockStart);
        return;
    }
  }

  private initialiseContainers(s: ServiceSink): void {
    for (const service of SERVICES) {
      const labels = containerLabels(service.name);
      s.set(exporters.containerSpecMemoryLimitBytes, labels, CONTAINER_MEMORY_LIMIT);
      s.set(exporters.containerSpecCpuQuota, labels, 100_000);
      s.set(exporters.containerSpecCpuPeriod, labels, 100_000);
      s.set(exporters.containerStartTimeSeconds, labels, this.startTimes.get('cadvisor')! - 3600);
      s.set(exporters.containerFsLimitBytes, { ...labels, device: '/dev/vda1' }, 50 * 1024 ** 3);
      s.inc(exporters.containerCpuCfsThrottledPeriodsTotal, labels, 0);
      s.inc(exporters.containerOomEventsTotal, labels, 0);
    }
  }
}

/** The labels cAdvisor puts on a docker container's series. */
function containerLabels(name: string): Labels {
  return { id: `/docker/${name}`, name, image: `claire-de-binare/${name.replace(/^cdb_/, '')}:n1` };
}
