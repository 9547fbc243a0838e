/**
 * Dashboards compared across the two trees by uid; their row headers by id, a renamed row paired by the panels it
 * holds (a row's id is derived from its title); their panels by id. A panel that only shifted because a panel or
 * row above it was added, removed, resized or moved is not a changed panel: such shifts are collapsed into one
 * layout shift per dashboard (layout.ts tells the two apart).
 */
import { groupMoves, keptOrder, readingKey, readsBefore } from './layout';
import { pathOf, type Grid, type TreeDashboard, type TreePanel, type TreeRow } from './tree-dashboards';
import type { TreeModel } from './tree-model';
import type {
  DashboardRetitle,
  DashboardsDiff,
  DashboardSummary,
  FieldChange,
  LayoutCause,
  LayoutShift,
  PanelChange,
  PanelChangeKind,
  PanelSummary,
  RowMove,
  RowRename,
  RowSummary,
} from './types';
import { byKey, cmp, fieldChange } from './values';

/** A cause of shifts, with where it was and where it is, to tell which panels it can have pushed. */
interface PlacedCause extends LayoutCause {
  readonly base: Grid | null;
  readonly head: Grid | null;
}

/** The lists of one dashboard, each entry with its sort key. */
interface DashboardLists {
  rowsAdded: Array<[string, RowSummary]>;
  rowsRemoved: Array<[string, RowSummary]>;
  rowsRenamed: Array<[string, RowRename]>;
  rowsMoved: Array<[string, RowMove]>;
  panelsAdded: Array<[string, PanelSummary]>;
  panelsRemoved: Array<[string, PanelSummary]>;
  panelsChanged: Array<[string, PanelChange]>;
  layoutShifts: Array<[string, LayoutShift]>;
}

const panelSummary = (p: TreePanel): PanelSummary => ({ dashboardUid: p.dashboardUid, dashboardTitle: p.dashboardTitle, row: p.rowTitle, id: p.id, title: p.title, path: p.path });
const rowSummary = (d: TreeDashboard, r: TreeRow): RowSummary => ({ dashboardUid: d.uid, dashboardTitle: d.title, title: r.title, path: pathOf(d.title, r.title) });
const sameSize = (a: Grid, b: Grid) => a.w === b.w && a.h === b.h;
const membersOf = (d: TreeDashboard, rowId: number) => new Set([...d.panels.values()].filter((p) => p.rowId === rowId).map((p) => p.id));
const rowOrder = (d: TreeDashboard) => [...d.rows.values()].sort((a, b) => a.index - b.index);
const panelOrder = (list: readonly TreePanel[]) => [...list].sort(byKey((p) => readingKey(p.grid, String(p.index).padStart(6, '0'))));

/**
 * Base row id → head row id: the same id, or for a row only on one side, the row only on the other side that
 * holds most of its panels (a rename); empty rows pair by their place among the rows.
 */
function pairRows(b: TreeDashboard, h: TreeDashboard): Map<number, number> {
  const map = new Map<number, number>();
  for (const id of b.rows.keys()) if (h.rows.has(id)) map.set(id, id);
  const unpaired = rowOrder(h).filter((r) => !b.rows.has(r.id));
  for (const r of rowOrder(b).filter((x) => !h.rows.has(x.id))) {
    const mine = membersOf(b, r.id);
    let best: { row: TreeRow; overlap: number } | undefined;
    for (const c of unpaired) {
      const theirs = membersOf(h, c.id);
      const overlap = [...mine].filter((id) => theirs.has(id)).length;
      const emptyPair = mine.size === 0 && theirs.size === 0 && c.index === r.index;
      if ((overlap > 0 || emptyPair) && (!best || overlap > best.overlap)) best = { row: c, overlap };
    }
    if (best) {
      map.set(r.id, best.row.id);
      unpaired.splice(unpaired.indexOf(best.row), 1);
    }
  }
  return map;
}

/** Rows, panels and layout shifts of a dashboard present on both sides. */
function diffDashboard(b: TreeDashboard, h: TreeDashboard, out: DashboardLists): void {
  const rowMap = pairRows(b, h);
  const pairedHeadRows = new Set(rowMap.values());
  const causes: PlacedCause[] = [];
  const rowKey = (r: TreeRow) => `${h.uid}|${readingKey(r.grid, r.id)}`;
  const panelKey = (p: TreePanel) => `${p.dashboardUid}|${readingKey(p.grid, p.id)}`;

  for (const r of rowOrder(b).filter((x) => !rowMap.has(x.id))) {
    out.rowsRemoved.push([`${b.uid}|${readingKey(r.grid, r.id)}`, rowSummary(b, r)]);
    causes.push({ kind: 'row', change: 'removed', path: pathOf(b.title, r.title), base: r.grid, head: null });
  }
  for (const r of rowOrder(h).filter((x) => !pairedHeadRows.has(x.id))) {
    out.rowsAdded.push([rowKey(r), rowSummary(h, r)]);
    causes.push({ kind: 'row', change: 'added', path: pathOf(h.title, r.title), base: null, head: r.grid });
  }
  // Rows on both sides: renamed, and moved past another row on their own.
  const headOf = (r: TreeRow) => h.rows.get(rowMap.get(r.id) as number) as TreeRow;
  const bothRows = rowOrder(b).filter((r) => rowMap.has(r.id));
  const keptRows = keptOrder(
    bothRows.map((r) => r.id),
    rowOrder(h).filter((r) => pairedHeadRows.has(r.id)).map((r) => [...rowMap].find(([, hid]) => hid === r.id)![0]),
    (id) => (b.rows.get(id)!.gridPos === headOf(b.rows.get(id)!).gridPos ? 2 : 1),
  );
  const rowsShifted: Array<[TreeRow, TreeRow]> = [];
  for (const r of bothRows) {
    const q = headOf(r);
    if (r.title !== q.title) out.rowsRenamed.push([rowKey(q), { dashboardUid: h.uid, dashboardTitle: h.title, before: r.title, after: q.title }]);
    if (!keptRows.has(r.id)) {
      out.rowsMoved.push([rowKey(q), { ...rowSummary(h, q), changes: fieldChange('order', String(r.index + 1), String(q.index + 1)) }]);
      causes.push({ kind: 'row', change: 'moved', path: pathOf(h.title, q.title), base: r.grid, head: q.grid });
    } else if (r.gridPos !== q.gridPos) rowsShifted.push([r, q]);
  }

  // Panels: added, removed, and on both sides what changed in each, its own moves among them.
  for (const p of h.panels.values()) if (!b.panels.has(p.id)) {
    out.panelsAdded.push([panelKey(p), panelSummary(p)]);
    causes.push({ kind: 'panel', change: 'added', path: p.path, base: null, head: p.grid });
  }
  for (const p of b.panels.values()) if (!h.panels.has(p.id)) {
    out.panelsRemoved.push([panelKey(p), panelSummary(p)]);
    causes.push({ kind: 'panel', change: 'removed', path: p.path, base: p.grid, head: null });
  }
  const both = [...b.panels.values()].filter((p) => h.panels.has(p.id));
  const headPanel = (p: TreePanel) => h.panels.get(p.id) as TreePanel;
  // A panel changed row on its own only between rows on both sides: under an added or removed header it just follows.
  const lasting = (p: TreePanel) => p.rowId === null || rowMap.has(p.rowId);
  const ownRowChange = (p: TreePanel) => {
    const q = headPanel(p);
    const mapped = p.rowId === null ? null : rowMap.get(p.rowId);
    return mapped !== q.rowId && lasting(p) && (q.rowId === null || pairedHeadRows.has(q.rowId));
  };
  const kept = new Set<number>();
  const byHeadRow = new Map<number | null, TreePanel[]>();
  for (const p of both.filter((x) => !ownRowChange(x))) byHeadRow.set(headPanel(p).rowId, [...(byHeadRow.get(headPanel(p).rowId) ?? []), p]);
  for (const group of byHeadRow.values()) {
    const ids = (list: readonly TreePanel[]) => list.map((p) => p.id);
    const still = (p: TreePanel) => (p.gridPos === headPanel(p).gridPos ? 2 : 1);
    for (const id of keptOrder(ids(panelOrder(group)), ids(panelOrder(group.map(headPanel))), (id) => still(b.panels.get(id)!))) kept.add(id);
  }

  const pending: Array<{ p: TreePanel; q: TreePanel; kinds: PanelChangeKind[]; changes: FieldChange[] }> = [];
  for (const p of both) {
    const q = headPanel(p);
    const kinds: PanelChangeKind[] = [];
    const changes: FieldChange[] = [];
    if (p.title !== q.title) {
      kinds.push('retitled');
      changes.push(...fieldChange('title', p.title, q.title));
    }
    const rowChanged = ownRowChange(p);
    const resized = p.grid !== null && q.grid !== null && !sameSize(p.grid, q.grid);
    const ownMove = rowChanged || (p.gridPos !== q.gridPos && !kept.has(p.id));
    if (ownMove) kinds.push('moved');
    if (resized) kinds.push('resized');
    if (rowChanged) changes.push(...fieldChange('row', p.rowTitle, q.rowTitle));
    if (ownMove || resized) {
      changes.push(...fieldChange('gridPos', p.gridPos, q.gridPos));
      causes.push({ kind: 'panel', change: resized && !ownMove ? 'resized' : 'moved', path: q.path, base: p.grid, head: q.grid });
    }
    const refs = [...new Set([...p.targets.keys(), ...q.targets.keys()])].sort(cmp);
    const queryChanges = refs.flatMap((r) => fieldChange(`query ${r}`, p.targets.get(r) ?? null, q.targets.get(r) ?? null));
    if (queryChanges.length > 0) {
      kinds.push('query changed');
      changes.push(...queryChanges);
    }
    pending.push({ p, q, kinds, changes });
  }

  // What is left of a position change is a shift when a cause comes before the panel, where it was or where it is.
  const pushedBy = (from: Grid | null, to: Grid | null) => causes.filter((c) => (c.base && from && readsBefore(c.base, from)) || (c.head && to && readsBefore(c.head, to)));
  const shifted: Array<{ q: TreePanel; dx: number; dy: number }> = [];
  const shiftCauses = new Set<PlacedCause>();
  for (const { p, q, kinds, changes } of pending) {
    const leftover = !kinds.includes('moved') && !kinds.includes('resized') && p.gridPos !== q.gridPos;
    const by = leftover && p.grid && q.grid ? pushedBy(p.grid, q.grid) : [];
    if (leftover && by.length > 0 && p.grid && q.grid) {
      shifted.push({ q, dx: q.grid.x - p.grid.x, dy: q.grid.y - p.grid.y });
      for (const c of by) shiftCauses.add(c);
    } else if (leftover) {
      // Nothing above it changed, so the panel was moved for itself (a hand edit): still a change to review.
      kinds.unshift('moved');
      changes.push(...fieldChange('gridPos', p.gridPos, q.gridPos));
    }
    if (kinds.length > 0) out.panelsChanged.push([panelKey(q), { ...panelSummary(q), kinds, changes }]);
  }
  for (const [r, q] of rowsShifted) {
    if (r.grid && q.grid && pushedBy(r.grid, q.grid).length > 0) continue;
    out.rowsMoved.push([rowKey(q), { ...rowSummary(h, q), changes: fieldChange('gridPos', r.gridPos, q.gridPos) }]);
  }
  if (shifted.length > 0) {
    const where = (c: PlacedCause) => readingKey(c.head ?? c.base, c.path);
    out.layoutShifts.push([
      h.uid,
      {
        dashboardUid: h.uid,
        dashboardTitle: h.title,
        causes: [...shiftCauses].sort(byKey(where)).map(({ kind, change, path }) => ({ kind, change, path })),
        panels: shifted.sort(byKey((s) => readingKey(s.q.grid, s.q.index))).map((s) => s.q.path),
        moves: groupMoves(shifted),
      },
    ]);
  }
}

/** Dashboards keyed by uid, rows and panels by dashboard uid and id, every list in reading order per dashboard. */
export function diffDashboards(base: TreeModel, head: TreeModel): DashboardsDiff {
  const added: DashboardSummary[] = [];
  const removed: DashboardSummary[] = [];
  const retitled: DashboardRetitle[] = [];
  const lists: DashboardLists = { rowsAdded: [], rowsRemoved: [], rowsRenamed: [], rowsMoved: [], panelsAdded: [], panelsRemoved: [], panelsChanged: [], layoutShifts: [] };
  for (const [uid, d] of head.dashboards) if (!base.dashboards.has(uid)) added.push({ uid, title: d.title, file: d.file });
  for (const [uid, b] of base.dashboards) {
    const h = head.dashboards.get(uid);
    if (!h) {
      removed.push({ uid, title: b.title, file: b.file });
      continue;
    }
    if (b.title !== h.title) retitled.push({ uid, before: b.title, after: h.title });
    diffDashboard(b, h, lists);
  }
  const sorted = <T>(list: Array<[string, T]>) => list.sort(byKey(([k]) => k)).map(([, v]) => v);
  return {
    added: added.sort(byKey((d) => d.uid)),
    removed: removed.sort(byKey((d) => d.uid)),
    retitled: retitled.sort(byKey((d) => d.uid)),
    rowsAdded: sorted(lists.rowsAdded),
    rowsRemoved: sorted(lists.rowsRemoved),
    rowsRenamed: sorted(lists.rowsRenamed),
    rowsMoved: sorted(lists.rowsMoved),
    panelsAdded: sorted(lists.panelsAdded),
    panelsRemoved: sorted(lists.panelsRemoved),
    panelsChanged: sorted(lists.panelsChanged),
    layoutShifts: sorted(lists.layoutShifts),
  };
}
