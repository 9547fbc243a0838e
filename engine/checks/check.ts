/** The check framework: a check has an id, a severity and a run function that returns findings. */
import type { ProjectModel } from '../model/project';
import type { DashboardModel, PanelModel } from '../model/dashboard';
import type { RuleGroupModel, RuleModel } from '../model/rules';
import type { AlertModel } from '../model/alerts';
import type { PromqlAnalysis, PromqlMemo } from '../promql/analyze';
import type { PlacedRow } from '../dashboards/layout';

/** How bad a finding is, least to most. A build fails on `error` by default. */
export const SEVERITIES = ['information', 'warning', 'error'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One problem, located at the definition that causes it. */
export interface Finding {
  readonly checkId: string;
  readonly severity: Severity;
  /** Definition file, relative to the project root. */
  readonly file: string;
  /** The definition inside the file, e.g. `dashboard "market-data" › panel "Feed age"`. */
  readonly definition: string;
  readonly message: string;
  /** How to fix it. */
  readonly hint: string;
  /** Set when the definition silences this check for itself: the reason it gave. */
  readonly silencedBecause?: string;
}

/** A PromQL expression somewhere in the project, with where it is and what it says. */
export interface QuerySite {
  readonly kind: 'panel' | 'variable' | 'rule' | 'alert';
  readonly file: string;
  readonly definition: string;
  /** The expression as written (with Grafana macros, for panels). */
  readonly expr: string;
  readonly analysis: PromqlAnalysis;
  readonly dashboard?: DashboardModel;
  readonly panel?: PanelModel;
  readonly group?: RuleGroupModel;
  readonly rule?: RuleModel;
  readonly alert?: AlertModel;
}

/** What every check receives: the project plus derived data computed once. */
export interface CheckContext {
  readonly project: ProjectModel;
  /** Every PromQL expression in dashboards and rules. */
  readonly queries: readonly QuerySite[];
  /** Dashboards with their layout (ids, grid positions). */
  readonly layouts: ReadonlyArray<{ readonly dashboard: DashboardModel; readonly file: string; readonly rows: readonly PlacedRow[] }>;
  /** Labels each recording rule's output can carry (undefined: not inferable). */
  readonly recordedLabels: ReadonlyMap<string, ReadonlySet<string> | undefined>;
  /** Parses of the run's expressions, for checks that read a syntax tree again: they were all parsed already. */
  readonly promqlMemo: PromqlMemo;
  /** Grafana uid of a dashboard id. */
  uidOf(dashboardId: string): string;
  /** Project-relative file of a definition source. */
  fileOf(source: string): string;
}

export interface Check {
  /** `area/name`, e.g. `promql/syntax`. */
  readonly id: string;
  readonly severity: Severity;
  /** One sentence: what the check catches. */
  readonly description: string;
  run(ctx: CheckContext): Finding[];
}

/** A finding of `check` with the check's id and severity filled in. */
export function finding(
  check: Pick<Check, 'id' | 'severity'>,
  where: { readonly file: string; readonly definition: string },
  message: string,
  hint: string,
): Finding {
  return { checkId: check.id, severity: check.severity, file: where.file, definition: where.definition, message, hint };
}
