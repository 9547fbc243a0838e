/** Layer 4, Risk Layer: metrics of cdb_risk. */
import { metric } from '../../engine/catalog/metric';

const exposedBy = ['cdb_risk'];

/** Why the risk manager decided as it did; `within_limits` is the reason of every approval. */
export const RISK_REASONS = ['within_limits', 'max_exposure', 'max_drawdown', 'position_limit', 'circuit_breaker', 'stale_signal'] as const;
/** The limits the risk manager enforces. */
export const RISK_LIMITS = ['max_exposure', 'max_drawdown', 'position_limit', 'daily_loss'] as const;

export const riskDecisions = metric({
  name: 'cdb_risk_decisions_total',
  type: 'counter',
  help: 'Risk decisions on signals, by outcome and reason.',
  unit: 'count',
  labels: ['decision', 'reason'],
  labelValues: { decision: ['approved', 'rejected'], reason: RISK_REASONS },
  exposedBy,
});

export const riskExposure = metric({
  name: 'cdb_risk_exposure',
  type: 'gauge',
  help: 'Open notional exposure per symbol, in the quote currency.',
  unit: 'quote_currency',
  labels: ['symbol'],
  exposedBy,
});

export const riskExposureLimit = metric({
  name: 'cdb_risk_exposure_limit',
  type: 'gauge',
  help: 'Configured maximum total exposure, in the quote currency.',
  unit: 'quote_currency',
  labels: [],
  exposedBy,
});

export const riskDrawdown = metric({
  name: 'cdb_risk_drawdown_ratio',
  type: 'gauge',
  help: 'Current drawdown of equity from its peak in the block, as a ratio (0.05 = 5 %).',
  unit: 'ratio',
  labels: [],
  exposedBy,
});

export const riskDrawdownLimit = metric({
  name: 'cdb_risk_drawdown_limit_ratio',
  type: 'gauge',
  help: 'Configured maximum drawdown, as a ratio.',
  unit: 'ratio',
  labels: [],
  exposedBy,
});

export const riskLimitBreaches = metric({
  name: 'cdb_risk_limit_breaches_total',
  type: 'counter',
  help: 'Times a risk limit was reached, by limit.',
  unit: 'count',
  labels: ['limit'],
  labelValues: { limit: RISK_LIMITS },
  exposedBy,
});

export const riskCircuitBreakerOpen = metric({
  name: 'cdb_risk_circuit_breaker_open',
  type: 'gauge',
  help: 'Whether the circuit breaker is open (1: all signals rejected) or closed (0).',
  unit: 'boolean',
  labels: [],
  exposedBy,
});

export const riskMetrics = [
  riskDecisions,
  riskExposure,
  riskExposureLimit,
  riskDrawdown,
  riskDrawdownLimit,
  riskLimitBreaches,
  riskCircuitBreakerOpen,
];
