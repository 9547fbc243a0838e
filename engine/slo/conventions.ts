/**
 * Every name the SLO engine makes: the `slo:*` series it records (a contract that dashboards, docs and other tools
 * rely on; typed handles let dashboards select them with the labels they carry), its labels, its alert names and
 * its rule files.
 */
import type { Selectable } from '../promql/selector';
import type { Duration } from '../promql/duration';
import type { BurnRateTier } from './burn-rate';

/** Labels the SLO engine puts on every SLO series and alert; definitions may not set them. */
export const RESERVED_SLO_LABELS = ['slo_id', 'slo_service', 'slo_name', 'slo_window', 'slo_tier', 'slo_long_window', 'slo_short_window'] as const;

/** Labels on every SLO series. */
export type SloLabel = 'slo_id' | 'slo_service' | 'slo_name';
/** Labels on SLI error-ratio series. */
export type SliLabel = SloLabel | 'slo_window';

const series = <L extends string>(name: string): Selectable<string, L> => ({ name });

/** `slo:sli_error:ratio_rate<window>`: the SLI's error ratio over a window. */
export const sliErrorRatio = (window: Duration): Selectable<string, SliLabel> => series(`slo:sli_error:ratio_rate${window}`);
export const sloObjective = series<SloLabel>('slo:objective:ratio');
export const sloErrorBudget = series<SloLabel>('slo:error_budget:ratio');
export const sloTimePeriodDays = series<SloLabel>('slo:time_period:days');
/** Error ratio over 5m divided by the error budget. */
export const sloCurrentBurnRate = series<SloLabel>('slo:current_burn_rate:ratio');
/** Error ratio over the period divided by the error budget. */
export const sloPeriodBurnRate = series<SloLabel>('slo:period_burn_rate:ratio');
/** 1 − period burn rate: the share of the period's error budget left (negative once overspent). */
export const sloPeriodErrorBudgetRemaining = series<SloLabel>('slo:period_error_budget_remaining:ratio');
/** Always 1; labels describe the SLO (objective, period, SLI kind, layer). */
export const sloInfo = series<SloLabel | 'slo_objective' | 'slo_period' | 'slo_sli_kind' | 'slo_layer'>('slo:definition:info');
/** The burn-rate factor of each alert tier, so dashboards can draw thresholds. */
export const sloBurnRateThreshold = series<SloLabel | 'slo_tier' | 'slo_window'>('slo:burn_rate_threshold:ratio');

const pascal = (s: string) => s.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());

/** Name of the burn-rate alert of a tier. */
export function burnRateAlertName(prefix: string, tier: BurnRateTier): string {
  return `${prefix}SloBurnRate${pascal(tier.name)}`;
}

/** Name of the alert that says an SLI has no data. */
export function sliMissingAlertName(prefix: string): string {
  return `${prefix}SloSliMissing`;
}

/** Name of the alert that says an SLI's counters exist but no event has been counted for a while. */
export function trafficStoppedAlertName(prefix: string): string {
  return `${prefix}SloTrafficStopped`;
}

/** The rule file (without extension) an SLO's rules and tests are written to. */
export function sloRuleFile(slo: { readonly id: string }): string {
  return `slo-${slo.id}`;
}
