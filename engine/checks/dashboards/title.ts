import { finding, type Check, type Finding } from '../check';

/** Grafana needs a non-empty title, unique within its folder. */
export const dashboardTitle: Check = {
  id: 'dashboard/title',
  severity: 'error',
  description: 'Dashboards with an empty title, or a title used twice in one folder.',
  run(ctx) {
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const { dashboard, location: where } of ctx.dashboards) {
      if (dashboard.title.trim() === '') out.push(finding(dashboardTitle, where, 'title is empty', 'Give the dashboard a title.'));
      if (dashboard.folder.trim() === '') out.push(finding(dashboardTitle, where, 'folder is empty', 'Name the folder it belongs in.'));
      const key = `${dashboard.folder}\u0000${dashboard.title}`;
      if (seen.has(key)) out.push(finding(dashboardTitle, where, `title "${dashboard.title}" is used twice in folder "${dashboard.folder}"`, 'Rename one of them.'));
      seen.add(key);
    }
    return out;
  },
};
