/** Every PromQL expression of a project, analysed once, and the labels its recording rules' outputs carry. */
import type { Catalog } from '../catalog/catalog';
import { analyzePromql, substituteGrafanaMacros, type PromqlAnalysis, type PromqlMemo, type SeriesLabels } from '../promql/analyze';
import type { RecordingRuleModel, RuleGroupModel } from '../model/rules';
import { locate, within, type Location } from '../model/location';
import type { QuerySite, ResolvedAlertGroup, ResolvedDashboard } from './resolved-project';

/** Recording rules' inferred labels, and each rule's analysis against them. */
interface RecordedLabels {
  readonly recorded: Map<string, ReadonlySet<string> | undefined>;
  /** A recording rule's analysis with the final labels of everything it reads. */
  readonly analysisOf: (rule: RecordingRuleModel) => PromqlAnalysis;
}

/** Labels of catalog series and of recording rules' outputs, as far as they can be inferred. */
function inferRecordedLabels(catalog: Catalog, groups: readonly RuleGroupModel[], memo: PromqlMemo): RecordedLabels {
  const recorded = new Map<string, ReadonlySet<string> | undefined>();
  const rules = groups.flatMap((g) => g.rules).filter((r): r is RecordingRuleModel => r.kind === 'recording');
  const seriesLabels: SeriesLabels = (name) => catalog.labelsForSeries(name) ?? recorded.get(name);
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

/** The query sites and recorded labels of a project's dashboards, recording rules and alerts. */
export function querySites(o: {
  readonly catalog: Catalog;
  readonly dashboards: readonly ResolvedDashboard[];
  readonly recordingGroups: readonly RuleGroupModel[];
  readonly alertGroups: readonly ResolvedAlertGroup[];
  readonly fileOf: (source: string) => string;
  /** Parses of the expressions, shared by every analysis of the same text. */
  readonly memo: PromqlMemo;
}): { readonly queries: QuerySite[]; readonly recordedLabels: ReadonlyMap<string, ReadonlySet<string> | undefined> } {
  const memo = o.memo;
  const { recorded: recordedLabels, analysisOf } = inferRecordedLabels(o.catalog, o.recordingGroups, memo);
  const seriesLabels: SeriesLabels = (name) => o.catalog.labelsForSeries(name) ?? recordedLabels.get(name);
  const queries: QuerySite[] = [];

  for (const { dashboard, location } of o.dashboards) {
    for (const row of dashboard.rows) {
      for (const panel of row.panels) {
        panel.queries.forEach((q, i) => {
          queries.push({
            kind: 'panel',
            location: within(location, ['panel', panel.title], ['query', i + 1]),
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
        location: within(location, ['variable', v.name]),
        expr: v.series,
        analysis: analyzePromql(substituteGrafanaMacros(v.series), seriesLabels, memo),
        dashboard,
        variable: v.name,
      });
    }
  }
  for (const group of o.recordingGroups) {
    const groupLocation: Location = locate(o.fileOf(group.source), ['rule group', group.name]);
    for (const rule of group.rules) {
      queries.push({
        kind: 'rule',
        location: rule.kind === 'recording' ? within(groupLocation, ['recording rule', rule.record]) : within(groupLocation, ['alert', rule.alert]),
        expr: rule.expr,
        analysis: rule.kind === 'recording' ? analysisOf(rule) : analyzePromql(rule.expr, seriesLabels, memo),
        group,
        rule,
      });
    }
  }
  for (const group of o.alertGroups) {
    for (const alert of group.alerts) {
      queries.push({ kind: 'alert', location: alert.location, expr: alert.expr, analysis: analyzePromql(alert.expr, seriesLabels), alert });
    }
  }
  return { queries, recordedLabels };
}
