import { finding, type Check, type Finding } from '../check';
import { within } from '../../model/location';

/** Every panel says what it shows (description), in which unit, and has at least one query. */
export const dashboardPanelMetadata: Check = {
  id: 'dashboard/panel-metadata',
  severity: 'error',
  description: 'Panels without a title, description, unit or query, or with a title used twice on the dashboard.',
  run(ctx) {
    const out: Finding[] = [];
    for (const { dashboard, location } of ctx.dashboards) {
      const titles = new Set<string>();
      for (const row of dashboard.rows) {
        if (row.panels.length === 0) out.push(finding(dashboardPanelMetadata, within(location, ['row', row.title]), 'row has no panels', 'Remove the row or add panels.'));
        for (const panel of row.panels) {
          const where = within(location, ['panel', panel.title]);
          if (panel.title.trim() === '') out.push(finding(dashboardPanelMetadata, where, 'panel has no title', 'Give the panel a title.'));
          if (titles.has(panel.title)) out.push(finding(dashboardPanelMetadata, where, 'panel title is used twice on this dashboard; panel ids derive from titles', 'Rename one of the panels.'));
          titles.add(panel.title);
          if (panel.description.trim().length < 10) out.push(finding(dashboardPanelMetadata, where, 'panel has no real description', 'Say what the panel shows and what a bad value means.'));
          if (!panel.unit) out.push(finding(dashboardPanelMetadata, where, 'panel has no unit', "Set the unit (e.g. 's', 'percentunit', 'short')."));
          if (panel.queries.length === 0) out.push(finding(dashboardPanelMetadata, where, 'panel has no query', 'Add a query.'));
        }
      }
    }
    return out;
  },
};
