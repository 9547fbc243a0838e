/**
 * What the semantic diff reports, in the reviewer's terms: one section per kind of thing (alerts, SLOs, recording
 * rules, dashboards, Alertmanager) and the generated files outside them. Plain data, sorted by the diffs, so the
 * renderers only format it.
 */
import type { DashboardsDiff } from './dashboard-types';
import type { FieldChange } from './field-change';
import type { ScenariosDiff } from './scenario-types';

export type { FieldChange } from './field-change';
export * from './dashboard-types';
export * from './scenario-types';

/** A generated tree: path relative to generated/ → content. */
export type Tree = ReadonlyMap<string, string>;


/** An alert added or removed, with the receivers its labels route to. */
export interface AlertSummary {
  /** Identity: name, severity and (only when name + severity is ambiguous) the rule file. */
  readonly key: string;
  readonly name: string;
  readonly severity: string;
  readonly file: string;
  readonly expr: string;
  readonly receivers: readonly string[];
}

/** An alert present on both sides, and what changed in it. */
export interface AlertChange {
  readonly key: string;
  readonly name: string;
  readonly severity: string;
  readonly file: string;
  readonly changes: readonly FieldChange[];
}

/** An alert that kept its expression and labels under another name. */
export interface AlertRename {
  readonly from: string;
  readonly to: string;
  readonly severity: string;
  readonly file: string;
  /** Fields that changed besides the name (annotations usually mention it). */
  readonly changes: readonly FieldChange[];
}

/** Alert rules, by name and severity. */
export interface AlertsDiff {
  readonly added: readonly AlertSummary[];
  readonly removed: readonly AlertSummary[];
  readonly renamed: readonly AlertRename[];
  readonly changed: readonly AlertChange[];
}

/** One burn-rate tier of an SLO, before and after. */
export interface SloTierChange {
  readonly tier: string;
  readonly factorBefore: number | null;
  readonly factorAfter: number | null;
  /** Error-ratio threshold of the tier: factor × (1 − objective). */
  readonly thresholdBefore: number | null;
  readonly thresholdAfter: number | null;
}

/** An SLO as its metadata recording rules state it. */
export interface SloState {
  readonly id: string;
  readonly name: string;
  readonly objective: number | null;
  readonly periodDays: number | null;
  /** Minutes of full outage the error budget allows per period: (1 − objective) × days × 1440. */
  readonly errorBudgetMinutes: number | null;
}

/** An SLO whose objective, period or tiers changed. */
export interface SloChange {
  readonly id: string;
  readonly name: string;
  readonly before: SloState;
  readonly after: SloState;
  readonly tiers: readonly SloTierChange[];
}

/** SLOs, by id. */
export interface SlosDiff {
  readonly added: readonly SloState[];
  readonly removed: readonly SloState[];
  readonly changed: readonly SloChange[];
}

/** Something that reads a recording rule's series. */
export interface Dependent {
  readonly kind: 'alert' | 'recording rule' | 'panel';
  /** Alert name, record name, or the panel's path, `dashboard title › row title › panel title`. */
  readonly name: string;
  readonly where: string;
}

/** A recording rule, with what depends on it. */
export interface RecordingRuleSummary {
  /** `record{label="v",…}` (labels of the rule itself, sorted). */
  readonly key: string;
  readonly record: string;
  readonly file: string;
  readonly expr: string;
  /** What mentions the record: in the head tree for added/changed rules, in the base tree for removed ones. */
  readonly dependents: readonly Dependent[];
}

/** A recording rule whose expression changed. */
export interface RecordingRuleChange extends RecordingRuleSummary {
  readonly exprBefore: string;
}

/** Recording rules, by record name and static labels. */
export interface RecordingRulesDiff {
  readonly added: readonly RecordingRuleSummary[];
  readonly removed: readonly RecordingRuleSummary[];
  readonly changed: readonly RecordingRuleChange[];
}

/** A route added or removed, by its path of matchers. */
export interface RouteLine {
  /** Matchers from the root down, ` ▸ `-joined; `(root)` for the root route. */
  readonly path: string;
  readonly receiver: string;
}

/** A route whose receiver or settings changed. */
export interface RouteChange {
  readonly path: string;
  readonly changes: readonly FieldChange[];
}

/** A named thing (a receiver) and its changed fields. */
export interface NamedChange {
  readonly name: string;
  readonly changes: readonly FieldChange[];
}

/** An inhibition rule: source and target matchers as text. */
export interface InhibitRuleSummary {
  readonly source: string;
  readonly target: string;
  readonly equal: readonly string[];
}

/** An inhibition rule whose `equal` labels changed. */
export interface InhibitRuleChange {
  readonly source: string;
  readonly target: string;
  readonly equalBefore: readonly string[];
  readonly equalAfter: readonly string[];
}

/** Alertmanager routes, receivers and inhibition rules. */
export interface AlertmanagerDiff {
  readonly routesAdded: readonly RouteLine[];
  readonly routesRemoved: readonly RouteLine[];
  readonly routesChanged: readonly RouteChange[];
  readonly receiversAdded: readonly string[];
  readonly receiversRemoved: readonly string[];
  readonly receiversChanged: readonly NamedChange[];
  readonly inhibitRulesAdded: readonly InhibitRuleSummary[];
  readonly inhibitRulesRemoved: readonly InhibitRuleSummary[];
  readonly inhibitRulesChanged: readonly InhibitRuleChange[];
}

/** Generated files the semantic model does not cover. */
export interface OtherFilesDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

/** Everything that changed between two generated trees, section by section. */
export interface ObservabilityDiff {
  readonly alerts: AlertsDiff;
  readonly slos: SlosDiff;
  readonly recordingRules: RecordingRulesDiff;
  readonly dashboards: DashboardsDiff;
  /** Promtool scenarios added, removed or changed, by the alert they prove. */
  readonly scenarios: ScenariosDiff;
  readonly alertmanager: AlertmanagerDiff;
  /** Generated files outside the semantic model (docs, scrape config, provisioning) that differ. */
  readonly otherFiles: OtherFilesDiff;
  /** Files that could not be parsed (`path: message`); their semantic content is missing from the diff. */
  readonly warnings: readonly string[];
}

/** The diff of two equal trees. */
export function emptyDiff(): ObservabilityDiff {
  return {
    alerts: { added: [], removed: [], renamed: [], changed: [] },
    slos: { added: [], removed: [], changed: [] },
    recordingRules: { added: [], removed: [], changed: [] },
    dashboards: {
      added: [],
      removed: [],
      retitled: [],
      rowsAdded: [],
      rowsRemoved: [],
      rowsRenamed: [],
      rowsMoved: [],
      panelsAdded: [],
      panelsRemoved: [],
      panelsChanged: [],
      layoutShifts: [],
    },
    scenarios: { alerts: [], filesAdded: [], filesRemoved: [], filesChanged: [] },
    alertmanager: {
      routesAdded: [],
      routesRemoved: [],
      routesChanged: [],
      receiversAdded: [],
      receiversRemoved: [],
      receiversChanged: [],
      inhibitRulesAdded: [],
      inhibitRulesRemoved: [],
      inhibitRulesChanged: [],
    },
    otherFiles: { added: [], removed: [], changed: [] },
    warnings: [],
  };
}

/** `[phrase, n]`, the phrase for one when n is 1 (`1 alert changed`) and for several otherwise (`0 alerts changed`). */
const count = (n: number, one: string, many: string): readonly [string, number] => [n === 1 ? one : many, n];

/**
 * Counts of every kind of change, in display order, each with its phrase in the right number (`alert changed` for
 * 1, `alerts changed` otherwise). Zero everywhere means nothing changed. A panel that only shifted because of
 * another is no change of its own and is not counted; row headers are counted as rows, never as panels.
 */
export function diffCounts(diff: ObservabilityDiff): ReadonlyArray<readonly [string, number]> {
  const a = diff.alertmanager;
  const d = diff.dashboards;
  const t = diff.scenarios;
  const scenarios = (list: 'added' | 'removed' | 'changed') => t.alerts.reduce((sum, x) => sum + x[list].length, 0);
  return [
    count(diff.alerts.added.length, 'alert added', 'alerts added'),
    count(diff.alerts.removed.length, 'alert removed', 'alerts removed'),
    count(diff.alerts.renamed.length, 'alert renamed', 'alerts renamed'),
    count(diff.alerts.changed.length, 'alert changed', 'alerts changed'),
    count(scenarios('added'), 'scenario added', 'scenarios added'),
    count(scenarios('removed'), 'scenario removed', 'scenarios removed'),
    count(scenarios('changed'), 'scenario changed', 'scenarios changed'),
    count(t.filesAdded.length, 'scenario file added', 'scenario files added'),
    count(t.filesRemoved.length, 'scenario file removed', 'scenario files removed'),
    count(t.filesChanged.length, 'scenario file setting changed', 'scenario file settings changed'),
    count(diff.slos.added.length, 'SLO added', 'SLOs added'),
    count(diff.slos.removed.length, 'SLO removed', 'SLOs removed'),
    count(diff.slos.changed.length, 'SLO changed', 'SLOs changed'),
    count(diff.recordingRules.added.length, 'recording rule added', 'recording rules added'),
    count(diff.recordingRules.removed.length, 'recording rule removed', 'recording rules removed'),
    count(diff.recordingRules.changed.length, 'recording rule changed', 'recording rules changed'),
    count(d.added.length, 'dashboard added', 'dashboards added'),
    count(d.removed.length, 'dashboard removed', 'dashboards removed'),
    count(d.retitled.length, 'dashboard retitled', 'dashboards retitled'),
    count(d.rowsAdded.length, 'row added', 'rows added'),
    count(d.rowsRemoved.length, 'row removed', 'rows removed'),
    count(d.rowsRenamed.length, 'row renamed', 'rows renamed'),
    count(d.rowsMoved.length, 'row moved', 'rows moved'),
    count(d.panelsAdded.length, 'panel added', 'panels added'),
    count(d.panelsRemoved.length, 'panel removed', 'panels removed'),
    count(d.panelsChanged.length, 'panel changed', 'panels changed'),
    count(a.routesAdded.length, 'route added', 'routes added'),
    count(a.routesRemoved.length, 'route removed', 'routes removed'),
    count(a.routesChanged.length, 'route changed', 'routes changed'),
    count(a.receiversAdded.length, 'receiver added', 'receivers added'),
    count(a.receiversRemoved.length, 'receiver removed', 'receivers removed'),
    count(a.receiversChanged.length, 'receiver changed', 'receivers changed'),
    count(a.inhibitRulesAdded.length, 'inhibit rule added', 'inhibit rules added'),
    count(a.inhibitRulesRemoved.length, 'inhibit rule removed', 'inhibit rules removed'),
    count(a.inhibitRulesChanged.length, 'inhibit rule changed', 'inhibit rules changed'),
    count(diff.otherFiles.added.length + diff.otherFiles.removed.length + diff.otherFiles.changed.length, 'other generated file changed', 'other generated files changed'),
  ];
}

/** Whether nothing changed and nothing failed to parse. */
export function isEmptyDiff(diff: ObservabilityDiff): boolean {
  return diffCounts(diff).every(([, n]) => n === 0) && diff.warnings.length === 0;
}
