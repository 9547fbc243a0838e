/**
 * Numbers for alert scenarios, derived from an alert's threshold and `for` instead of copied: the minute a
 * condition has lasted long enough, integer event counts whose ratio lies just above or just below a threshold,
 * counts just above or below a minimum. With them, every valid override of a threshold keeps the alert's own
 * scenarios true.
 */
import { durationSeconds, type Duration } from '../promql/duration';

/** Minutes in a duration (`90s` is 1.5). */
export function minutesOf(duration: Duration | string): number {
  return durationSeconds(duration) / 60;
}

/** A duration in words for alert texts: `24h` is "24 hours", `90m` "90 minutes", `1h30m` "90 minutes". */
export function durationWords(duration: Duration | string): string {
  const s = durationSeconds(duration);
  const [n, unit] = s % 86_400 === 0 && s >= 86_400 * 2 ? [s / 86_400, 'day'] : s % 3600 === 0 ? [s / 3600, 'hour'] : s % 60 === 0 ? [s / 60, 'minute'] : [s, 'second'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** A scenario time of `minutes` minutes after the start, as promtool reads it: whole minutes, else seconds. */
export function at(minutes: number): Duration {
  if (!(minutes >= 0) || !Number.isFinite(minutes)) throw new Error(`not a scenario time: ${minutes} minutes`);
  return Number.isInteger(minutes) ? `${minutes}m` : `${Math.round(minutes * 60)}s`;
}

/**
 * The first evaluation, at one evaluation a minute, at which an alert whose condition first holds at minute
 * `start` fires: Prometheus fires once the condition has held for `for` at an evaluation, so a pending time that is
 * not a whole number of minutes fires at the next whole minute.
 */
export function firesAt(start: number, pending: Duration | string | undefined): number {
  return start + Math.ceil(minutesOf(pending ?? '0s') - 1e-9);
}

/**
 * Integer events per minute whose ratio lies strictly above (`above`) or strictly below (`below`) `ratio`, out of
 * `total` events: far enough from the threshold that the float arithmetic of rates cannot cross it. `total` grows
 * with the precision the ratio needs (0.9999 needs ten thousand events). `below` is undefined for a ratio of 0,
 * which nothing is below.
 */
export function countsAround(ratio: number, minimumTotal = 100): { readonly total: number; readonly above: number; readonly below: number | undefined } {
  if (!(ratio >= 0 && ratio < 1)) throw new Error(`not a ratio below 1: ${ratio}`);
  // Enough events that one event is a step smaller than both the threshold's distance to 1 and the threshold.
  const needed = (x: number) => (x > 0 ? 10 ** Math.ceil(Math.log10(2 / x)) : 1);
  const total = Math.max(minimumTotal, needed(1 - ratio), ratio > 0 ? needed(ratio) : 1);
  const exact = ratio * total;
  const above = Math.floor(exact + 1e-9) + 1;
  const below = ratio === 0 ? undefined : Math.ceil(exact - 1e-9) - 1;
  return { total, above: Math.min(above, total), below };
}

/** A count just at or above a minimum (`min`) and one just under it (undefined for a minimum of 1 or less). */
export function countsAroundMinimum(min: number): { readonly enough: number; readonly tooFew: number | undefined } {
  return { enough: Math.ceil(min), tooFew: Math.ceil(min) - 1 >= 1 ? Math.ceil(min) - 1 : undefined };
}

/**
 * A value clearly above a threshold of a gauge and one clearly below it, by `margin` of the threshold (10 % by
 * default); for a threshold of 0, ±1.
 */
export function valuesAround(threshold: number, margin = 0.1): { readonly above: number; readonly below: number } {
  if (threshold === 0) return { above: 1, below: -1 };
  const step = Math.abs(threshold) * margin;
  return { above: threshold + step, below: threshold - step };
}
