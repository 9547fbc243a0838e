/**
 * The pass over alerts that turns each into its Prometheus rule, stamping `severity`, `runbook_url` and
 * `dashboard_url` on every alert so that definitions carry no link boilerplate.
 */
import type { AlertModel } from '../model/alerts';
import type { AlertRuleModel } from '../model/rules';
import { dashboardUid, stablePanelId } from '../dashboards/stable-ids';

/** What links are made of: where people open Grafana and the runbook, and the project's dashboard uid prefix. */
export interface LinkBase {
  readonly grafanaUrl: string;
  readonly runbookUrl: string;
  readonly uidPrefix: string;
}

/** The anchor of an alert's section in the generated runbook. */
export function runbookAnchor(alert: Pick<AlertModel, 'name' | 'runbookAnchor'>): string {
  return alert.runbookAnchor ?? alert.name.toLowerCase().replace(/[^a-z0-9_-]/g, '');
}

/** Static annotations the build adds to every alert. */
function linkAnnotations(base: LinkBase, a: AlertModel): Record<string, string> {
  const links: Record<string, string> = { runbook_url: `${base.runbookUrl}#${runbookAnchor(a)}` };
  if (a.dashboard) {
    const uid = dashboardUid(base.uidPrefix, a.dashboard.dashboard);
    const panel = stablePanelId(a.dashboard.dashboard, a.dashboard.panel);
    const variables = Object.entries(a.dashboard.variables ?? {}).map(([k, v]) => `&var-${k}=${encodeURIComponent(v)}`);
    links.dashboard_url = `${base.grafanaUrl}/d/${uid}?viewPanel=${panel}${variables.join('')}`;
  }
  return links;
}

/** The Prometheus rule of an alert. */
export function alertRule(base: LinkBase, a: AlertModel): AlertRuleModel {
  return {
    kind: 'alert',
    alert: a.name,
    expr: a.expr,
    ...(a.for ? { for: a.for } : {}),
    ...(a.keepFiringFor ? { keepFiringFor: a.keepFiringFor } : {}),
    labels: { ...a.labels, severity: a.severity },
    annotations: { ...a.annotations, summary: a.summary, description: a.description, ...linkAnnotations(base, a) },
  };
}
