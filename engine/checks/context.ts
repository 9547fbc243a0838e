/** Builds the check context: analyses every expression once and infers recording rules' labels. */
import type { ProjectModel } from '../model/project';
import { analyzePromql, createPromqlMemo, substituteGrafanaMacros, type PromqlAnalysis, type PromqlMemo, type SeriesLabels } from '../promql/analyze';
import type { RecordingRuleModel } from '../model/rules';
import { layoutDashboard } from '../dashboards/layout';
import { dashboardUid } from '../dashboards/stable-ids';
import { withSloRules } from '../slo/expand';
import { sourcePath } from '../emit/generated-header';
import type { CheckContext, QuerySite } from './check';

/** Recording rules' inferred labels, and each rule's analysis against them. */
interface RecordedLabels {
  readonly recorded: Map<string, ReadonlySet<string> | undefined>;
  /** A recording rule's analysis with the final labels of everything it reads. */
  readonly analysisOf: (rule: RecordingRuleModel) => PromqlAnalysis;
}

/** Labels of catalog series and of recording rules' outputs, as far as they can be inferred. */
function inferRecordedLabels(project: ProjectModel, memo: PromqlMemo): RecordedLabels {
  const recorded = new Map<string, ReadonlySet<string> | undefined>();
  const rules = project.ruleGroups.flatMap((g) => g.rules).filter((r) => r.kind === 'recording');
  const seriesLabels: SeriesLabels = (name) => project.catalog.labelsForSeries(name) ?? recorded.get(name);
  // Steps of the passes below: when each recorded name last changed, and when each rule was last analysed. A rule
  // that reads nothing changed since its last analysis would infer the same labels again, so it is not analysed
  // again: re-analysing every rule on every pass made the passes most of the checks' time.
  let step = 0;
  const changedAt = new Map<string, number>();
  const analysed = new Map<RecordingRuleModel, { readonly analysis: PromqlAnalysis; readonly at: number }>();
  const stale = (last: { readonly analysis: PromqlAnalysis; readonly at: number }) =>
    last.analysis.selectors.some((s) => s.name !== undefined && (changedAt.get(s.name) ?? 0) > last.at);
  // Rules may use rules defined after them; repeat until nothing changes (at most once per rule).
  for (let pass = 0; pass <= rules.length; pass++) {
    let changed = false;
    for (const rule of rules) {
      const last = analysed.get(rule);
      if (last && !stale(last)) continue;
      const analysis = analyzePromql(rule.expr, seriesLabels, memo);
      analysed.set(rule, { analysis, at: ++step });
      const inferred = analysis.outputLabels;
      // A rule's static labels are on its output too; rules sharing a name (one per SLO) add up.
      const before = recorded.get(rule.record);
      const labels = inferred && new Set([...inferred, ...Object.keys(rule.labels ?? {}), ...(before ?? [])]);
      if (labels && (!before || before.size !== labels.size)) {
        recorded.set(rule.record, labels);
        changedAt.set(rule.record, ++step);
        changed = true;
      } else if (!recorded.has(rule.record)) {
        recorded.set(rule.record, undefined);
      }
    }
    if (!changed) break;
  }
  return {
    recorded,
    analysisOf: (rule) => {
      const last = analysed.get(rule);
      return last && !stale(last) ? last.analysis : analyzePromql(rule.expr, seriesLabels, memo);
    },
  };
}

/**
 * The context every check reads. `memo` keeps the parses of the expressions: every text is analysed more than
 * once here, and a build passes the memo on to synthesis, which reads the rules' selectors again.
 */
export function buildCheckContext(definitions: ProjectModel, memo: PromqlMemo = createPromqlMemo()): CheckContext {
  const project = withSloRules(definitions);
  const { recorded: recordedLabels, analysisOf } = inferRecordedLabels(project, memo);
  const seriesLabels: SeriesLabels = (name) => project.catalog.labelsForSeries(name) ?? recordedLabels.get(name);
  const fileOf = (source: string) => sourcePath(project.rootDir, source);
  const queries: QuerySite[] = [];

  for (const dashboard of project.dashboards) {
    const file = fileOf(dashboard.source);
    for (const row of dashboard.rows) {
      for (const panel of row.panels) {
        panel.queries.forEach((q, i) => {
          queries.push({
            kind: 'panel',
            file,
            definition: `dashboard "${dashboard.id}" › panel "${panel.title}" › query ${i + 1}`,
            expr: q.expr,
            analysis: analyzePromql(substituteGrafanaMacros(q.expr), seriesLabels, memo),
            dashboard,
            panel,
          });
        });
      }
    }
    for (const v of dashboard.variables) {
      queries.push({
        kind: 'variable',
        file,
        definition: `dashboard "${dashboard.id}" › variable "${v.name}"`,
        expr: v.series,
        analysis: analyzePromql(substituteGrafanaMacros(v.series), seriesLabels, memo),
        dashboard,
      });
    }
  }
  for (const group of project.ruleGroups) {
    const file = fileOf(group.source);
    for (const rule of group.rules) {
      const name = rule.kind === 'recording' ? `recording rule "${rule.record}"` : `alert "${rule.alert}"`;
      queries.push({
        kind: 'rule',
        file,
        definition: `rule group "${group.name}" › ${name}`,
        expr: rule.expr,
        analysis: rule.kind === 'recording' ? analysisOf(rule) : analyzePromql(rule.expr, seriesLabels, memo),
        group,
        rule,
      });
    }
  }
  for (const group of project.alertGroups) {
    for (const alert of group.alerts) {
      queries.push({
        kind: 'alert',
        file: fileOf(alert.source),
        definition: `alert group "${group.name}" › alert "${alert.name}"`,
        expr: alert.expr,
        analysis: analyzePromql(alert.expr, seriesLabels, memo),
        alert,
      });
    }
  }

  return {
    project,
    queries,
    layouts: project.dashboards.map((dashboard) => ({ dashboard, file: fileOf(dashboard.source), rows: layoutDashboard(dashboard) })),
    recordedLabels,
    promqlMemo: memo,
    uidOf: (id) => dashboardUid(project.uidPrefix, id),
    fileOf,
  };
}
