import { finding, type Check, type Finding } from '../check';
import type { DashboardModel } from '../../model/dashboard';

/** An alert's dashboard link points at a panel that exists. */
export const alertsDashboardLink: Check = {
  id: 'alerts/dashboard-link',
  severity: 'error',
  description: 'Alerts whose dashboard_url would point at a dashboard or panel that does not exist.',
  run(ctx) {
    const out: Finding[] = [];
    // By id, and panel titles per dashboard, once: a search per alert grew with alerts × dashboards.
    const dashboards = new Map<string, DashboardModel>();
    for (const { dashboard: d } of ctx.dashboards) if (!dashboards.has(d.id)) dashboards.set(d.id, d);
    const titlesOf = new Map<DashboardModel, string[]>();
    for (const q of ctx.queries) {
      const ref = q.alert?.dashboard;
      if (!ref) continue;
      const dashboard = dashboards.get(ref.dashboard);
      if (!dashboard) {
        out.push(finding(alertsDashboardLink, q.location, `links to dashboard "${ref.dashboard}", which does not exist`, 'Use a dashboard id from dashboards/.'));
        continue;
      }
      let titles = titlesOf.get(dashboard);
      if (!titles) titlesOf.set(dashboard, (titles = dashboard.rows.flatMap((r) => r.panels.map((p) => p.title))));
      if (!titles.includes(ref.panel)) {
        out.push(finding(alertsDashboardLink, q.location, `links to panel "${ref.panel}", which dashboard "${ref.dashboard}" does not have`, `Use one of: ${titles.map((t) => `"${t}"`).join(', ')}.`));
      }
    }
    return out;
  },
};
