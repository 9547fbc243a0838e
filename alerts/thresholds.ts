/**
 * Every alert threshold and `for` duration, named after its alert. Each entry says when to change it. Alert
 * definitions read their numbers from here only, so a review of this file shows every number that pages someone.
 */
export const THRESHOLDS = {
  /** A scrape target is down. Raise `for` only if a service's normal restarts take longer than this. */
  CdbTargetDown: { for: '2m' },
  /** A job expected by prometheus.yml has no targets at all. Lower `for` if config changes are instant here. */
  CdbScrapeTargetVanished: { for: '5m' },
  /** blackbox_exporter answers no probe at all: every health check is blind. Raise `for` only for slow restarts. */
  CdbBlackboxExporterDown: { for: '2m' },
  /** A health endpoint fails its blackbox probe. Raise `for` if a service's health checks are slow to recover. */
  CdbHealthEndpointFailing: { for: '2m' },
  /** Container (re)starts within an hour before it counts as a crash loop. Lower it if one restart matters. */
  CdbContainerRestarting: { startsPerHour: 3, for: '0m' },
  /** CPU use as a share of the container's quota. Change with the containers' CPU limits or their load. */
  CdbContainerCpuNearLimit: { ratio: 0.9, for: '15m' },
  /** Working-set memory as a share of the limit: warning, and critical just before the OOM killer. Change with `mem_limit`. */
  CdbContainerMemoryNearLimit: { warningRatio: 0.85, criticalRatio: 0.95, for: '10m' },
  /**
   * How far ahead a disk must not fill (a whole 72h block) and how much history the prediction uses.
   * Change `horizonHours` with the block length.
   */
  CdbDiskWillFillBeforeBlockEnds: { horizonHours: 72, lookback: '6h', for: '30m' },
  /** A bus topic is published but not consumed. Raise `for` if a consumer's normal restart takes longer. */
  CdbBusTopicNotConsumed: { for: '5m' },
  /** Redis is unreachable. It carries every message between layers, so keep `for` short. */
  CdbRedisDown: { for: '1m' },
  /** No pub/sub channel is active while Redis is up: the services lost their subscriptions. Raise `for` if services resubscribe slowly. */
  CdbRedisPubSubChannelsGone: { for: '5m' },
  /** PostgreSQL is unreachable. Raise `for` only if failovers take longer than this. */
  CdbPostgresDown: { for: '1m' },
  /** Connections in use as a share of max_connections. Change with max_connections or the writers' pool sizes. */
  CdbPostgresNearMaxConnections: { warningRatio: 0.8, criticalRatio: 0.95, for: '5m' },
  /** Rule evaluations failed in this window. Any failure blinds a rule; keep it at zero. */
  CdbPrometheusRuleEvaluationFailures: { window: '10m', for: '0m' },
  /** The last configuration reload failed. Raise `for` if reloads are retried by automation. */
  CdbPrometheusConfigReloadFailed: { for: '10m' },
  /** The last Alertmanager configuration reload failed. Raise `for` if reloads are retried by automation. */
  CdbAlertmanagerConfigReloadFailed: { for: '10m' },
  /** Notifications failed in this window. Any failure means a page may not have arrived; shorten `for` if pages matter more than chat noise. */
  CdbAlertmanagerNotificationsFailing: { window: '15m', for: '5m' },

  /** Seconds since the last market-data message. Change with the slowest channel's normal message gap. */
  CdbMarketDataStale: { maxAgeSeconds: 120, for: '2m' },
  /** The websocket is disconnected. Raise `for` if the client's own reconnect takes longer than this. */
  CdbWebsocketDisconnected: { for: '2m' },
  /** Reconnections in the last hour that make a reconnect storm. Change with the exchange's usual stability. */
  CdbWebsocketReconnectStorm: { reconnectsPerHour: 10, for: '10m' },

  /** The Zero-Activity Incident window for signals: 24 hours by the operating rules of phase N1. Change only with those rules. */
  CdbZeroActivitySignals: { window: '24h', for: '5m' },
  /** Share of strategy evaluations that fail. Change when a strategy's input is known to be noisy. */
  CdbSignalErrorRatioHigh: { ratio: 0.05, for: '10m' },
  /** p99 of signal processing in seconds. Change with the strategies' latency budget. */
  CdbSignalLatencyHigh: { p99Seconds: 1, for: '10m' },

  /** The circuit breaker is open: trading has stopped. Raise `for` if the breaker is expected to trip briefly. */
  CdbCircuitBreakerOpen: { for: '1m' },
  /**
   * Share of signals rejected, counted only with at least `minDecisions5m` decisions in 5 minutes so a trickle of
   * signals cannot hold a ticket open. Change the ratio if a strategy is meant to be filtered heavily by risk.
   */
  CdbRiskRejectionRatioSpike: { ratio: 0.9, minDecisions5m: 5, for: '15m' },
  /** Drawdown above its configured limit; the limit itself is a metric, so only the delay lives here. Keep it short. */
  CdbDrawdownOverLimit: { for: '1m' },

  /** The Zero-Activity Incident window for paper trades: 24 hours by the operating rules of phase N1. Change only with those rules. */
  CdbZeroActivityPaperTrades: { window: '24h', for: '5m' },
  /**
   * Live trading pages at once; it keeps firing for a while after the sign goes away so a brief flip is not
   * lost. Never add a `for`.
   */
  CdbLiveTradingDetected: { keepFiringFor: '15m' },
  /** Share of submitted orders that fail. Change with the paper exchange's normal rejection rate. */
  CdbOrderFailureRatioHigh: { ratio: 0.2, for: '10m' },
  /** p99 of order execution in seconds. Change with the execution latency budget. */
  CdbExecutionLatencyHigh: { p99Seconds: 5, for: '10m' },

  /**
   * Share of a table's writes that fail, counted once the table had `minWrites5m` writes in 5 minutes. Lower the
   * ratio for the trade tables if even one lost order matters; raise the minimum if quiet tables flap.
   */
  CdbDbWriteErrors: { ratio: 0.01, minWrites5m: 20, for: '5m' },
  /** Events waiting to be written, and the window over which the backlog must have grown. Raise `minBacklog` with the write batch size. */
  CdbDbWriterBacklogGrowing: { minBacklog: 1000, window: '15m', for: '15m' },
  /** Seconds since any table was last written. Change with the quietest period of the market-data writes. */
  CdbDbNoSuccessfulWrite: { maxAgeSeconds: 900, for: '5m' },
  /** p99 of read queries in seconds. Change with the reports' latency budget. */
  CdbDbSlowQueries: { p99Seconds: 2, for: '15m' },
} as const;
