/**
 * The dashboards section of the markdown report: per dashboard, its own change, then its rows, then its panels,
 * each named `dashboard › row › panel` (never by numeric id), and last one line for the panels that only shifted.
 */
import type { DashboardsDiff, LayoutMove, LayoutShift } from './dashboard-types';
import { code, fieldLine, plural, section } from './markdown-text';
import { cmp } from './values';

/** `up by 9 grid rows`, `left by 4 columns and down by 1 grid row`. */
export function describeMove(m: { dx: number; dy: number }): string {
  const parts: string[] = [];
  if (m.dx !== 0) parts.push(`${m.dx < 0 ? 'left' : 'right'} by ${plural(Math.abs(m.dx), 'column')}`);
  if (m.dy !== 0) parts.push(`${m.dy < 0 ? 'up' : 'down'} by ${plural(Math.abs(m.dy), 'grid row')}`);
  return parts.join(' and ');
}

/** At most this many causes are named on a layout line; the others are counted. */
const MAX_CAUSES = 3;

/** `4 panels below **D › R › P** (removed) moved up by 9 grid rows`: one line for a dashboard's shifted panels. */
export function layoutLine(s: LayoutShift): string {
  const named = s.causes.slice(0, MAX_CAUSES).map((c) => `**${c.path}** (${c.kind === 'row' ? 'row ' : ''}${c.change})`);
  const more = s.causes.length > MAX_CAUSES ? ` and ${plural(s.causes.length - MAX_CAUSES, 'other change')}` : '';
  // Panels that reflowed along the same grid line are after the cause rather than below it.
  const where = s.moves.every((m: LayoutMove) => m.dy !== 0) ? 'below' : 'after';
  const moved =
    s.moves.length === 1 ? `moved ${describeMove(s.moves[0]!)}` : `moved: ${s.moves.map((m) => `${m.panels} ${describeMove(m)}`).join(', ')}`;
  return `- ↕️ layout: ${plural(s.panels.length, 'panel')} ${where} ${named.join(', ')}${more} ${moved}`;
}

/** The folded dashboards section; nothing when no dashboard changed. */
export function dashboardsSection(d: DashboardsDiff): string[] {
  const byUid = new Map<string, string[]>();
  const add = (uid: string, ...lines: string[]) => byUid.set(uid, [...(byUid.get(uid) ?? []), ...lines]);
  for (const x of d.added) add(x.uid, `- ➕ dashboard **${x.title}** (${x.uid})`);
  for (const x of d.removed) add(x.uid, `- ➖ dashboard **${x.title}** (${x.uid})`);
  for (const x of d.retitled) add(x.uid, `- ✏️ dashboard ${x.uid} retitled: ${code(x.before)} → ${code(x.after)}`);
  for (const x of d.rowsRemoved) add(x.dashboardUid, `- ➖ row **${x.path}**`);
  for (const x of d.rowsAdded) add(x.dashboardUid, `- ➕ row **${x.path}**`);
  for (const x of d.rowsRenamed) add(x.dashboardUid, `- ✏️ row **${x.dashboardTitle} › ${x.before}** renamed to **${x.after}**`);
  for (const x of d.rowsMoved) add(x.dashboardUid, `- 🔀 row **${x.path}** moved`, ...x.changes.map((c) => fieldLine(c)));
  for (const x of d.panelsRemoved) add(x.dashboardUid, `- ➖ panel **${x.path}**`);
  for (const x of d.panelsAdded) add(x.dashboardUid, `- ➕ panel **${x.path}**`);
  for (const x of d.panelsChanged) add(x.dashboardUid, `- 🔁 panel **${x.path}**: ${x.kinds.join(', ')}`, ...x.changes.map((c) => fieldLine(c)));
  for (const x of d.layoutShifts) add(x.dashboardUid, layoutLine(x));
  const lines = [...byUid.keys()].sort(cmp).flatMap((uid) => byUid.get(uid)!);
  const dashboards = d.added.length + d.removed.length + d.retitled.length;
  const rows = d.rowsAdded.length + d.rowsRemoved.length + d.rowsRenamed.length + d.rowsMoved.length;
  const panels = d.panelsAdded.length + d.panelsRemoved.length + d.panelsChanged.length;
  return section(`Dashboards (${plural(dashboards, 'dashboard')}, ${plural(rows, 'row')}, ${plural(panels, 'panel')})`, lines);
}
