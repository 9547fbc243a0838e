/** Alert definitions, with their runbook and the promtool scenarios that prove them. */
import type { InstantVector } from '../promql/expr';
import type { Duration } from '../promql/duration';
import type { SeriesSelector } from '../promql/selector';
import type { AlertGroupModel, AlertModel, AlertScenarioModel, ExpectedAlert, ScenarioClass, ScenarioSeries } from '../model/alerts';

/**
 * What an alert definition declares: the alert model with a typed expression and typed durations
 * (`runbookAnchor` is for generated alerts only).
 */
export type AlertOptions<L extends string> = Omit<AlertModel, 'expr' | 'for' | 'keepFiringFor' | 'runbookAnchor'> & {
  readonly expr: InstantVector<L>;
  readonly for?: Duration;
  readonly keepFiringFor?: Duration;
};

/** Declares an alert. */
export function alert<L extends string>(options: AlertOptions<L>): AlertModel {
  const { expr, ...rest } = options;
  return { ...rest, expr: String(expr) };
}

/**
 * One input series for a scenario, from a typed selector with equality matchers (which is promtool's series
 * notation) and values in promtool's expanding notation (`0+1x60`, `1x30 _x10`, `stale`).
 */
export function series(selector: SeriesSelector<string>, values: string): ScenarioSeries {
  return { series: String(selector), values };
}

/** A scenario: given `input` sampled every `interval`, at `at` the alert is firing with `fires` or stays quiet. */
export function scenario(
  name: string,
  options: {
    readonly input: readonly ScenarioSeries[];
    readonly at: Duration;
    /** The alerts expected at `at`; `'quiet'` when none. */
    readonly fires: readonly ExpectedAlert[] | 'quiet';
    /** @default '1m' */
    readonly interval?: Duration;
    /** What the scenario pins down: its firing minute, the evaluation before, a threshold edge, a loss of evidence. */
    readonly proves?: readonly ScenarioClass[];
    /** For an evidence-loss scenario of a guard alert: the alerts it keeps from going silent. */
    readonly guards?: readonly string[];
  },
): AlertScenarioModel {
  return {
    name,
    interval: options.interval ?? '1m',
    input: options.input,
    evalTime: options.at,
    expect: options.fires === 'quiet' ? [] : options.fires,
    ...(options.proves ? { proves: options.proves } : {}),
    ...(options.guards ? { guards: options.guards } : {}),
  };
}

/** Declares a group of alerts written to `file`.yml. */
export function alertGroup(options: {
  readonly name: string;
  readonly title: string;
  readonly file: string;
  readonly interval?: Duration;
  readonly alerts: readonly AlertModel[];
  /** `import.meta.url` of the definition file. */
  readonly source: string;
}): AlertGroupModel {
  return { ...options };
}
