/**
 * The post-build pass over alerts: turns alert groups into Prometheus rule groups, stamping `severity`,
 * `runbook_url` and `dashboard_url` on every alert so that definitions carry no link boilerplate.
 */
import type { ProjectModel } from '../model/project';
import type { AlertModel } from '../model/alerts';
import type { AlertRuleModel, RuleGroupModel } from '../model/rules';
import { dashboardUid, stablePanelId } from '../dashboards/stable-ids';

/** The anchor of an alert's section in the generated runbook. */
export function runbookAnchor(alert: Pick<AlertModel, 'name' | 'runbookAnchor'>): string {
  return alert.runbookAnchor ?? alert.name.toLowerCase().replace(/[^a-z0-9_-]/g, '');
}

/** Static annotations the build adds to every alert. */
export function linkAnnotations(project: ProjectModel, a: AlertModel): Record<string, string> {
  const links: Record<string, string> = { runbook_url: `${project.links.runbookUrl}#${runbookAnchor(a)}` };
  if (a.dashboard) {
    const uid = dashboardUid(project.uidPrefix, a.dashboard.dashboard);
    const panel = stablePanelId(a.dashboard.dashboard, a.dashboard.panel);
    const variables = Object.entries(a.dashboard.variables ?? {}).map(([k, v]) => `&var-${k}=${encodeURIComponent(v)}`);
    links.dashboard_url = `${project.links.grafanaUrl}/d/${uid}?viewPanel=${panel}${variables.join('')}`;
  }
  return links;
}

/** The Prometheus rule of an alert. */
export function alertRule(project: ProjectModel, a: AlertModel): AlertRuleModel {
  return {
    kind: 'alert',
    alert: a.name,
    expr: a.expr,
    ...(a.for ? { for: a.for } : {}),
    ...(a.keepFiringFor ? { keepFiringFor: a.keepFiringFor } : {}),
    labels: { ...a.labels, severity: a.severity },
    annotations: { ...a.annotations, summary: a.summary, description: a.description, ...linkAnnotations(project, a) },
  };
}

/**
 * Rule groups by project. The build asks for them for the rule files, the promtool test files and its summary;
 * project models are read-only, so each project's groups are made once.
 */
const ruleGroupsOf = new WeakMap<ProjectModel, readonly RuleGroupModel[]>();

/** Recording groups, then alert groups, as Prometheus rule groups. */
export function allRuleGroups(project: ProjectModel): readonly RuleGroupModel[] {
  let groups = ruleGroupsOf.get(project);
  if (!groups) ruleGroupsOf.set(project, (groups = ruleGroups(project)));
  return groups;
}

function ruleGroups(project: ProjectModel): RuleGroupModel[] {
  return [
    ...project.ruleGroups,
    ...project.alertGroups.map(
      (g): RuleGroupModel => ({
        name: g.name,
        file: g.file,
        ...(g.interval ? { interval: g.interval } : {}),
        source: g.source,
        rules: g.alerts.map((a) => alertRule(project, a)),
      }),
    ),
  ];
}
