import { GRID_COLUMNS } from '../../dashboards/layout';
import { finding, type Check, type Finding } from '../check';
import { within } from '../../model/location';

/** Every line of panels fills exactly 24 columns, panel sizes are sane, and no two panels overlap. */
export const dashboardGrid: Check = {
  id: 'dashboard/grid',
  severity: 'error',
  description: 'Panel lines that do not fill the 24 columns, invalid panel sizes, or overlapping panels.',
  run(ctx) {
    const out: Finding[] = [];
    for (const { dashboard, location, rows } of ctx.dashboards) {
      const occupied = new Map<string, string>();
      for (const row of rows) {
        row.lines.forEach((line, i) => {
          const width = line.reduce((sum, p) => sum + p.panel.width, 0);
          if (width !== GRID_COLUMNS) {
            out.push(
              finding(
                dashboardGrid,
                within(location, ['row', row.row.title], ['line', i + 1]),
                `panels ${line.map((p) => `"${p.panel.title}" (${p.panel.width})`).join(', ')} fill ${width} of ${GRID_COLUMNS} columns`,
                'Adjust the panel widths so each line adds up to 24.',
              ),
            );
          }
        });
        for (const placed of row.panels) {
          const where = within(location, ['panel', placed.panel.title]);
          const { x, y, w, h } = placed.gridPos;
          if (!Number.isInteger(w) || w < 1 || w > GRID_COLUMNS || !Number.isInteger(h) || h < 1) {
            out.push(finding(dashboardGrid, where, `size ${w}×${h} is not a whole size within the 24-column grid`, 'Use a width of 1 to 24 and a height of at least 1.'));
            continue;
          }
          for (let cx = x; cx < x + w; cx++) {
            for (let cy = y; cy < y + h; cy++) {
              const other = occupied.get(`${cx},${cy}`);
              if (other && other !== placed.panel.title) {
                out.push(finding(dashboardGrid, where, `overlaps panel "${other}" at column ${cx}, row ${cy}`, 'Check the layout pass; panels must not share grid cells.'));
                cx = x + w;
                break;
              }
              occupied.set(`${cx},${cy}`, placed.panel.title);
            }
          }
        }
      }
    }
    return out;
  },
};
