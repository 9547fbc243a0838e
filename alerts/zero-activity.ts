/**
 * The Zero-Activity Incident (ZAI): a window (24 hours in phase N1) without an event of the flow is an incident, also when the
 * metric counting that event has vanished. Shared by the signal and paper-trade alerts.
 */
import type { Metric } from '../engine/catalog/metric';
import { durationSeconds, type Duration } from '../engine/promql/duration';
import { absentOverTime, and, eq, gt, increase, lt, matchesRegex, max, mul, or, presentOverTime, select, sub, sum, time, unless } from '../engine/promql';
import { exporters } from '../catalog';
import { scenario, series } from '../engine/rules/alert';
import { at } from '../engine/rules/derive';
import { absentOverTime as absentAt, expand, extrapolated, firstFiring, gap, hold, instant, notation, pendingMinutes, ramp, type Samples } from './market-data/evaluation-model';
import type { AlertScenarioModel, ExpectedAlert, ScenarioSeries } from '../engine/model/alerts';
import { targetLabels } from './common';

/**
 * Events of `counter` over `window`: 0 when there were none or when the counter had no sample in the window.
 * - `increase` handles counter resets, so a service restart is no false alarm;
 * - the last-event timestamp vetoes it: a labelled counter appears at its first event already at 1, so
 *   `increase` misses that event, while the timestamp does not. Only a plausible time vetoes: one more than
 *   `toleranceSeconds` ahead of the clock (milliseconds, a clock far ahead) is ignored, so that it cannot mute the
 *   alert (its own alert pages for it);
 * - it only judges with a whole window of data: a fresh Prometheus (or a lost TSDB) knows nothing of the day
 *   before, so it waits until it holds an `up` sample of the job exposing the counter from a window ago. Prometheus
 *   writes `up` at every scrape, failed or not, so this needs neither the job up nor Prometheus scraping itself.
 */
export function zeroActivityExpr(counter: Metric<string, string, 'counter'>, lastEvent: Metric<string, string, 'gauge'>, window: Duration, toleranceSeconds: number) {
  const seconds = durationSeconds(window);
  const noEvents = or(eq(sum(increase(select(counter).over(window))), 0), mul(absentOverTime(select(counter).over(window)), 0));
  const age = sub(time(), max(select(lastEvent)));
  const recentEvent = and(lt(age, seconds), gt(age, -toleranceSeconds));
  const jobs = counter.exposedBy;
  const scraped = select(exporters.up, { job: jobs.length === 1 ? jobs[0]! : matchesRegex(jobs.join('|')) });
  const enoughHistory = presentOverTime(scraped.over(window, window));
  return and(unless(noEvents, recentEvent, { on: [] }), enoughHistory, { on: [] });
}

/**
 * The Zero-Activity scenarios every ZAI alert must pass, for one kind of event, derived from the alert's `window`,
 * `for` and the tolerance of its last-event time. Events that stop (and a restart that drops the counter to 0) fire
 * exactly when the window has passed the last one and `for` after that, and stay quiet one evaluation earlier, also
 * while Prometheus cannot scrape itself; with the last-event time in milliseconds the counter alone decides, and
 * fires all the same; an event whose counter appears at 1 counts through its timestamp; a metric absent while
 * Prometheus scrapes the service fires once Prometheus holds a window of data, not earlier (a fresh Prometheus
 * waits); events with a restart raise no false alarm. The evaluation model computes each minute from the
 * expression. Prometheus' history is the `up` series of the service from minute 0, so every scenario is a window
 * long: they are kept to the eight that pin a different behaviour.
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
  /** The alert's window and `for`, and how far ahead a last-event time may lie (its thresholds): every minute of the scenarios follows from them. */
  readonly window: Duration;
  readonly pending: Duration;
  readonly toleranceSeconds: number;
  /** The alert that pages for a last-event time in the future. */
  readonly futureAlert: string;
}): AlertScenarioModel[] {
  const { noun, nouns, events, lastEvent, up, firing, window, pending, toleranceSeconds, futureAlert } = o;
  const windowMinutes = Math.ceil(durationSeconds(window) / 60 - 1e-9);
  const pendingFor = pendingMinutes(pending);
  const holds = zeroActivityCondition(window, toleranceSeconds);
  const fire = (input: ZeroActivityInput, horizon: number) => firstFiring(holds(input), pending, horizon)!;
  /** Series of the scenario from an input of the model; the service is scraped from minute 0 on. */
  const seriesOf = (input: ZeroActivityInput, minutes: number) => [
    ...(input.events === undefined ? [] : [events(input.events)]),
    ...(input.lastEvent === undefined ? [] : [lastEvent(input.lastEvent)]),
    up(hold(1, minutes + 1)),
  ];

  // Events every minute until minute `last`, then none, and a restart of the service at minute last + 1 that
  // drops the counter to 0: the window holds no event from minute last + window on.
  const last = 5;
  const horizon = last + windowMinutes + pendingFor + 1;
  const stopping = (minutes: number, timestamp: 'seconds' | 'milliseconds'): ZeroActivityInput => {
    const unit = timestamp === 'milliseconds' ? 1000 : 1;
    return {
      events: notation(ramp(0, 1, last + 1), hold(0, minutes - last)),
      lastEvent: notation(gap(1), ramp(60 * unit, 60 * unit, last), hold(60 * unit * last, minutes - last)),
      minutes,
    };
  };
  const stops = fire(stopping(horizon, 'seconds'), horizon);
  const passes = firstFiring(holds(stopping(horizon, 'seconds')), undefined, horizon)!;
  // A time in milliseconds lies far ahead: the alert ignores it, and only the counter's window tells when the last
  // event was.
  const counterStops = fire(stopping(horizon, 'milliseconds'), horizon);
  const counterPasses = firstFiring(holds(stopping(horizon, 'milliseconds')), undefined, horizon)!;
  // Prometheus cannot scrape itself: `up` of its own job is 0 and none of its own series exist.
  const prometheusDown = (minutes: number) => series(select(exporters.up, targetLabels('cdb_prometheus')), hold(0, minutes + 1));
  const stopped = (minutes: number) => [...seriesOf(stopping(minutes, 'seconds'), minutes), prometheusDown(minutes)];

  // The counter of a first event appears at 1, so increase() never sees that event: only its timestamp does. The
  // event comes at minute `first`, after Prometheus held a window of data without the metric; the counter alone
  // would fire soon after, the timestamp keeps it quiet.
  const first = windowMinutes;
  const appearing = (minutes: number, timestamp: boolean): ZeroActivityInput => ({
    events: notation(gap(first), hold(1, minutes - first + 1)),
    ...(timestamp ? { lastEvent: notation(gap(first), hold(first * 60, minutes - first + 1)) } : {}),
    minutes,
  });
  const appearingHorizon = first + 2 + pendingFor + 1;
  const counterAloneFires = fire(appearing(appearingHorizon, false), appearingHorizon);

  // No metric at all while Prometheus scrapes the service from minute 0: it fires once Prometheus holds a window of
  // data, and not one evaluation earlier (a fresh Prometheus waits).
  const absentHorizon = windowMinutes + pendingFor + 1;
  const absentFires = fire({ minutes: absentHorizon }, absentHorizon);
  const absentHolds = firstFiring(holds({ minutes: absentHorizon }), undefined, absentHorizon)!;

  // Events every minute, and a restart that resets the counter once Prometheus holds a window: judged past the
  // window and the for, with a minute to spare.
  const judged = windowMinutes + pendingFor + 2;
  const restart = windowMinutes;
  const restarted: ZeroActivityInput = { events: notation(ramp(0, 1, restart), ramp(0, 1, judged - restart + 1)), minutes: judged };

  return [
    scenario(
      `${nouns} stop at minute ${last} and the service restarts at minute ${last + 1}, while Prometheus cannot scrape itself (up 0, none of its own series): the ${window} window holds none from minute ${passes}, and it fires at minute ${stops}`,
      { input: stopped(stops), at: at(stops), fires: firing, proves: ['firing-minute', 'evidence-loss'] },
    ),
    scenario(
      stops - 1 >= passes
        ? `the same stop is still pending at minute ${stops - 1}, one evaluation before it fires`
        : `the same stop stays quiet at minute ${stops - 1}: the window still holds the last ${noun}`,
      { input: stopped(stops), at: at(stops - 1), fires: 'quiet', proves: ['pending'] },
    ),
    scenario(`the same stop with the last-${noun} time exported in milliseconds does not mute it (${futureAlert} pages for that time): the counter decides, and it fires at minute ${counterStops}`, {
      input: seriesOf(stopping(counterStops, 'milliseconds'), counterStops),
      at: at(counterStops),
      fires: firing,
      proves: ['evidence-loss'],
    }),
    scenario(
      counterStops - 1 >= counterPasses
        ? `the same stop, seen by the counter alone, is still pending at minute ${counterStops - 1}, one evaluation before it fires`
        : `the same stop, seen by the counter alone, stays quiet at minute ${counterStops - 1}: the window still holds the last ${noun}`,
      { input: seriesOf(stopping(counterStops, 'milliseconds'), counterStops), at: at(counterStops - 1), fires: 'quiet', proves: ['pending'] },
    ),
    scenario(
      `a ${noun} after ${window} without its metric counts, though its counter appears at 1: its timestamp keeps it quiet at minute ${counterAloneFires}, when the counter alone would fire`,
      { input: seriesOf(appearing(counterAloneFires, true), counterAloneFires), at: at(counterAloneFires), fires: 'quiet' },
    ),
    scenario(`the ${noun} metric absent while Prometheus scrapes the service from minute 0 fires at minute ${absentFires}, once Prometheus holds ${window} of data`, {
      input: seriesOf({ minutes: absentFires }, absentFires),
      at: at(absentFires),
      fires: firing,
      proves: ['evidence-loss'],
    }),
    scenario(
      absentFires - 1 >= absentHolds
        ? `a fresh Prometheus waits for ${window} of data: the same absence is still pending at minute ${absentFires - 1}`
        : `a fresh Prometheus waits for ${window} of data: the same absence stays quiet at minute ${absentFires - 1}`,
      { input: seriesOf({ minutes: absentFires }, absentFires), at: at(absentFires - 1), fires: 'quiet', proves: ['pending'] },
    ),
    scenario(`${nouns} every minute, with a restart at minute ${restart} that resets the counter, raise no false alarm at minute ${judged}`, {
      input: seriesOf(restarted, judged),
      at: at(judged),
      fires: 'quiet',
    }),
  ];
}

/** Scenario input of the Zero-Activity model: the series' notation, and the minutes the scenario lasts. */
interface ZeroActivityInput {
  readonly events?: string;
  readonly lastEvent?: string;
  readonly minutes: number;
}

/**
 * The condition of zeroActivityExpr at minute t, for one counter series, one timestamp series, and `up` sampled
 * every minute from minute 0: `present_over_time(up[w] offset w)` holds once a sample lies in [t − 2w, t − w].
 */
function zeroActivityCondition(window: Duration, toleranceSeconds: number) {
  const seconds = durationSeconds(window);
  const windowMs = seconds * 1000;
  return (input: ZeroActivityInput) => {
    const counterSamples = expand(input.events ?? '_');
    const lastSamples: Samples = input.lastEvent === undefined ? [] : expand(input.lastEvent);
    return (t: number) => {
      const increase = extrapolated(counterSamples, t, window, 'increase');
      const noEvents = increase === 0 || absentAt(counterSamples, t, window);
      const lastEventAt = instant(lastSamples, t);
      const age = lastEventAt === undefined ? undefined : t * 60 - lastEventAt;
      const recentEvent = age !== undefined && age < seconds && age > -toleranceSeconds;
      // `up` is sampled at every minute from 0 to `minutes`: is one of them in the offset range (both ends included)?
      const earliest = Math.max(0, Math.ceil((t * 60_000 - 2 * windowMs) / 60_000));
      const latest = Math.min(input.minutes, Math.floor((t * 60_000 - windowMs) / 60_000));
      const enoughHistory = earliest <= latest;
      return noEvents && !recentEvent && enoughHistory;
    };
  };
}
