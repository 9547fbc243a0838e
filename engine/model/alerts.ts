/** Alerts as plain data: the rule, what a human needs to act on it, and the scenarios that prove it. */

/** critical pages someone; warning opens a ticket; info is recorded but notifies nobody. */
export const ALERT_SEVERITIES = ['critical', 'warning', 'info'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** What the runbook says about an alert. */
export interface RunbookModel {
  /** What firing means, in one or two sentences. */
  readonly meaning: string;
  /** What it does to the running trading block if nobody acts. */
  readonly impact: string;
  /** Steps to find the cause: queries to run, dashboards to open. */
  readonly diagnose: readonly string[];
  /** Steps to stop the damage and fix the cause. */
  readonly mitigate: readonly string[];
}

/** One input series of a scenario in promtool's notation: `name{label="value"}` and `0+1x60`. */
export interface ScenarioSeries {
  readonly series: string;
  readonly values: string;
}

/** An alert a scenario expects to be firing: the labels the expression returns and the rendered description. */
export interface ExpectedAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly description: string;
  /**
   * Severity of the rule expected to fire, when an alert name has one rule per severity and a scenario sees the
   * sibling rule fire too (promtool checks every rule of the name). Defaults to the scenario's own rule.
   */
  readonly severity?: AlertSeverity;
}

/**
 * What a scenario pins down, so that the scenario check can require each class of every alert:
 * - `firing-minute`: the alert fires at the minute predicted from its `for` and windows;
 * - `pending`: it is still quiet one evaluation before that minute;
 * - `edge-below` / `edge-above`: a value just on the quiet side of the threshold stays quiet, one just past it fires
 *   (both computed from the threshold, never copied numbers);
 * - `evidence-loss`: the input is missing, stale, implausible, or Prometheus cannot see itself, and an alert fires.
 */
export const SCENARIO_CLASSES = ['firing-minute', 'pending', 'edge-below', 'edge-above', 'evidence-loss'] as const;
export type ScenarioClass = (typeof SCENARIO_CLASSES)[number];

/** Input series, a time to evaluate at, and the alerts expected then (none: the alert stays quiet). */
export interface AlertScenarioModel {
  /** What the scenario proves, as a sentence: "signals stop for 25h". */
  readonly name: string;
  /** Time between input samples. */
  readonly interval: string;
  readonly input: readonly ScenarioSeries[];
  readonly evalTime: string;
  readonly expect: readonly ExpectedAlert[];
  /** Series an expression must (or must not: no samples) return at `evalTime`, e.g. no NaN without traffic. */
  readonly expectSeries?: ReadonlyArray<{ readonly expr: string; readonly samples: ReadonlyArray<{ readonly labels: string; readonly value: number }> }>;
  /** What the scenario pins down (the alerts/scenario-classes check requires each class). */
  readonly proves?: readonly ScenarioClass[];
  /**
   * For an `evidence-loss` scenario of a guard alert: the alerts whose lost evidence it shows is told (this alert
   * fires where they would go silent).
   */
  readonly guards?: readonly string[];
}

/**
 * How an alert's evidence can be lost: a metric it reads vanishes while its job is up, the job exposing it is
 * down, a timestamp lies in the future (a clock or unit mistake), a ratio leaves [0, 1].
 */
export const EVIDENCE_LOSSES = ['vanished', 'target-down', 'future', 'out-of-range'] as const;
export type EvidenceLoss = (typeof EVIDENCE_LOSSES)[number];

/** A loss of evidence an alert leaves uncovered on purpose, with the reason written down. */
export interface EvidenceWaiver {
  /** The catalog metric, e.g. `cdb_execution_mode`. */
  readonly metric: string;
  readonly loss: EvidenceLoss;
  readonly reason: string;
}

/** A dashboard panel that shows the problem an alert is about. */
export interface PanelReference {
  readonly dashboard: string;
  readonly panel: string;
  /** Dashboard variables to set in the link (`var-<name>=<value>`). */
  readonly variables?: Readonly<Record<string, string>>;
}

export interface AlertModel {
  readonly name: string;
  readonly expr: string;
  readonly for?: string;
  readonly keepFiringFor?: string;
  readonly severity: AlertSeverity;
  /** Static labels besides `severity` (e.g. `layer`, `service`). */
  readonly labels: Readonly<Record<string, string>>;
  /** A static sentence ending in a period. */
  readonly summary: string;
  /** A Go template rendered by Prometheus, with humanized values. */
  readonly description: string;
  /** Further annotations (the build adds `runbook_url` and `dashboard_url`). */
  readonly annotations?: Readonly<Record<string, string>>;
  readonly dashboard?: PanelReference;
  readonly runbook: RunbookModel;
  readonly scenarios: readonly AlertScenarioModel[];
  /** Set on alerts meant to fire all the time (a dead man's switch); the checks then accept no comparison. */
  readonly alwaysFiring?: true;
  /** Definition file, as `import.meta.url` or a path. */
  readonly source: string;
  /** Anchor of the alert's runbook section, when several alerts share a name (one per SLO). */
  readonly runbookAnchor?: string;
  /** Checks silenced for this alert, each with its reason. */
  readonly silence?: ReadonlyArray<{ readonly check: string; readonly reason: string }>;
  /** Losses of evidence no alert covers, accepted with a reason (the alerts/evidence check). */
  readonly evidenceWaivers?: readonly EvidenceWaiver[];
}

/** Alerts evaluated together; written to the rule file `file`.yml after that file's recording rules. */
export interface AlertGroupModel {
  readonly name: string;
  /** Heading of the group in the runbook. */
  readonly title: string;
  readonly file: string;
  readonly interval?: string;
  readonly alerts: readonly AlertModel[];
  /** Definition file, as `import.meta.url` or a path. */
  readonly source: string;
}
