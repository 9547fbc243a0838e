import { finding, type Check, type Finding } from '../check';

/** An alert's dashboard link points at a panel that exists. */
export const alertsDashboardLink: Check = {
  id: 'alerts/dashboard-link',
  severity: 'error',
  description: 'Alerts whose dashboard_url would point at a dashboard or panel that does not exist.',
  run(ctx) {
    const out: Finding[] = [];
    for (const q of ctx.queries) {
      const ref = q.alert?.dashboard;
      if (!ref) continue;
      const dashboard = ctx.project.dashboards.find((d) => d.id === ref.dashboard);
      if (!dashboard) {
        out.push(finding(alertsDashboardLink, q, `links to dashboard "${ref.dashboard}", which does not exist`, 'Use a dashboard id from dashboards/.'));
        continue;
      }
      const titles = dashboard.rows.flatMap((r) => r.panels.map((p) => p.title));
      if (!titles.includes(ref.panel)) {
        out.push(finding(alertsDashboardLink, q, `links to panel "${ref.panel}", which dashboard "${ref.dashboard}" does not have`, `Use one of: ${titles.map((t) => `"${t}"`).join(', ')}.`));
      }
    }
    return out;
  },
};
