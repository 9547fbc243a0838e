/**
 * Multi-window, multi-burn-rate alert tiers. Each tier fires when the error ratio over both its windows exceeds
 * `factor × error budget`, where factor = budget share × period / long window: the burn rate at which the tier's
 * share of the budget is gone within the long window.
 *
 * The windows are the SRE workbook's for every period; only the factors scale with the period. A 30-day period
 * gives 14.4, 6, 3 and 1; 28 days 13.44, 5.6, 2.8 and 14/15 (0.9333…); 7 days 3.36, 1.4, 0.7 and 7/30 (0.2333…);
 * 90 days 43.2, 18, 9 and 3. A factor below 1 (short periods) still means "this share of the budget is gone within
 * the long window", which for a 7-day period is a real risk to the period even at a burn rate under 1.
 *
 * Factors and thresholds stay exact fractions (`Exact`) until they are written; see `decimal.ts` for how a
 * fraction without a finite decimal is written so that Prometheus compares against it as the maths says.
 */
import { Exact } from './decimal';
import { durationSeconds } from '../promql/duration';
import type { Duration } from '../promql/duration';
import type { AlertSeverity } from '../model/alerts';

export interface BurnRateTier {
  /** Label value of `slo_tier`. */
  readonly name: 'page-fast' | 'page-slow' | 'ticket-fast' | 'ticket-slow';
  /** Share of the period's error budget the tier watches (0.02 = 2 %). */
  readonly budgetShare: string;
  readonly longWindow: Duration;
  readonly shortWindow: Duration;
  readonly severity: AlertSeverity;
}

export const BURN_RATE_TIERS: readonly BurnRateTier[] = [
  { name: 'page-fast', budgetShare: '0.02', longWindow: '1h', shortWindow: '5m', severity: 'critical' },
  { name: 'page-slow', budgetShare: '0.05', longWindow: '6h', shortWindow: '30m', severity: 'critical' },
  { name: 'ticket-fast', budgetShare: '0.1', longWindow: '1d', shortWindow: '2h', severity: 'warning' },
  { name: 'ticket-slow', budgetShare: '0.1', longWindow: '3d', shortWindow: '6h', severity: 'warning' },
];

/** Every window an SLI is recorded over for alerting, shortest first. */
export const ALERT_WINDOWS: readonly Duration[] = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];

/** The error budget of an objective in percent: (100 − objective) / 100, exactly. */
export function errorBudget(objectivePercent: number): Exact {
  return Exact.of(100).minus(Exact.of(objectivePercent)).dividedBy(Exact.of(100));
}

/** The tier's burn-rate factor for a period of `periodDays` days. */
export function burnRateFactor(tier: BurnRateTier, periodDays: number): Exact {
  const periodSeconds = Exact.of(periodDays * 86_400);
  return Exact.of(tier.budgetShare).times(periodSeconds).dividedBy(Exact.of(durationSeconds(tier.longWindow)));
}

/**
 * The error-ratio threshold of a tier: factor × error budget. At 1 or above the tier can never fire. The alert
 * compares the error ratio with this number itself, not the burn rate (ratio ÷ budget) with the factor: float64
 * division rounds, so a ratio equal to the threshold could give a burn rate a hair above or below the factor.
 */
export function errorRatioThreshold(tier: BurnRateTier, periodDays: number, objectivePercent: number): Exact {
  return burnRateFactor(tier, periodDays).times(errorBudget(objectivePercent));
}
