import { finding, type Check } from '../check';
import { within } from '../../model/location';

/** Panel links must point at dashboards the project provisions. */
export const dashboardLinks: Check = {
  id: 'dashboard/links',
  severity: 'error',
  description: 'Panel links to dashboards that do not exist in the project.',
  run(ctx) {
    const ids = new Set(ctx.dashboards.map((d) => d.dashboard.id));
    return ctx.dashboards.flatMap(({ dashboard, location }) =>
      dashboard.rows.flatMap((row) =>
        row.panels.flatMap((panel) =>
          (panel.links ?? [])
            .filter((l) => !ids.has(l.dashboard))
            .map((l) =>
              finding(
                dashboardLinks,
                within(location, ['panel', panel.title]),
                `links to dashboard "${l.dashboard}", which does not exist`,
                `Link to one of: ${[...ids].sort().join(', ')}.`,
              ),
            ),
        ),
      ),
    );
  },
};
