/** Dashboards compared across the two trees by uid, and their panels by id: added, removed, retitled, moved, queries. */
import type { TreeModel, TreePanel } from './tree-model';
import type { DashboardRetitle, DashboardsDiff, DashboardSummary, FieldChange, PanelChange, PanelChangeKind, PanelSummary } from './types';
import { byKey, cmp, fieldChange } from './values';

/** Dashboards keyed by uid, panels by dashboard uid and panel id. */
export function diffDashboards(base: TreeModel, head: TreeModel): DashboardsDiff {
  const added: DashboardSummary[] = [];
  const removed: DashboardSummary[] = [];
  const retitled: DashboardRetitle[] = [];
  const panelsAdded: PanelSummary[] = [];
  const panelsRemoved: PanelSummary[] = [];
  const panelsChanged: PanelChange[] = [];
  const summary = (p: TreePanel): PanelSummary => ({ dashboardUid: p.dashboardUid, dashboardTitle: p.dashboardTitle, id: p.id, title: p.title });
  for (const [uid, d] of head.dashboards) if (!base.dashboards.has(uid)) added.push({ uid, title: d.title, file: d.file });
  for (const [uid, b] of base.dashboards) {
    const h = head.dashboards.get(uid);
    if (!h) {
      removed.push({ uid, title: b.title, file: b.file });
      continue;
    }
    if (b.title !== h.title) retitled.push({ uid, before: b.title, after: h.title });
    for (const [id, p] of h.panels) if (!b.panels.has(id)) panelsAdded.push(summary(p));
    for (const [id, p] of b.panels) {
      const q = h.panels.get(id);
      if (!q) {
        panelsRemoved.push(summary(p));
        continue;
      }
      const kinds: PanelChangeKind[] = [];
      const changes: FieldChange[] = [];
      if (p.title !== q.title) {
        kinds.push('retitled');
        changes.push(...fieldChange('title', p.title, q.title));
      }
      if (p.gridPos !== q.gridPos) {
        kinds.push('moved');
        changes.push(...fieldChange('gridPos', p.gridPos, q.gridPos));
      }
      const refs = [...new Set([...p.targets.keys(), ...q.targets.keys()])].sort(cmp);
      const queryChanges = refs.flatMap((r) => fieldChange(`query ${r}`, p.targets.get(r) ?? null, q.targets.get(r) ?? null));
      if (queryChanges.length > 0) {
        kinds.push('query changed');
        changes.push(...queryChanges);
      }
      if (kinds.length > 0) panelsChanged.push({ ...summary(q), kinds, changes });
    }
  }
  const panelKey = (p: PanelSummary) => `${p.dashboardUid}|${String(p.id).padStart(12, '0')}`;
  return {
    added: added.sort(byKey((d) => d.uid)),
    removed: removed.sort(byKey((d) => d.uid)),
    retitled: retitled.sort(byKey((d) => d.uid)),
    panelsAdded: panelsAdded.sort(byKey(panelKey)),
    panelsRemoved: panelsRemoved.sort(byKey(panelKey)),
    panelsChanged: panelsChanged.sort(byKey(panelKey)),
  };
}
