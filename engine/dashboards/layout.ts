/**
 * The layout pass: places every row and panel on Grafana's 24-column grid and gives it its stable id.
 * Grafana (and the foundation SDK's auto-layout) would let a line overflow; here a panel that does not fit on the
 * current line starts a new one, and the checks report lines that do not fill exactly 24 columns.
 */
import type { DashboardModel, PanelModel, RowModel } from '../model/dashboard';
import { refId, stablePanelId } from './stable-ids';

/** Grafana's grid width. */
export const GRID_COLUMNS = 24;

export interface GridPos {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface PlacedPanel {
  readonly panel: PanelModel;
  readonly id: number;
  readonly gridPos: GridPos;
  readonly refIds: readonly string[];
}

export interface PlacedRow {
  readonly row: RowModel;
  readonly id: number;
  readonly gridPos: GridPos;
  readonly panels: readonly PlacedPanel[];
  /** Panels grouped by the grid line they were placed on, for the grid checks. */
  readonly lines: ReadonlyArray<readonly PlacedPanel[]>;
}

/** Places rows and panels top to bottom; deterministic for the same model. */
export function layoutDashboard(dashboard: DashboardModel): PlacedRow[] {
  const rows: PlacedRow[] = [];
  let y = 0;
  for (const row of dashboard.rows) {
    const rowPos = { x: 0, y, w: GRID_COLUMNS, h: 1 };
    y += 1;
    const lines: PlacedPanel[][] = [];
    let line: PlacedPanel[] = [];
    let x = 0;
    let lineHeight = 0;
    for (const panel of row.panels) {
      if (x > 0 && x + panel.width > GRID_COLUMNS) {
        lines.push(line);
        line = [];
        y += lineHeight;
        x = 0;
        lineHeight = 0;
      }
      const placed: PlacedPanel = {
        panel,
        id: stablePanelId(dashboard.id, panel.title),
        gridPos: { x, y, w: panel.width, h: panel.height },
        refIds: panel.queries.map((_, i) => refId(i)),
      };
      line.push(placed);
      x += panel.width;
      lineHeight = Math.max(lineHeight, panel.height);
    }
    if (line.length > 0) lines.push(line);
    y += lineHeight;
    rows.push({ row, id: stablePanelId(dashboard.id, `row/${row.title}`), gridPos: rowPos, panels: lines.flat(), lines });
  }
  return rows;
}
