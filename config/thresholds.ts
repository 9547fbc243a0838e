/**
 * Every alert threshold and `for` duration, named after its alert, with its default, unit and range. Each entry
 * says when to change it. Alert definitions, their scenarios and the dashboards read these numbers from the
 * settings only, so a review of this file shows every number that pages someone, and a `--config` override of one
 * changes the alert, its tests and its panels together.
 */
import { z } from 'zod';
import { count, group, pending, ratio, seconds, window } from '../engine/settings/values';
import { durationSeconds } from '../engine/promql/duration';

/** Thresholds of an alert with a warning and a critical ratio: the warning must come first. */
const warningBelowCritical = <S extends z.ZodRawShape>(shape: S) =>
  group(shape, (t) => ((t.warningRatio as number) < (t.criticalRatio as number) ? undefined : { path: 'warningRatio', message: 'must be below criticalRatio' }));

/**
 * Thresholds of an alert on failures counted over `window`: a single failure stays in the window only that long,
 * so the `for` must end at least a minute before it does, or one failure never fires.
 */
const failuresInWindow = <S extends z.ZodRawShape>(shape: S) =>
  group(shape, (t) =>
    durationSeconds(t.for as string) <= durationSeconds(t.window as string) - 60
      ? undefined
      : { path: 'for', message: `must be at least a minute shorter than window (${String(t.window)}): a single failure leaves the window before a longer for ends, so it never fires` },
  );

/**
 * Thresholds of an alert on a timestamp metric that lies in the future: a time in milliseconds, or a clock far ahead,
 * blinds every alert that reads the metric's age. `toleranceSeconds` is how far ahead of Prometheus' clock a time
 * may be (the services' clock skew); raise it only if the hosts' clocks drift that far.
 */
const futureTimestamp = () => group({ toleranceSeconds: seconds(60), for: pending('1m') });

export const thresholdsSchema = group({
  /** A scrape target is down. Raise `for` only if a service's normal restarts take longer than this. */
  CdbTargetDown: group({ for: pending('2m') }),
  /** A job expected by prometheus.yml has no targets at all. Lower `for` if config changes are instant here. */
  CdbScrapeTargetVanished: group({ for: pending('5m') }),
  /** blackbox_exporter answers no probe at all: every health check is blind. Raise `for` only for slow restarts. */
  CdbBlackboxExporterDown: group({ for: pending('2m') }),
  /** A health endpoint fails its blackbox probe. Raise `for` if a service's health checks are slow to recover. */
  CdbHealthEndpointFailing: group({ for: pending('2m') }),
  /** A health probe cannot be scraped or returns no result: the service's health is unknown. Raise `for` only for slow probes. */
  CdbHealthUnknown: group({ for: pending('2m') }),
  /**
   * A target or health probe that changes between up and down `minChanges` times within `window` is flapping, even
   * when no outage lasts as long as CdbTargetDown's or CdbHealthEndpointFailing's `for`. No `for`: the window is
   * how long the flapping must be seen. Raise `minChanges` if a deploy restarts a service more than once; lengthen
   * `window` to catch slower flapping.
   */
  CdbTargetFlapping: group({ window: window('10m', '2m'), minChanges: count(6, 3) }),
  /** Container (re)starts within an hour before it counts as a crash loop. Lower it if one restart matters. */
  CdbContainerRestarting: group({ startsPerHour: count(3), for: pending('0m') }),
  /** CPU use as a share of the container's quota. Change with the containers' CPU limits or their load. */
  CdbContainerCpuNearLimit: group({ ratio: ratio(0.9), for: pending('15m') }),
  /** Working-set memory as a share of the limit: warning, and critical just before the OOM killer. Change with `mem_limit`. */
  CdbContainerMemoryNearLimit: warningBelowCritical({ warningRatio: ratio(0.85), criticalRatio: ratio(0.95), for: pending('10m') }),
  /**
   * How much history the prediction of a disk's free space uses (it looks a whole block ahead: `block.hours`).
   * Lengthen `lookback` if the disk's growth is bursty, shorten it to react faster to a new slope.
   */
  CdbDiskWillFillBeforeBlockEnds: group({ lookback: window('6h', '1m'), for: pending('30m') }),
  /**
   * Free share of a real filesystem at or below which it pages: the prediction above resolves once a disk is full
   * and flat, this one does not. Raise `freeRatio` on disks that fill in bursts; 0 pages only a full disk.
   */
  CdbDiskNearlyFull: group({ freeRatio: ratio(0.05), for: pending('5m') }),
  /**
   * An exporter that is up no longer exposes a series a critical alert reads (a failing collector, cAdvisor without
   * the docker socket, an unmounted filesystem). Raise `for` only if an exporter's collectors are slow to start.
   */
  CdbExporterMetricsMissing: group({ for: pending('5m') }),
  /** A bus topic is published but not consumed. Raise `for` if a consumer's normal restart takes longer. */
  CdbBusTopicNotConsumed: group({ for: pending('5m') }),
  /** A topic is consumed while no service reports publishing it: the publish counter is lost. Raise `for` if publishers are slow to start. */
  CdbBusPublishCounterMissing: group({ for: pending('5m') }),
  /** Redis is unreachable. It carries every message between layers, so keep `for` short. */
  CdbRedisDown: group({ for: pending('1m') }),
  /** No pub/sub channel is active while Redis is up: the services lost their subscriptions. Raise `for` if services resubscribe slowly. */
  CdbRedisPubSubChannelsGone: group({ for: pending('5m') }),
  /** PostgreSQL is unreachable. Raise `for` only if failovers take longer than this. */
  CdbPostgresDown: group({ for: pending('1m') }),
  /** Connections in use as a share of max_connections. Change with max_connections or the writers' pool sizes. */
  CdbPostgresNearMaxConnections: warningBelowCritical({ warningRatio: ratio(0.8), criticalRatio: ratio(0.95), for: pending('5m') }),
  /** Rule evaluations failed in this window. Any failure blinds a rule; keep it at zero. */
  CdbPrometheusRuleEvaluationFailures: failuresInWindow({ window: window('10m', '1m'), for: pending('0m') }),
  /** The last configuration reload failed. Raise `for` if reloads are retried by automation. */
  CdbPrometheusConfigReloadFailed: group({ for: pending('10m') }),
  /** The last Alertmanager configuration reload failed. Raise `for` if reloads are retried by automation. */
  CdbAlertmanagerConfigReloadFailed: group({ for: pending('10m') }),
  /** Notifications failed in this window. Any failure means a page may not have arrived; shorten `for` if pages matter more than chat noise. */
  CdbAlertmanagerNotificationsFailing: failuresInWindow({ window: window('15m', '1m'), for: pending('5m') }),

  /** Seconds since the last market-data message. Change with the slowest channel's normal message gap. */
  CdbMarketDataStale: group({ maxAgeSeconds: seconds(120, { whole: true }), for: pending('2m') }),
  /** The last-message time of an exchange lies in the future: CdbMarketDataStale cannot see the feed's age. */
  CdbMarketDataTimestampInFuture: futureTimestamp(),
  /** The websocket is disconnected. Raise `for` if the client's own reconnect takes longer than this. */
  CdbWebsocketDisconnected: group({ for: pending('2m') }),
  /** Reconnections in the last hour that make a reconnect storm. Change with the exchange's usual stability. */
  CdbWebsocketReconnectStorm: group({ reconnectsPerHour: count(10), for: pending('10m') }),

  /** The Zero-Activity Incident window for signals: 24 hours by the operating rules of phase N1. Change only with those rules. */
  CdbZeroActivitySignals: group({ window: window('24h', '1m'), for: pending('5m') }),
  /** The last-signal time lies in the future; CdbZeroActivitySignals trusts no time further ahead than the tolerance. */
  CdbLastSignalTimestampInFuture: futureTimestamp(),
  /** Share of strategy evaluations that fail. Change when a strategy's input is known to be noisy. */
  CdbSignalErrorRatioHigh: group({ ratio: ratio(0.05), for: pending('10m') }),
  /** p99 of signal processing in seconds. Change with the strategies' latency budget. */
  CdbSignalLatencyHigh: group({ p99Seconds: seconds(1), for: pending('10m') }),

  /** The circuit breaker is open: trading has stopped. Raise `for` if the breaker is expected to trip briefly. */
  CdbCircuitBreakerOpen: group({ for: pending('1m') }),
  /**
   * Share of signals rejected, counted only with at least `minDecisions5m` decisions in 5 minutes so a trickle of
   * signals cannot hold a ticket open. Change the ratio if a strategy is meant to be filtered heavily by risk.
   */
  CdbRiskRejectionRatioSpike: group({ ratio: ratio(0.9), minDecisions5m: count(5), for: pending('15m') }),
  /** Drawdown above its configured limit; the limit itself is a metric, so only the delay lives here. Keep it short. */
  CdbDrawdownOverLimit: group({ for: pending('1m') }),
  /**
   * cdb_risk is up but does not export its circuit breaker or drawdown gauges, so the two alerts above are blind.
   * Raise `for` only if cdb_risk takes longer than this after its start to set them.
   */
  CdbRiskGaugeMissing: group({ for: pending('2m') }),
  /** A risk gauge holds a value it cannot hold (a ratio outside [0, 1], a breaker neither 0 nor 1). Raise `for` only for a known brief glitch. */
  CdbRiskGaugeImplausible: group({ for: pending('2m') }),

  /** The last-paper-trade time lies in the future; CdbZeroActivityPaperTrades trusts no time further ahead than the tolerance. */
  CdbLastPaperTradeTimestampInFuture: futureTimestamp(),
  /** The Zero-Activity Incident window for paper trades: 24 hours by the operating rules of phase N1. Change only with those rules. */
  CdbZeroActivityPaperTrades: group({ window: window('24h', '1m'), for: pending('5m') }),
  /**
   * Live trading pages at once; it keeps firing for a while after the sign goes away so a brief flip is not
   * lost. Never add a `for`. `paperTradeLag` is how long after counting a fill cdb_execution may take to count it
   * as a paper trade (a scrape may see one counter move before the other): a fill not counted as a paper trade
   * within it pages. Keep it at least a scrape interval longer than the real lag, and short.
   */
  CdbLiveTradingDetected: group({ keepFiringFor: pending('15m'), paperTradeLag: window('1m', '1m') }),
  /**
   * cdb_execution is up but does not export the paper-mode series or the trade counters that confirm paper trading.
   * Raise `for` only if cdb_execution takes longer than this after its start to set its mode.
   */
  CdbPaperModeUnconfirmed: group({ for: pending('1m') }),
  /** Share of submitted orders that fail. Change with the paper exchange's normal rejection rate. */
  CdbOrderFailureRatioHigh: group({ ratio: ratio(0.2), for: pending('10m') }),
  /** p99 of order execution in seconds. Change with the execution latency budget. */
  CdbExecutionLatencyHigh: group({ p99Seconds: seconds(5), for: pending('10m') }),

  /**
   * Share of a table's writes that fail, counted once the table had `minWrites5m` writes in 5 minutes. Lower the
   * ratio for the trade tables if even one lost order matters; raise the minimum if quiet tables flap.
   */
  CdbDbWriteErrors: group({ ratio: ratio(0.01), minWrites5m: count(20), for: pending('5m') }),
  /** Events waiting to be written, and the window over which the backlog must have grown. Raise `minBacklog` with the write batch size. */
  CdbDbWriterBacklogGrowing: group({ minBacklog: count(1000), window: window('15m', '1m'), for: pending('15m') }),
  /** Seconds since any table was last written. Change with the quietest period of the market-data writes. */
  CdbDbNoSuccessfulWrite: group({ maxAgeSeconds: seconds(900, { whole: true }), for: pending('5m') }),
  /**
   * How far ahead of Prometheus' clock a table's last-write time may lie (`toleranceSeconds`, the clock skew) before
   * it is implausible: milliseconds, or a clock far ahead. Raise it only if the hosts' clocks drift that far.
   */
  CdbDbWriteTimestampInFuture: group({ toleranceSeconds: seconds(60), for: pending('1m') }),
  /**
   * A trade table (orders, fills, positions) whose writes failed within `window` with not one success in it. The
   * window must be longer than the usual gap between two trade writes to see a failure at all; `for` is the time a
   * retry has to succeed before the row counts as lost.
   */
  CdbTradeRowsLost: failuresInWindow({ window: window('15m', '1m'), for: pending('5m') }),
  /** A write counter of a trade table is missing while the writer is scraped. Raise `for` only if the writer exposes its counters late after a start. */
  CdbTradeWriteCountersMissing: group({ for: pending('5m') }),
  /** p99 of read queries in seconds. Change with the reports' latency budget. */
  CdbDbSlowQueries: group({ p99Seconds: seconds(2), for: pending('15m') }),
});

export type Thresholds = z.output<typeof thresholdsSchema>;
