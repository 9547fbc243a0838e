/**
 * The timeline the system alerts on `increase(failures[window]) > 0` share in their scenarios: failures one a
 * minute from minute 1, as few as make the alert fire (one, unless its `for` outlasts what the window holds of a
 * single failure), the minute it fires, and the last minute the window still holds them.
 */
import { humanize } from '../../engine/rules/humanize';
import { minutesOf } from '../../engine/rules/derive';
import type { Duration } from '../../engine/promql/duration';
import { alertStates, counter, increase, type Samples } from './simulate';

export interface FailureBurst {
  /** How many failures, one a minute from minute 1. */
  readonly count: number;
  /** The failures counter, through minute `through`. */
  samples(through: number): Samples;
  /** The first minute the alert fires. */
  readonly fires: number;
  /** The last minute it fires: the next, the window no longer holds an increase. */
  readonly lastFiring: number;
  /** The alert's value at `minute` as its description shows it (`humanize`). */
  shown(minute: number): string;
}

/** The fewest failures, one a minute from minute 1, that make an alert on `increase(x[window]) > 0` with `for: pending` fire. */
export function failureBurst(window: Duration, pending: Duration): FailureBurst {
  if (minutesOf(window) < 1) {
    throw new Error(`a window of ${window} holds fewer than two samples a minute apart: the scenarios' increase() would never see a failure`);
  }
  const pendingMinutes = Math.ceil(minutesOf(pending));
  const samples = (count: number) => (through: number) => counter(through, [[1, 1], [count + 1, 0]]);
  for (let count = 1; count <= pendingMinutes + 1; count++) {
    const until = count + Math.ceil(minutesOf(window)) + pendingMinutes + 2;
    const s = samples(count)(until);
    const states = alertStates((t) => (increase(s, t, window) ?? 0) > 0, pending, until);
    const fires = states.indexOf('firing');
    if (fires < 0) continue;
    return {
      count,
      samples: samples(count),
      fires,
      lastFiring: states.lastIndexOf('firing'),
      shown: (minute) => humanize(increase(s, minute, window)!),
    };
  }
  throw new Error(`no burst of failures one a minute makes increase(x[${window}]) > 0 fire with a for of ${pending}`);
}
