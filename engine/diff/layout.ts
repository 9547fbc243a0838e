/**
 * Telling a panel's own move from a shift made by others. Grafana's grid flows top to bottom, left to right: take
 * a panel out of a row and every panel after it reflows, every row below moves up. Those panels did not change;
 * a reviewer needs one line saying so, not one change per panel. A panel moved on its own when it changed row,
 * passed another panel of its row (it is not in the longest run of panels that kept their order), or changed size.
 */
import type { LayoutMove } from './dashboard-types';
import type { Grid } from './tree-dashboards';

/** Whether `a` comes before `b` in reading order: higher up, or on the same grid line and further left. */
export const readsBefore = (a: Grid, b: Grid): boolean => a.y < b.y || (a.y === b.y && a.x < b.x);

/** A sort key in reading order (top to bottom, left to right), then `tie`. */
export function readingKey(grid: Grid | null, tie: number | string): string {
  const pad = (n: number) => String(Math.max(0, n + 1_000_000)).padStart(9, '0');
  return grid ? `${pad(grid.y)}|${pad(grid.x)}|${tie}` : `~|${tie}`;
}

/**
 * The items of `after` that kept their order relative to each other: the heaviest common subsequence of `before`
 * and `after` (which hold the same items), where `weight` lets an item that did not move at all outweigh one that
 * did, so that when one panel jumps past two, the one panel is the mover. Deterministic: ties keep the earlier item.
 */
export function keptOrder<T>(before: readonly T[], after: readonly T[], weight: (item: T) => number): Set<T> {
  const n = before.length;
  const m = after.length;
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const skip = Math.max(best[i + 1]![j]!, best[i]![j + 1]!);
      best[i]![j] = before[i] === after[j] ? Math.max(skip, best[i + 1]![j + 1]! + weight(before[i]!)) : skip;
    }
  }
  const kept = new Set<T>();
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (before[i] === after[j] && best[i]![j] === best[i + 1]![j + 1]! + weight(before[i]!)) {
      kept.add(before[i]!);
      i++;
      j++;
    } else if (best[i + 1]![j]! >= best[i]![j + 1]!) i++;
    else j++;
  }
  return kept;
}

/** Displacements grouped: the largest group first, then top to bottom (dy), then left to right (dx). */
export function groupMoves(moves: ReadonlyArray<{ dx: number; dy: number }>): LayoutMove[] {
  const groups = new Map<string, { dx: number; dy: number; panels: number }>();
  for (const { dx, dy } of moves) {
    const key = `${dx},${dy}`;
    const g = groups.get(key) ?? { dx, dy, panels: 0 };
    g.panels++;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.panels - a.panels || a.dy - b.dy || a.dx - b.dx);
}
