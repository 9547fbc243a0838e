/**
 * The Zero-Activity Incident (ZAI): a window (24 hours in phase N1) without an event of the flow is an incident, also when the
 * metric counting that event has vanished. Shared by the signal and paper-trade alerts.
 */
import type { Metric } from '../engine/catalog/metric';
import { durationSeconds, type Duration } from '../engine/promql/duration';
import { absentOverTime, and, eq, ge, increase, lt, max, min, mul, or, select, sub, sum, time, unless } from '../engine/promql';
import { exporters } from '../catalog';
import { scenario, series } from '../engine/rules/alert';
import { at } from '../engine/rules/derive';
import { absentOverTime as absentAt, counter, expand, extrapolated, firstFiring, gap, hold, instant, notation, pendingMinutes, ramp } from './market-data/evaluation-model';
import type { AlertScenarioModel, ExpectedAlert, ScenarioSeries } from '../engine/model/alerts';
import { targetLabels } from './common';

/**
 * Events of `counter` over `window`: 0 when there were none or when the counter had no sample in the window.
 * - `increase` handles counter resets, so a service restart is no false alarm;
 * - the last-event timestamp vetoes it: a labelled counter appears at its first event already at 1, so
 *   `increase` misses that event, while the timestamp does not;
 * - it only judges with a whole window of data: a fresh Prometheus (or a lost TSDB) knows nothing of the day
 *   before, so it waits until its oldest sample is a window old.
 */
export function zeroActivityExpr(counter: Metric<string, string, 'counter'>, lastEvent: Metric<string, string, 'gauge'>, window: Duration) {
  const seconds = durationSeconds(window);
  const noEvents = or(eq(sum(increase(select(counter).over(window))), 0), mul(absentOverTime(select(counter).over(window)), 0));
  const recentEvent = lt(sub(time(), max(select(lastEvent))), seconds);
  const enoughHistory = ge(sub(time(), min(select(exporters.prometheusTsdbLowestTimestampSeconds))), seconds);
  return and(unless(noEvents, recentEvent, { on: [] }), enoughHistory, { on: [] });
}

/** Scenario input: Prometheus holding data since minute `since` (negative: before the scenario starts), for `minutes` minutes. */
export function tsdbHistory(since: number, minutes: number) {
  return series(select(exporters.prometheusTsdbLowestTimestampSeconds, targetLabels('cdb_prometheus')), hold(since * 60, minutes + 1));
}

/**
 * The Zero-Activity scenarios every ZAI alert must pass, for one kind of event, derived from the alert's `window`
 * and `for`: events that stop (and a restart that drops the counter to 0) fire exactly when the window has passed
 * the last one and `for` after that, and the counter alone stays quiet one evaluation earlier; an event whose
 * counter appears at 1 counts through its timestamp until that is a window old; a metric absent while Prometheus
 * holds a window of data fires; restarts and regular events raise no false alarm; a fresh Prometheus waits for a
 * window of data. The evaluation model computes each minute from the expression. Only the three scenarios about
 * the window's edge are a window long: the others start with Prometheus already holding a window of data (a
 * negative lowest timestamp), so they last minutes whatever the window.
 */
export function zeroActivityScenarios(o: {
  /** Singular and plural of the event, e.g. `signal` / `signals`. */
  readonly noun: string;
  readonly nouns: string;
  /** Counter series of the event with the given promtool values (one sample a minute). */
  readonly events: (values: string) => ScenarioSeries;
  /** Last-event timestamp series with the given values. */
  readonly lastEvent: (values: string) => ScenarioSeries;
  /** `up` of the service exposing the events, with the given values. */
  readonly up: (values: string) => ScenarioSeries;
  readonly firing: readonly ExpectedAlert[];
  /** The alert's window and `for` (its thresholds): every minute of the scenarios follows from them. */
  readonly window: Duration;
  readonly pending: Duration;
}): AlertScenarioModel[] {
  const { noun, nouns, events, lastEvent, up, firing, window, pending } = o;
  const windowSeconds = durationSeconds(window);
  const windowMinutes = Math.ceil(windowSeconds / 60 - 1e-9);
  const pendingFor = pendingMinutes(pending);
  const holds = zeroActivityCondition(window);
  const fire = (input: ZeroActivityInput, horizon: number) => firstFiring(holds(input), pending, horizon)!;
  /** Series of the scenario from an input of the model. */
  const seriesOf = (input: ZeroActivityInput, minutes: number) => [
    ...(input.events === undefined ? [] : [events(input.events)]),
    ...(input.lastEvent === undefined ? [] : [lastEvent(input.lastEvent)]),
    ...(input.up === undefined ? [] : [up(input.up)]),
    tsdbHistory(input.since, minutes),
  ];

  // Events every minute until minute `last`, then none, and a restart of the service at minute last + 1 that
  // drops the counter to 0: the window holds no event from minute last + window on.
  const last = 5;
  const horizon = last + windowMinutes + pendingFor + 1;
  const stopping = (minutes: number, timestamp: boolean): ZeroActivityInput => ({
    events: notation(ramp(0, 1, last + 1), hold(0, minutes - last)),
    ...(timestamp ? { lastEvent: notation(gap(1), ramp(60, 60, last), hold(60 * last, minutes - last)) } : {}),
    since: 0,
  });
  const stops = fire(stopping(horizon, true), horizon);
  // Without the timestamp, only the counter's window tells when the last event was.
  const counterStops = fire(stopping(horizon, false), horizon);
  const passes = firstFiring(holds(stopping(horizon, true)), undefined, horizon)!;
  const counterPasses = firstFiring(holds(stopping(horizon, false)), undefined, horizon)!;

  // The counter of a first event appears at 1, so increase() never sees that event: only its timestamp does. The
  // event comes at minute 0 after Prometheus held a window of data without the metric.
  const appearing = (minutes: number): ZeroActivityInput => ({ events: hold(1, minutes + 1), lastEvent: hold(0, minutes + 1), since: -windowMinutes });
  const appearingFires = fire(appearing(horizon), horizon);

  // The minutes-long scenarios: Prometheus has held a window of data since before minute 0.
  const short = pendingFor + 3;
  const absentFires = fire({ up: hold(1, short + 1), since: -windowMinutes }, short);
  const absent: ZeroActivityInput = { up: hold(1, absentFires + 1), since: -windowMinutes };
  const steady: ZeroActivityInput = { events: counter(() => 1, short), since: -windowMinutes };
  const restart = 2;
  const restarted: ZeroActivityInput = { events: notation(ramp(0, 1, restart), ramp(0, 1, short - restart + 1)), since: -windowMinutes };
  // A Prometheus whose data reaches a window back only from minute `fresh`: it stays quiet one evaluation before it
  // has judged for `for`.
  const fresh = 2;
  const freshStart: ZeroActivityInput = { events: hold(0, short + 1), since: fresh - windowSeconds / 60 };
  const freshFires = fire(freshStart, short);

  return [
    scenario(`${nouns} stop at minute ${last} and the service restarts at minute ${last + 1}: the ${window} window holds none from minute ${passes}, and it fires at minute ${stops}`, {
      input: seriesOf(stopping(stops, true), stops),
      at: at(stops),
      fires: firing,
    }),
    scenario(
      counterStops - 1 >= counterPasses
        ? `the same stop, seen by the counter alone, is still pending at minute ${counterStops - 1}, one evaluation before it fires`
        : `the same stop, seen by the counter alone, stays quiet at minute ${counterStops - 1}: the window still holds the last ${noun}`,
      { input: seriesOf(stopping(counterStops, false), counterStops), at: at(counterStops - 1), fires: 'quiet' },
    ),
    scenario(`a ${noun} after ${window} without its metric counts, though its counter appears at 1: its timestamp keeps it quiet until minute ${appearingFires - 1}`, {
      input: seriesOf(appearing(appearingFires), appearingFires),
      at: at(appearingFires - 1),
      fires: 'quiet',
    }),
    scenario(`the ${noun} metric absent while Prometheus holds ${window} of data fires at minute ${absentFires}`, {
      input: seriesOf(absent, absentFires),
      at: at(absentFires),
      fires: firing,
    }),
    scenario('a restart that resets the counter raises no false alarm', { input: seriesOf(restarted, short), at: at(short), fires: 'quiet' }),
    scenario(`a fresh Prometheus stays quiet until it has held ${window} of data for the for: quiet at minute ${freshFires - 1}`, {
      input: seriesOf(freshStart, freshFires),
      at: at(freshFires - 1),
      fires: 'quiet',
    }),
    scenario(`${nouns} every minute stay quiet`, { input: seriesOf(steady, short), at: at(short), fires: 'quiet' }),
  ];
}

/** Scenario input of the Zero-Activity model: the series' notation, and the minute Prometheus holds data since. */
interface ZeroActivityInput {
  readonly events?: string;
  readonly lastEvent?: string;
  readonly up?: string;
  readonly since: number;
}

/** The condition of zeroActivityExpr at minute t, for one counter series, one timestamp series and the TSDB's age. */
function zeroActivityCondition(window: Duration) {
  const seconds = durationSeconds(window);
  return (input: ZeroActivityInput) => {
    const counterSamples = expand(input.events ?? '_');
    const lastSamples = input.lastEvent === undefined ? [] : expand(input.lastEvent);
    return (t: number) => {
      const increase = extrapolated(counterSamples, t, window, 'increase');
      const noEvents = increase === 0 || absentAt(counterSamples, t, window);
      const lastEventAt = instant(lastSamples, t);
      const recentEvent = lastEventAt !== undefined && t * 60 - lastEventAt < seconds;
      // The history series is sampled every minute from minute 0 on, so the lookback always finds it.
      const enoughHistory = t * 60 - input.since * 60 >= seconds;
      return noEvents && !recentEvent && enoughHistory;
    };
  };
}
