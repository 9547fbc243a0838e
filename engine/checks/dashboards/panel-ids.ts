import { finding, type Check, type Finding } from '../check';
import { within } from '../../model/location';

/** Panel and row ids derive from titles by hashing; two titles may, rarely, hash to one id. */
export const dashboardPanelIds: Check = {
  id: 'dashboard/panel-ids',
  severity: 'error',
  description: 'Two panels or rows of a dashboard whose derived ids collide.',
  run(ctx) {
    const out: Finding[] = [];
    for (const { dashboard, location, rows } of ctx.dashboards) {
      const seen = new Map<number, string>();
      const items = rows.flatMap((r) => [
        { id: r.id, kind: 'row', title: r.row.title },
        ...r.panels.map((p) => ({ id: p.id, kind: 'panel', title: p.panel.title })),
      ]);
      for (const item of items) {
        const name = `${item.kind} "${item.title}"`;
        const other = seen.get(item.id);
        if (other) out.push(finding(dashboardPanelIds, within(location, [item.kind, item.title]), `derived id ${item.id} collides with ${other}`, 'Reword one of the two titles.'));
        seen.set(item.id, name);
      }
    }
    return out;
  },
};
