/**
 * The evidence model of alerts: which catalog metrics each alert reads (through the recording rules it reads), and
 * for each way that evidence can be lost — the metric vanishes while its job is up, the job exposing it is down,
 * a timestamp lies in the future, a ratio leaves [0, 1] — which alerts fire when it happens, and how soon. Covers
 * are found in the rules themselves (engine/promql/guards.ts): an alert on `absent(x)`, on `up == 0` of the job,
 * on `x > time() + …`; nothing is listed by hand.
 */
import type { Catalog } from '../catalog/catalog';
import { PROMETHEUS_SCRAPE_SERIES, type Metric } from '../catalog/metric';
import { expressionGuards, type GuardedSeries } from '../promql/guards';
import type { ParseMemo } from '../promql/syntax';
import { durationSeconds } from '../promql/duration';
import type { RuleGroupModel } from '../model/rules';
import type { PromqlAnalysis } from '../promql/analyze';
import type { EvidenceLoss } from '../model/alerts';
import type { ResolvedAlert } from './resolved-alert';


/** A loss in words: "when `<metric>` <words>, ...". */
export const EVIDENCE_LOSS_WORDS: Readonly<Record<EvidenceLoss, string>> = {
  vanished: 'vanishes or goes stale while its job is up',
  'target-down': 'is lost with its job (the target is down or cannot be scraped)',
  future: 'carries a timestamp in the future (milliseconds, or a wrong clock)',
  'out-of-range': 'leaves [0, 1]',
};

/** An alert that fires when a piece of evidence is lost, and within how many minutes (about). */
export interface EvidenceCover {
  readonly alert: string;
  readonly severity: ResolvedAlert['severity'];
  readonly withinMinutes: number;
}

/** One way a metric an alert reads can be lost, and what fires then. */
export interface EvidenceLossCover {
  readonly loss: EvidenceLoss;
  readonly covers: readonly EvidenceCover[];
  /** The alert's written reason for leaving this loss uncovered, when it gives one. */
  readonly waived?: string;
}

/** A catalog metric an alert reads, directly or through recording rules. */
export interface EvidenceItem {
  readonly metric: Metric;
  /** Recording rules between the alert and the metric, nearest the alert first (empty: read directly). */
  readonly via: readonly string[];
  readonly losses: readonly EvidenceLossCover[];
}

/** What an alert's evidence is and what covers its loss. */
export interface AlertEvidence {
  readonly alert: ResolvedAlert;
  readonly items: readonly EvidenceItem[];
}

/** The guards of one alert, with the alert's delay. */
interface AlertGuards {
  readonly alert: ResolvedAlert;
  readonly forMinutes: number;
  readonly absent: ReadonlyArray<GuardedSeries & { readonly windowMinutes: number }>;
  readonly down: readonly GuardedSeries[];
  readonly future: readonly GuardedSeries[];
  readonly outOfRange: readonly GuardedSeries[];
}

/**
 * Minutes of a duration, or 0 for one that does not parse: the evidence model is made before the checks, and
 * alerts/durations reports the bad duration with its place.
 */
function minutesOrZero(duration: string | undefined): number {
  try {
    return durationSeconds(duration ?? '0s') / 60;
  } catch {
    return 0;
  }
}

/** Whether `matchers` on `job` let any of `jobs` through (anchored regexes, as in Prometheus). */
function admitsAny(guard: GuardedSeries, jobs: readonly string[]): boolean {
  return jobs.some((job) =>
    guard.matchers
      .filter((m) => m.label === 'job')
      .every((m) => {
        if (m.op === '=') return job === m.value;
        if (m.op === '!=') return job !== m.value;
        let re: RegExp;
        try {
          re = new RegExp(`^(?:${m.value})$`);
        } catch {
          return true;
        }
        return m.op === '=~' ? re.test(job) : !re.test(job);
      }),
  );
}

/**
 * The evidence of every alert. `analysisOf` gives the analysis of a rule's or alert's expression (made by the
 * query sites); `memo` holds their parses.
 */
export function alertEvidence(o: {
  readonly catalog: Catalog;
  readonly alerts: readonly ResolvedAlert[];
  readonly recordingGroups: readonly RuleGroupModel[];
  readonly analysisOf: (expr: string) => PromqlAnalysis | undefined;
  readonly memo: ParseMemo;
}): AlertEvidence[] {
  // Rules sharing a name (one per SLO) are told apart by their static labels: a selector with slo_id="x" reads
  // only the rules of that SLO.
  const recorded = new Map<string, Array<{ readonly expr: string; readonly labels: Readonly<Record<string, string>> }>>();
  for (const g of o.recordingGroups) {
    for (const r of g.rules) if (r.kind === 'recording') recorded.set(r.record, [...(recorded.get(r.record) ?? []), { expr: r.expr, labels: r.labels ?? {} }]);
  }
  const rulesRead = (name: string, matchers: readonly { label: string; op: string; value: string }[]) =>
    (recorded.get(name) ?? []).filter((r) => matchers.every((m) => m.op !== '=' || r.labels[m.label] === undefined || r.labels[m.label] === m.value));

  const guards: AlertGuards[] = o.alerts.map((alert) => {
    const g = expressionGuards(alert.expr, o.memo);
    const windowOf = (s: GuardedSeries) => {
      // absent_over_time(x[w]) waits for its window; absent(x) and `unless x` for Prometheus' 5-minute staleness.
      const selector = o.analysisOf(alert.expr)?.selectors.find((x) => x.name === s.name && x.enclosingFunction === 'absent_over_time' && x.window);
      return selector?.window ? minutesOrZero(selector.window) : 5;
    };
    return {
      alert,
      forMinutes: minutesOrZero(alert.for),
      absent: g.absent.map((s) => ({ ...s, windowMinutes: windowOf(s) })),
      down: g.down,
      future: g.future,
      outOfRange: g.outOfRange,
    };
  });

  /** The catalog metric a series name belongs to. */
  const metricOf = (series: string) => o.catalog.metricForSeries(series);

  /** Catalog metrics an expression reads, through recording rules, each with the rules on the way. */
  const reads = (expr: string): Map<Metric, string[]> => {
    const found = new Map<Metric, string[]>();
    const visit = (text: string, via: string[], seen: Set<string>) => {
      for (const s of o.analysisOf(text)?.selectors ?? []) {
        if (!s.name) continue;
        const metric = metricOf(s.name);
        if (metric) {
          if (!found.has(metric)) found.set(metric, via);
          continue;
        }
        for (const rule of rulesRead(s.name, s.matchers)) {
          if (seen.has(rule.expr)) continue;
          seen.add(rule.expr);
          visit(rule.expr, [...via, s.name], seen);
        }
      }
    };
    visit(expr, [], new Set());
    return found;
  };

  const cover = (g: AlertGuards, extraMinutes: number): EvidenceCover => ({ alert: g.alert.name, severity: g.alert.severity, withinMinutes: Math.ceil(g.forMinutes + extraMinutes) });
  const dedupe = (covers: EvidenceCover[]) => [...new Map(covers.map((c) => [`${c.alert}\u0000${c.severity}`, c])).values()];

  return o.alerts.map((alert) => {
    const items: EvidenceItem[] = [];
    for (const [metric, via] of reads(alert.expr)) {
      const names = new Set([metric.name, ...via]);
      const isMetricOrVia = (s: GuardedSeries) => names.has(s.name) || metricOf(s.name) === metric;
      const losses: EvidenceLossCover[] = [];
      const add = (loss: EvidenceLoss, covers: EvidenceCover[]) => {
        const waived = alert.evidenceWaivers?.find((w) => w.metric === metric.name && w.loss === loss)?.reason;
        losses.push({ loss, covers: dedupe(covers), ...(waived ? { waived } : {}) });
      };
      // Prometheus writes `up` and the scrape series for every configured target at every scrape: they vanish only
      // with the target's configuration (a reviewed change) or with Prometheus itself, which the Watchdog's silence
      // tells. Every other metric can vanish while its target is up, and is lost with it when it is down.
      if (!PROMETHEUS_SCRAPE_SERIES.has(metric.name)) {
        add(
          'vanished',
          guards.flatMap((g) => g.absent.filter(isMetricOrVia).map((s) => cover(g, s.windowMinutes))),
        );
        add(
          'target-down',
          guards.filter((g) => g.down.some((s) => admitsAny(s, metric.exposedBy))).map((g) => cover(g, 0)),
        );
      }
      if (metric.unit === 'timestamp_seconds') add('future', guards.filter((g) => g.future.some(isMetricOrVia)).map((g) => cover(g, 0)));
      if (metric.unit === 'ratio') add('out-of-range', guards.filter((g) => g.outOfRange.some(isMetricOrVia)).map((g) => cover(g, 0)));
      items.push({ metric, via, losses });
    }
    return { alert, items };
  });
}
