/**
 * The Zero-Activity Incident (ZAI): a window (24 hours in phase N1) without an event of the flow is an incident, also when the
 * metric counting that event has vanished. Shared by the signal and paper-trade alerts.
 */
import type { Metric } from '../engine/catalog/metric';
import { durationSeconds, type Duration } from '../engine/promql/duration';
import { absentOverTime, and, eq, ge, gt, increase, lt, matchesRegex, max, min, mul, or, presentOverTime, select, sub, sum, time, unless } from '../engine/promql';
import { exporters } from '../catalog';
import { scenario, series } from '../engine/rules/alert';
import { at } from '../engine/rules/derive';
import { absentOverTime as absentAt, counter, expand, extrapolated, firstFiring, gap, hold, instant, notation, pendingMinutes, ramp, type Samples } from './market-data/evaluation-model';
import type { AlertScenarioModel, EvidenceWaiver, ExpectedAlert, ScenarioSeries } from '../engine/model/alerts';
import { targetLabels } from './common';

/**
 * Events of `counter` over `window`: 0 when there were none or when the counter had no sample in the window.
 * - `increase` handles counter resets, so a service restart is no false alarm;
 * - the last-event timestamp vetoes it: a labelled counter appears at its first event already at 1, so
 *   `increase` misses that event, while the timestamp does not. Only a plausible time vetoes: one more than
 *   `toleranceSeconds` ahead of the clock (milliseconds, a clock far ahead) is ignored, so that it cannot mute the
 *   alert (its own alert pages for it);
 * - it only judges with a whole window of data: a fresh Prometheus (or a lost TSDB) knows nothing of the day
 *   before. It holds a window when its oldest sample says so (`prometheus_tsdb_lowest_timestamp_seconds`), or, when
 *   that series is missing or implausible because Prometheus cannot scrape itself, when it holds an `up` sample of
 *   the job exposing the counter from a window ago: Prometheus writes `up` at every scrape attempt, failed or not,
 *   so the fallback needs neither the job up nor the self-scrape.
 */
export function zeroActivityExpr(counter: Metric<string, string, 'counter'>, lastEvent: Metric<string, string, 'gauge'>, window: Duration, toleranceSeconds: number) {
  const seconds = durationSeconds(window);
  const noEvents = or(eq(sum(increase(select(counter).over(window))), 0), mul(absentOverTime(select(counter).over(window)), 0));
  const age = sub(time(), max(select(lastEvent)));
  const recentEvent = and(lt(age, seconds), gt(age, -toleranceSeconds));
  const jobs = counter.exposedBy;
  const scraped = select(exporters.up, { job: jobs.length === 1 ? jobs[0]! : matchesRegex(jobs.join('|')) });
  const byOwnAccount = ge(sub(time(), min(select(exporters.prometheusTsdbLowestTimestampSeconds))), seconds);
  const enoughHistory = or(byOwnAccount, presentOverTime(scraped.over(window, window)));
  return and(unless(noEvents, recentEvent, { on: [] }), enoughHistory, { on: [] });
}

/** Scenario input: Prometheus' own account that it holds data since minute `since` (negative: before the scenario starts). */
export function tsdbHistory(since: number, minutes: number) {
  return series(select(exporters.prometheusTsdbLowestTimestampSeconds, targetLabels('cdb_prometheus')), hold(since * 60, minutes + 1));
}

/**
 * The losses of Prometheus' own account of its data's age that the Zero-Activity alerts leave to their fallback:
 * the `up` history decides then, as the scenario where Prometheus cannot scrape itself shows.
 */
export function zeroActivityHistoryWaivers(job: string): EvidenceWaiver[] {
  const reason = (how: string) =>
    `Prometheus' own account of its data's age only lets the alert judge as soon as it can: when that series ${how}, the up history of ${job} (written by Prometheus at every scrape attempt, also when the self-scrape fails) tells when a window of data is held, and the alert fires all the same (scenario "… while Prometheus cannot scrape itself …").`;
  return [
    { metric: exporters.prometheusTsdbLowestTimestampSeconds.name, loss: 'vanished', reason: reason('vanishes') },
    { metric: exporters.prometheusTsdbLowestTimestampSeconds.name, loss: 'future', reason: reason('lies in the future') },
  ];
}

/**
 * The Zero-Activity scenarios every ZAI alert must pass, for one kind of event, derived from the alert's `window`,
 * `for` and the tolerance of its last-event time. Events that stop (and a restart that drops the counter to 0) fire
 * exactly when the window has passed the last one and `for` after that, and stay quiet one evaluation earlier, also
 * while Prometheus cannot scrape itself; with the last-event time in milliseconds the counter alone decides, and
 * fires all the same; an event whose counter appears at 1 counts through its timestamp; a metric absent while
 * Prometheus holds a window of data fires; restarts and regular events raise no false alarm; a fresh Prometheus
 * waits for a window of data. The evaluation model computes each minute from the expression. Only the three
 * scenarios about the window's edge are a window long: the others start with Prometheus' own series saying it has
 * held a window of data (a negative lowest timestamp), so they last minutes whatever the window.
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
  const seriesOf = (input: ZeroActivityInput) => [
    ...(input.events === undefined ? [] : [events(input.events)]),
    ...(input.lastEvent === undefined ? [] : [lastEvent(input.lastEvent)]),
    up(hold(1, input.minutes + 1)),
    ...(input.since === undefined ? [] : [tsdbHistory(input.since, input.minutes)]),
  ];

  // Events every minute until minute `last`, then none, and a restart of the service at minute last + 1 that
  // drops the counter to 0: the window holds no event from minute last + window on. These scenarios are a window
  // long; Prometheus holds data from minute 0.
  const last = 5;
  const horizon = last + windowMinutes + pendingFor + 1;
  // promtool's clock starts at the epoch; a time in milliseconds is one of a real clock (`Date.now()` in
  // November 2023), so that it lies far ahead whatever the window.
  const epochMs = 1_700_000_000_000;
  const stopping = (minutes: number, timestamp: 'seconds' | 'milliseconds', self: 'scraped' | 'not scraped'): ZeroActivityInput => {
    const [start, step] = timestamp === 'milliseconds' ? [epochMs, 60_000] : [0, 60];
    return {
      events: notation(ramp(0, 1, last + 1), hold(0, minutes - last)),
      lastEvent: notation(gap(1), ramp(start + step, step, last), hold(start + step * last, minutes - last)),
      minutes,
      ...(self === 'scraped' ? { since: 0 } : {}),
    };
  };
  // Prometheus cannot scrape itself: `up` of its own job is 0 and none of its own series exist, so only the up
  // history of the service tells that a window of data is held.
  const stops = fire(stopping(horizon, 'seconds', 'not scraped'), horizon);
  const passes = firstFiring(holds(stopping(horizon, 'seconds', 'not scraped')), undefined, horizon)!;
  const prometheusDown = (minutes: number) => series(select(exporters.up, targetLabels('cdb_prometheus')), hold(0, minutes + 1));
  const stopped = (minutes: number) => [...seriesOf(stopping(minutes, 'seconds', 'not scraped')), prometheusDown(minutes)];
  // A time in milliseconds lies far ahead: the alert ignores it, and only the counter's window tells when the last
  // event was.
  const counterStops = fire(stopping(horizon, 'milliseconds', 'scraped'), horizon);

  // The minutes-long scenarios: Prometheus' own series says it has held a window of data since before minute 0.
  const short = pendingFor + 3;
  const held = -windowMinutes;
  // The counter of a first event appears at 1, so increase() never sees that event: only its timestamp does. The
  // event comes at minute 0, after Prometheus held a window of data without the metric; the counter alone would
  // fire soon after, the timestamp keeps it quiet.
  const appearing = (minutes: number, timestamp: boolean): ZeroActivityInput => ({
    events: hold(1, minutes + 1),
    ...(timestamp ? { lastEvent: hold(0, minutes + 1) } : {}),
    minutes,
    since: held,
  });
  const counterAloneFires = fire(appearing(short, false), short);
  const absentFires = fire({ minutes: short, since: held }, short);
  const absent: ZeroActivityInput = { minutes: absentFires, since: held };
  const steady: ZeroActivityInput = { events: counter(() => 1, short), minutes: short, since: held };
  const restart = 2;
  const restarted: ZeroActivityInput = { events: notation(ramp(0, 1, restart), ramp(0, 1, short - restart + 1)), minutes: short, since: held };
  // A Prometheus whose data reaches a window back only from minute `fresh`: it stays quiet one evaluation before it
  // has judged for `for`.
  const fresh = 2;
  const freshSince = fresh - durationSeconds(window) / 60;
  const freshFires = fire({ events: hold(0, short + 1), minutes: short, since: freshSince }, short);
  const freshStart: ZeroActivityInput = { events: hold(0, freshFires + 1), minutes: freshFires, since: freshSince };

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
      input: seriesOf(stopping(counterStops, 'milliseconds', 'scraped')),
      at: at(counterStops),
      fires: firing,
      proves: ['evidence-loss'],
    }),
    scenario(`a ${noun} after ${window} without its metric counts, though its counter appears at 1: its timestamp keeps it quiet at minute ${counterAloneFires}, when the counter alone would fire`, {
      input: seriesOf(appearing(counterAloneFires, true)),
      at: at(counterAloneFires),
      fires: 'quiet',
    }),
    scenario(`the ${noun} metric absent while Prometheus holds ${window} of data fires at minute ${absentFires}`, {
      input: seriesOf(absent),
      at: at(absentFires),
      fires: firing,
      proves: ['evidence-loss'],
    }),
    scenario(`a fresh Prometheus stays quiet until it has held ${window} of data for the for: quiet at minute ${freshFires - 1}`, {
      input: seriesOf(freshStart),
      at: at(freshFires - 1),
      fires: 'quiet',
      proves: ['pending'],
    }),
    scenario('a restart that resets the counter raises no false alarm', { input: seriesOf(restarted), at: at(short), fires: 'quiet' }),
    scenario(`${nouns} every minute stay quiet`, { input: seriesOf(steady), at: at(short), fires: 'quiet' }),
  ];
}

/**
 * Scenario input of the Zero-Activity model: the series' notation, the minutes the scenario lasts, and the minute
 * Prometheus' own series says it holds data since (negative: before the scenario starts; absent: it cannot scrape
 * itself).
 */
interface ZeroActivityInput {
  readonly events?: string;
  readonly lastEvent?: string;
  readonly minutes: number;
  readonly since?: number;
}

/**
 * The condition of zeroActivityExpr at minute t, for one counter series, one timestamp series, Prometheus' own
 * account of its data's age, and `up` sampled every minute from minute 0: `present_over_time(up[w] offset w)` holds
 * once a sample lies in [t − 2w, t − w].
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
      // The history series is sampled every minute from minute 0 on, so the lookback always finds it.
      const byOwnAccount = input.since !== undefined && t * 60 - input.since * 60 >= seconds;
      const enoughHistory = byOwnAccount || earliest <= latest;
      return noEvents && !recentEvent && enoughHistory;
    };
  };
}
