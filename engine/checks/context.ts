/** Builds the check context: analyses every expression once and infers recording rules' labels. */
import type { ProjectModel } from '../model/project';
import { analyzePromql, substituteGrafanaMacros, type SeriesLabels } from '../promql/analyze';
import { layoutDashboard } from '../dashboards/layout';
import { dashboardUid } from '../dashboards/stable-ids';
import { withSloRules } from '../slo/expand';
import { sourcePath } from '../emit/generated-header';
import type { CheckContext, QuerySite } from './check';

/** Labels of catalog series and of recording rules' outputs, as far as they can be inferred. */
function inferRecordedLabels(project: ProjectModel): Map<string, ReadonlySet<string> | undefined> {
  const recorded = new Map<string, ReadonlySet<string> | undefined>();
  const rules = project.ruleGroups.flatMap((g) => g.rules).filter((r) => r.kind === 'recording');
  const seriesLabels: SeriesLabels = (name) => project.catalog.labelsForSeries(name) ?? recorded.get(name);
  // Rules may use rules defined after them; repeat until nothing changes (at most once per rule).
  for (let pass = 0; pass <= rules.length; pass++) {
    let changed = false;
    for (const rule of rules) {
      const inferred = analyzePromql(rule.expr, seriesLabels).outputLabels;
      // A rule's static labels are on its output too; rules sharing a name (one per SLO) add up.
      const before = recorded.get(rule.record);
      const labels = inferred && new Set([...inferred, ...Object.keys(rule.labels ?? {}), ...(before ?? [])]);
      if (labels && (!before || before.size !== labels.size)) {
        recorded.set(rule.record, labels);
        changed = true;
      } else if (!recorded.has(rule.record)) {
        recorded.set(rule.record, undefined);
      }
    }
    if (!changed) break;
  }
  return recorded;
}

export function buildCheckContext(definitions: ProjectModel): CheckContext {
  const project = withSloRules(definitions);
  const recordedLabels = inferRecordedLabels(project);
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
            analysis: analyzePromql(substituteGrafanaMacros(q.expr), seriesLabels),
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
        analysis: analyzePromql(substituteGrafanaMacros(v.series), seriesLabels),
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
        analysis: analyzePromql(rule.expr, seriesLabels),
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
        analysis: analyzePromql(alert.expr, seriesLabels),
        alert,
      });
    }
  }

  return {
    project,
    queries,
    layouts: project.dashboards.map((dashboard) => ({ dashboard, file: fileOf(dashboard.source), rows: layoutDashboard(dashboard) })),
    recordedLabels,
    uidOf: (id) => dashboardUid(project.uidPrefix, id),
    fileOf,
  };
}
