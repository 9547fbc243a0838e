import { finding, type Check, type Finding } from '../check';

/** Panel and row ids derive from titles by hashing; two titles may, rarely, hash to one id. */
export const dashboardPanelIds: Check = {
  id: 'dashboard/panel-ids',
  severity: 'error',
  description: 'Two panels or rows of a dashboard whose derived ids collide.',
  run(ctx) {
    const out: Finding[] = [];
    for (const { dashboard, file, rows } of ctx.layouts) {
      const seen = new Map<number, string>();
      const items = rows.flatMap((r) => [{ id: r.id, name: `row "${r.row.title}"` }, ...r.panels.map((p) => ({ id: p.id, name: `panel "${p.panel.title}"` }))]);
      for (const item of items) {
        const other = seen.get(item.id);
        if (other) out.push(finding(dashboardPanelIds, { file, definition: `dashboard "${dashboard.id}" › ${item.name}` }, `derived id ${item.id} collides with ${other}`, 'Reword one of the two titles.'));
        seen.set(item.id, item.name);
      }
    }
    return out;
  },
};
