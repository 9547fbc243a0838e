import { finding, type Check } from '../check';

/** Panel links must point at dashboards the project provisions. */
export const dashboardLinks: Check = {
  id: 'dashboard/links',
  severity: 'error',
  description: 'Panel links to dashboards that do not exist in the project.',
  run(ctx) {
    const ids = new Set(ctx.project.dashboards.map((d) => d.id));
    return ctx.layouts.flatMap(({ dashboard, file }) =>
      dashboard.rows.flatMap((row) =>
        row.panels.flatMap((panel) =>
          (panel.links ?? [])
            .filter((l) => !ids.has(l.dashboard))
            .map((l) =>
              finding(
                dashboardLinks,
                { file, definition: `dashboard "${dashboard.id}" › panel "${panel.title}"` },
                `links to dashboard "${l.dashboard}", which does not exist`,
                `Link to one of: ${[...ids].sort().join(', ')}.`,
              ),
            ),
        ),
      ),
    );
  },
};
