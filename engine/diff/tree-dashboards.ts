/**
 * The dashboard reader of the diff: a dashboard file read into its row headers and its panels, each panel with the
 * row it sits under. Rows are read apart from panels because a reviewer does not count them as panels: a row header
 * holds no query, and it moves whenever anything above it moves.
 */
import { canonicalJson, isObj, str } from './values';

/** A grid position, in Grafana's grid units (24 columns). */
export interface Grid {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A row header of a dashboard. */
export interface TreeRow {
  readonly id: number;
  readonly title: string;
  /** Its place among the dashboard's rows, from 0. */
  readonly index: number;
  readonly grid: Grid | null;
  readonly gridPos: string | null;
}

/** A panel of a dashboard file (never a row header), with its queries by refId and the row it sits under. */
export interface TreePanel {
  readonly dashboardUid: string;
  readonly dashboardTitle: string;
  readonly id: number;
  readonly title: string;
  /** Its place in the file, from 0 (rows not counted). */
  readonly index: number;
  /** The id of the row the panel sits under; null above the first row or on a dashboard without rows. */
  readonly rowId: number | null;
  readonly rowTitle: string | null;
  /** `dashboard title › row title › panel title`, the row left out when there is none: how reviewers name a panel. */
  readonly path: string;
  readonly grid: Grid | null;
  /** The position as text, `x=0 y=8 w=12 h=8`, for field changes; null when the panel has none. */
  readonly gridPos: string | null;
  readonly targets: ReadonlyMap<string, string>;
}

/** A dashboard file: its rows and its panels by id (the panels of collapsed rows included). */
export interface TreeDashboard {
  readonly uid: string;
  readonly title: string;
  readonly file: string;
  readonly rows: ReadonlyMap<number, TreeRow>;
  readonly panels: ReadonlyMap<number, TreePanel>;
}

/** `parts` joined the way the report names panels and rows: `dashboard › row › panel`. */
export const pathOf = (...parts: ReadonlyArray<string | null>): string => parts.filter((p): p is string => p !== null).join(' › ');

function readGrid(g: unknown): Grid | null {
  if (!isObj(g)) return null;
  const [x, y, w, h] = (['x', 'y', 'w', 'h'] as const).map((k) => g[k]);
  return typeof x === 'number' && typeof y === 'number' && typeof w === 'number' && typeof h === 'number' ? { x, y, w, h } : null;
}

function gridPosText(g: unknown): string {
  if (!isObj(g)) return canonicalJson(g);
  return `x=${str(g['x'])} y=${str(g['y'])} w=${str(g['w'])} h=${str(g['h'])}`;
}

/**
 * The dashboard of a parsed file; undefined when it has no uid. A panel belongs to the row whose `panels` hold it
 * (a collapsed row), or else to the last row header before it in the file, which is how Grafana groups them.
 */
export function readDashboard(path: string, doc: unknown): TreeDashboard | undefined {
  if (!isObj(doc) || typeof doc['uid'] !== 'string') return undefined;
  const uid = doc['uid'];
  const title = str(doc['title']) ?? '';
  const rows = new Map<number, TreeRow>();
  const panels = new Map<number, TreePanel>();
  const addPanel = (p: Record<string, unknown>, row: TreeRow | null) => {
    if (typeof p['id'] !== 'number') return;
    const targets = new Map<string, string>();
    const ts = Array.isArray(p['targets']) ? p['targets'] : [];
    ts.forEach((t, i) => {
      if (!isObj(t)) return;
      targets.set(str(t['refId']) ?? `#${i}`, str(t['expr']) ?? canonicalJson(t));
    });
    const panelTitle = str(p['title']) ?? '';
    panels.set(p['id'], {
      dashboardUid: uid,
      dashboardTitle: title,
      id: p['id'],
      title: panelTitle,
      index: panels.size,
      rowId: row?.id ?? null,
      rowTitle: row?.title ?? null,
      path: pathOf(title, row?.title ?? null, panelTitle),
      grid: readGrid(p['gridPos']),
      gridPos: p['gridPos'] === undefined ? null : gridPosText(p['gridPos']),
      targets,
    });
  };
  let current: TreeRow | null = null;
  for (const p of Array.isArray(doc['panels']) ? doc['panels'] : []) {
    if (!isObj(p)) continue;
    if (p['type'] !== 'row') {
      addPanel(p, current);
      continue;
    }
    current = null;
    if (typeof p['id'] === 'number') {
      current = { id: p['id'], title: str(p['title']) ?? '', index: rows.size, grid: readGrid(p['gridPos']), gridPos: p['gridPos'] === undefined ? null : gridPosText(p['gridPos']) };
      rows.set(current.id, current);
    }
    for (const child of Array.isArray(p['panels']) ? p['panels'] : []) if (isObj(child)) addPanel(child, current);
  }
  return { uid, title, file: path, rows, panels };
}
