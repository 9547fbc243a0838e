/**
 * Numbers around ratio thresholds for the system alerts' scenarios: counts out of one total around a warning and a
 * critical ratio, and a ratio written as a percentage for a scenario's name.
 */
import { countsAround } from '../../engine/rules/derive';

/** A ratio as a percentage for a scenario's name: 0.951 → `95.1 %`. */
export function percent(ratio: number): string {
  return `${Number((ratio * 100).toPrecision(12))} %`;
}

/** Counts out of `total` just around a warning and a critical ratio. */
export interface CountsAroundPair {
  /** A power of ten, at least 100. */
  readonly total: number;
  /** Just below the warning; undefined for a warning of 0, which nothing is below. */
  readonly belowWarning: number | undefined;
  /** Just above the warning, and below the critical: the warning fires alone. */
  readonly aboveWarning: number;
  /** Just below the critical, and above the warning: the warning fires alone. */
  readonly belowCritical: number;
  /** Just above the critical (at most `total`). */
  readonly aboveCritical: number;
}

/**
 * Counts out of one total around a warning and a critical ratio (warning < critical), so that one scenario can move
 * from one to the other against the same denominator. The total grows until a count lies strictly between the two
 * thresholds, however close they are.
 */
export function countsAroundPair(warning: number, critical: number): CountsAroundPair {
  if (!(warning < critical)) throw new Error(`a warning ratio (${warning}) must be below its critical ratio (${critical})`);
  for (let total = Math.max(countsAround(warning).total, countsAround(critical).total); total <= 1e12; total *= 10) {
    const w = countsAround(warning, total);
    const c = countsAround(critical, total);
    if (w.above <= c.below!) return { total, belowWarning: w.below, aboveWarning: w.above, belowCritical: c.below!, aboveCritical: c.above };
  }
  throw new Error(`no count out of a power of ten lies between the ratios ${warning} and ${critical}`);
}
