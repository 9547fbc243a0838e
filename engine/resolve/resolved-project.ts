/**
 * The resolved project: the definitions with everything derived from them made once — SLOs validated and expanded
 * into rules, every alert's Prometheus rule with its links, dashboard layouts, every PromQL expression analysed,
 * recording rules' labels inferred, and every definition located. Checks and emitters read only this.
 */
import type { ProjectDefinitions } from '../model/project';
import type { DashboardModel, PanelModel, Silence } from '../model/dashboard';
import type { RuleGroupModel, RuleModel } from '../model/rules';
import type { AlertGroupModel } from '../model/alerts';
import type { Location } from '../model/location';
import type { PromqlAnalysis, PromqlMemo } from '../promql/analyze';
import type { PlacedRow } from '../dashboards/layout';
import type { SloModel } from '../slo/model';
import type { AlertEvidence } from './evidence';
import type { ResolvedAlert } from './resolved-alert';

/** A dashboard with its layout. */
export interface ResolvedDashboard {
  readonly dashboard: DashboardModel;
  /** The dashboard's definition: its file and `dashboard "<id>"`. */
  readonly location: Location;
  /** Grafana uid. */
  readonly uid: string;
  /** Rows and panels placed on the grid, with their stable ids and refIds. */
  readonly rows: readonly PlacedRow[];
}

export interface ResolvedAlertGroup extends Omit<AlertGroupModel, 'alerts'> {
  readonly alerts: readonly ResolvedAlert[];
}

/** A validated SLO and where it is defined. */
export interface ResolvedSlo {
  readonly slo: SloModel;
  readonly location: Location;
}

/** A PromQL expression somewhere in the project, with where it is and what it says. */
export interface QuerySite {
  readonly kind: 'panel' | 'variable' | 'rule' | 'alert';
  readonly location: Location;
  /** The expression as written (with Grafana macros, for panels). */
  readonly expr: string;
  readonly analysis: PromqlAnalysis;
  readonly dashboard?: DashboardModel;
  readonly panel?: PanelModel;
  /** The variable, for a variable's series. */
  readonly variable?: string;
  /** The rule's group, for a rule written into a rule group as it is (a recording rule, or a plain alert rule). */
  readonly group?: RuleGroupModel;
  readonly rule?: RuleModel;
  readonly alert?: ResolvedAlert;
}

/** A definition that silences checks for itself and everything inside it. */
export interface SilenceSite {
  readonly location: Location;
  readonly silences: readonly Silence[];
}

export interface ResolvedProject extends Omit<ProjectDefinitions, 'dashboards' | 'ruleGroups' | 'alertGroups' | 'slos' | 'sloConventions'> {
  readonly dashboards: readonly ResolvedDashboard[];
  /** Rule groups as the definitions wrote them (recording rules, and any plain alert rules), then each SLO's. */
  readonly recordingGroups: readonly RuleGroupModel[];
  /** Alert groups: the definitions', then each SLO's. */
  readonly alertGroups: readonly ResolvedAlertGroup[];
  /** Every group as the rule files hold it: recording groups, then alert groups with their rules. */
  readonly ruleGroups: readonly RuleGroupModel[];
  readonly slos: readonly ResolvedSlo[];
  /** Every PromQL expression of dashboards, recording rules and alerts, analysed once. */
  readonly queries: readonly QuerySite[];
  /** Labels each recording rule's output can carry (undefined: not inferable). */
  readonly recordedLabels: ReadonlyMap<string, ReadonlySet<string> | undefined>;
  readonly silences: readonly SilenceSite[];
  /** What every alert reads and what fires when that evidence is lost, in alert order. */
  readonly evidence: readonly AlertEvidence[];
  /**
   * The parse of every PromQL text above, for checks that walk a syntax tree again: made with the project, gone
   * with it.
   */
  readonly promqlMemo: PromqlMemo;
  /** Where the datasource, scrape and provisioning settings are defined. */
  readonly configLocation: Location;
  /** Where the Alertmanager configuration is defined. */
  readonly alertmanagerLocation: Location;
  /** Project-relative file of a definition source (an `import.meta.url` or a path). */
  fileOf(source: string): string;
  /** Grafana uid of a dashboard id. */
  uidOf(dashboardId: string): string;
}
