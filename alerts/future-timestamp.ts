/**
 * Alerts on a timestamp metric that lies in the future. An alert that reads the age of such a metric (`time() - x`)
 * goes blind when the service exports the time in milliseconds, or with a clock far ahead: the age is negative,
 * never old (the Zero-Activity alerts ignore such a time, and lose what it told them). These alerts page for it
 * within their `for`, instead of leaving that alert quiet. Shared by the market-data, signal-engine and
 * paper-execution layers.
 */
import type { Metric } from '../engine/catalog/metric';
import { add, formatNumber, gt, select, sub, time } from '../engine/promql';
import { alert, scenario } from '../engine/rules/alert';
import { at } from '../engine/rules/derive';
import { humanizeDuration } from '../engine/rules/humanize';
import type { Duration } from '../engine/promql/duration';
import type { AlertModel, ExpectedAlert, PanelReference, ScenarioSeries } from '../engine/model/alerts';
import type { LayerId } from '../config/layers';
import type { ServiceName } from '../config/services';
import { expand, firingAt, firstFiring, hold, instant, notation, pendingMinutes, ramp } from './market-data/evaluation-model';
import { cdbLabels } from './common';

export interface FutureTimestampAlert {
  readonly name: string;
  /** The timestamp metric, in seconds since the epoch by the catalog. */
  readonly metric: Metric<string, string, 'gauge'>;
  /** How far ahead of Prometheus' clock a time may be, and the alert's `for` (its thresholds). */
  readonly thresholds: { readonly toleranceSeconds: number; readonly for: Duration };
  readonly layer: LayerId;
  readonly service: ServiceName;
  /** What the metric is the time of, e.g. `the last market-data message`. */
  readonly subject: string;
  /** The label of the metric the description names, e.g. `exchange`. */
  readonly descriptionLabel: string;
  /** The description, for how far ahead the time lies and the value of `descriptionLabel` (or their template actions). */
  readonly description: (ahead: string, label: string) => string;
  /** The alerts that read the metric's age, and are blind or degraded while it lies in the future. */
  readonly blinds: readonly string[];
  /** What a time in the future does to those alerts and to the block. */
  readonly impact: string;
  /** The metric's series in scenarios, with the given values, and the labels its alert then carries. */
  readonly series: (values: string) => ScenarioSeries;
  readonly seriesLabels: Readonly<Record<string, string>>;
  readonly dashboard: PanelReference;
  /** Where to look in the service for the unit of the exported time. */
  readonly diagnose: readonly string[];
  readonly source: string;
}

/** The alert: `(x > time() + tolerance) - time()`, the seconds the time lies ahead, for `for`. */
export function futureTimestampAlert(o: FutureTimestampAlert): AlertModel {
  const { toleranceSeconds: T, for: pending } = o.thresholds;
  const blinded = o.blinds.join(' and ');
  return alert({
    name: o.name,
    expr: sub(gt(select(o.metric), add(time(), T)), time()),
    for: pending,
    severity: 'critical',
    labels: cdbLabels(o.layer, o.service),
    summary: `The time of ${o.subject} lies in the future.`,
    description: o.description('{{ $value | humanizeDuration }}', `{{ $labels.${o.descriptionLabel} }}`),
    dashboard: o.dashboard,
    runbook: {
      meaning: `\`${o.metric.name}\`, the time of ${o.subject} in seconds since the epoch, lies more than ${formatNumber(T)} s ahead of Prometheus' clock, for ${pending}. The value is the time ahead. A time exported in milliseconds lies tens of thousands of years ahead; minutes ahead is a clock out of step.`,
      impact: o.impact,
      diagnose: [
        `Read the raw value: \`${o.metric.name}\`, and compare it with \`time()\`. About 1000 times \`time()\` means milliseconds; close to \`time()\` but ahead means the clock of ${o.service} (or of its host) runs ahead of Prometheus'.`,
        ...o.diagnose,
        `Check the host clocks: \`timedatectl\` on the host of ${o.service} and of cdb_prometheus; both should be synchronised by NTP.`,
      ],
      mitigate: [
        `Milliseconds: fix the instrumentation of ${o.service} to set the gauge in seconds (\`Date.now() / 1000\`), deploy it, and watch this alert resolve.`,
        'A clock ahead: resynchronise the host clock (NTP) and restart the service if it caches the time.',
        `Until it resolves, judge ${blinded} by hand from the dashboard panels that do not read this time (event rates and counters).`,
      ],
    },
    source: o.source,
    scenarios: futureTimestampScenarios(o),
  });
}

/**
 * From the tolerance (T) and `for`: a time exported in milliseconds fires the minute the model computes (it passes
 * T ahead as soon as minute × 60 000 > minute × 60 + T), not one evaluation earlier; a clock exactly T ahead (or
 * just under, when promtool's float additions cannot sit on T) stays quiet and one just past it fires; a time in
 * seconds stays quiet.
 */
function futureTimestampScenarios(o: FutureTimestampAlert) {
  const { toleranceSeconds: T, for: pending } = o.thresholds;
  const pendingFor = pendingMinutes(pending);
  /** Seconds the time lies ahead at minute t, as the expression computes it. */
  const aheadAt = (values: string) => {
    const samples = expand(values);
    return (t: number) => {
      const v = instant(samples, t);
      return v === undefined ? undefined : v - t * 60;
    };
  };
  const holds = (values: string) => {
    const samples = expand(values);
    return (t: number) => {
      const v = instant(samples, t);
      return v !== undefined && v > t * 60 + T;
    };
  };
  const firing = (values: string, t: number): ExpectedAlert[] => [
    { labels: o.seriesLabels, description: o.description(humanizeDuration(aheadAt(values)(t)!), o.seriesLabels[o.descriptionLabel]!) },
  ];

  // The time in milliseconds from minute 0 on: minute t exports t × 60 000.
  const millis = (minutes: number) => ramp(0, 60_000, minutes + 1);
  const horizon = Math.floor(T / 59_940) + pendingFor + 2;
  const passes = firstFiring(holds(millis(horizon)), undefined, horizon)!;
  const fires = firstFiring(holds(millis(horizon)), pending, horizon)!;
  const inMillis = millis(fires);

  // Clocks a constant amount ahead from minute 0: the condition holds (or not) from the first evaluation.
  const settled = pendingFor;
  const ahead = (seconds: number) => ramp(seconds, 60, settled + 1);
  const above = T + Math.min(1, T / 10);
  const below = T - Math.min(1, T / 10);
  const atTolerance = !firingAt(holds(ahead(T)), pending, settled);
  const quietAhead = atTolerance ? T : below;
  const tolerance = `the ${formatNumber(T)} s tolerance`;

  return [
    scenario(`a time exported in milliseconds passes ${tolerance} at minute ${passes} and fires at minute ${fires}, ${humanizeDuration(aheadAt(inMillis)(fires)!)} ahead`, {
      input: [o.series(inMillis)],
      at: at(fires),
      fires: firing(inMillis, fires),
      proves: ['firing-minute', 'evidence-loss'],
      guards: o.blinds,
    }),
    scenario(
      fires > passes
        ? `a time exported in milliseconds is still pending at minute ${fires - 1}, one evaluation before it fires`
        : `a time exported in milliseconds is not yet past ${tolerance} at minute ${fires - 1} and stays quiet`,
      { input: [o.series(millis(fires))], at: at(fires - 1), fires: 'quiet', proves: ['pending'] },
    ),
    scenario(
      atTolerance ? `a clock exactly ${formatNumber(T)} s ahead, at the tolerance, stays quiet` : `a clock ${formatNumber(below)} s ahead, just within ${tolerance}, stays quiet`,
      { input: [o.series(ahead(quietAhead))], at: at(settled), fires: 'quiet', proves: ['edge-below'] },
    ),
    scenario(`a clock ${formatNumber(above)} s ahead, just past ${tolerance}, is firing at minute ${settled}`, {
      input: [o.series(ahead(above))],
      at: at(settled),
      fires: firing(ahead(above), settled),
      proves: ['edge-above'],
    }),
    scenario('a time in seconds, a minute old, stays quiet', {
      input: [o.series(notation(hold(-60, 1), ramp(0, 60, settled)))],
      at: at(settled),
      fires: 'quiet',
    }),
  ];
}
