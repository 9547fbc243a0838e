/**
 * Scenario input of the SLO engine: timelines of events, errors and good samples minute by minute, and the input
 * series an SLO's scenarios are written with (its own `scenarioInput`, or series built from the SLI's selectors).
 */
import type { ScenarioSeries } from '../model/alerts';
import { buckets, observationCount } from '../promql/selector';
import type { SeriesSelector } from '../promql/selector';
import type { SloModel } from './model';
import { counterNotation, gaugeNotation } from './simulate';
import type { SliTimeline } from '../model/slo';

/** Events per minute in scenarios: 100, so error ratios map to whole or simple counts. */
const EVENTS_PER_MINUTE = 100;

/**
 * A timeline of `minutes` minutes whose error ratio at minute t is `errorRatio(t)`, with `eventsPerMinute` events
 * in every minute (or in minute t, when it is a function).
 */
export function timeline(minutes: number, errorRatio: (t: number) => number, eventsPerMinute: number | ((t: number) => number) = EVENTS_PER_MINUTE): SliTimeline {
  const eventsAt = typeof eventsPerMinute === 'number' ? () => eventsPerMinute : eventsPerMinute;
  const events: number[] = [];
  const errors: number[] = [];
  const good: number[] = [];
  let bad = 0;
  // Ratios are constant for long stretches; rounding the same count again every minute was most of the cost.
  let lastRatio = 0;
  let lastErrors = 0;
  for (let t = 0; t <= minutes; t++) {
    const e = errorRatio(t);
    const n = eventsAt(t);
    events.push(n);
    if (t === 0 || !Object.is(e, lastRatio) || n !== events[t - 1]) {
      lastRatio = e;
      lastErrors = Number((n * e).toPrecision(12));
    }
    errors.push(lastErrors);
    // Spread bad samples evenly (so that their share over any long window is e).
    const target = Math.floor((t + 1) * e + 1e-9);
    good.push(e >= 1 || target > bad ? 0 : 1);
    if (target > bad) bad = target;
  }
  return { minutes, events, errors, good };
}

export function selectorSeries(selector: SeriesSelector<string>, values: string): ScenarioSeries {
  return { series: String(selector), values };
}

/** Input series of a timeline: the SLO's own mapping, or one built from the SLI's selectors. */
export function inputOf(slo: SloModel, t: SliTimeline): ScenarioSeries[] {
  if (slo.scenarioInput) return slo.scenarioInput(t);
  const sli = slo.sli;
  switch (sli.kind) {
    case 'ratio':
      return [selectorSeries(sli.errors as SeriesSelector<string>, counterNotation(t.errors)), selectorSeries(sli.total as SeriesSelector<string>, counterNotation(t.events))];
    case 'latency': {
      // Every bucket counts all events, the fast ones, or none: three notations serve the count and all buckets.
      const all = counterNotation(t.events);
      const fast = counterNotation(t.events.map((n, i) => n - t.errors[i]!));
      const none = counterNotation(t.events.map(() => 0));
      return [
        selectorSeries(observationCount(sli.histogram, sli.matchers ?? {}), all),
        ...[...(sli.histogram.buckets ?? []), Number.POSITIVE_INFINITY].map((le) =>
          selectorSeries(
            buckets(sli.histogram, { ...(sli.matchers ?? {}), le: le === Number.POSITIVE_INFINITY ? '+Inf' : String(le) }),
            le === Number.POSITIVE_INFINITY ? all : le >= sli.threshold ? fast : none,
          ),
        ),
      ];
    }
    case 'availability':
      return [selectorSeries(sli.good as SeriesSelector<string>, gaugeNotation(t.good))];
  }
}

const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!=|!~|=)\s*"((?:[^"\\]|\\.)*)"/g;

/** The matchers of a selector or a series in promtool's notation: `name{a="x", b=~"y"}`. */
function matchersOf(text: string): Array<{ readonly label: string; readonly op: string; readonly value: string }> {
  const brace = text.indexOf('{');
  if (brace < 0) return [];
  return [...text.slice(brace).matchAll(LABEL)].map((m) => ({ label: m[1]!, op: m[2]!, value: JSON.parse(`"${m[3]}"`) as string }));
}

/** The labels a selector's equality matchers set: the labels `absent()` of it returns. */
export function equalityLabels(selector: SeriesSelector<string>): Record<string, string> {
  return Object.fromEntries(matchersOf(selector.text).filter((m) => m.op === '=').map((m) => [m.label, m.value]));
}

/** Whether an input series (promtool notation) is one `selector` selects. */
export function selects(selector: SeriesSelector<string>, series: ScenarioSeries): boolean {
  const brace = series.series.indexOf('{');
  if ((brace < 0 ? series.series : series.series.slice(0, brace)).trim() !== selector.seriesName) return false;
  const labels = Object.fromEntries(matchersOf(series.series).map((m) => [m.label, m.value]));
  return matchersOf(selector.text).every(({ label, op, value }) => {
    const v = labels[label] ?? '';
    if (op === '=') return v === value;
    if (op === '!=') return v !== value;
    const matches = new RegExp(`^(?:${value})$`).test(v);
    return op === '=~' ? matches : !matches;
  });
}
