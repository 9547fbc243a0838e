/**
 * What the semantic diff reports about dashboards: dashboards, row headers and panels, each named the way a
 * reviewer knows it (`dashboard title › row title › panel title`), and the panels that only moved because
 * something above them was added, removed, resized or moved, collapsed into one shift per dashboard.
 */
import type { FieldChange } from './field-change';

/** A dashboard added or removed. */
export interface DashboardSummary {
  readonly uid: string;
  readonly title: string;
  readonly file: string;
}

/** A dashboard whose title changed (its uid did not). */
export interface DashboardRetitle {
  readonly uid: string;
  readonly before: string;
  readonly after: string;
}

/** A panel (never a row header), by dashboard uid and panel id. */
export interface PanelSummary {
  readonly dashboardUid: string;
  readonly dashboardTitle: string;
  /** The title of the row the panel sits under; null above the first row or on a dashboard without rows. */
  readonly row: string | null;
  /** The stable panel id, for tools; reports name the panel by `path`. */
  readonly id: number;
  readonly title: string;
  /** `dashboard title › row title › panel title` (no row part when `row` is null). */
  readonly path: string;
}

/**
 * How a panel changed: `moved` is a move of its own (to another row, or past another panel of its row), never a
 * shift made by other panels; `resized` is a changed width or height.
 */
export type PanelChangeKind = 'retitled' | 'moved' | 'resized' | 'query changed';

/** A panel present on both sides that changed. */
export interface PanelChange extends PanelSummary {
  readonly kinds: readonly PanelChangeKind[];
  readonly changes: readonly FieldChange[];
}

/** A row header added or removed. */
export interface RowSummary {
  readonly dashboardUid: string;
  readonly dashboardTitle: string;
  readonly title: string;
  /** `dashboard title › row title`. */
  readonly path: string;
}

/** A row header whose title changed: another row id holding the same panels. */
export interface RowRename {
  readonly dashboardUid: string;
  readonly dashboardTitle: string;
  readonly before: string;
  readonly after: string;
}

/** A row header that moved on its own: past another row (`order`, 1-based), or on the grid with nothing above it changed. */
export interface RowMove extends RowSummary {
  readonly changes: readonly FieldChange[];
}

/** What made the panels of a layout shift move: a panel or row added, removed, resized or moved above them. */
export interface LayoutCause {
  readonly kind: 'panel' | 'row';
  readonly change: 'added' | 'removed' | 'resized' | 'moved';
  /** The panel's or row's path. */
  readonly path: string;
}

/** How far some panels of a layout shift moved, in grid units: dx > 0 is right, dy > 0 is down. */
export interface LayoutMove {
  readonly dx: number;
  readonly dy: number;
  /** How many panels moved by exactly this much. */
  readonly panels: number;
}

/**
 * The panels of one dashboard whose only change is their position, made by the causes: one entry per dashboard,
 * instead of one panel change per panel. Row headers move with them and are not counted.
 */
export interface LayoutShift {
  readonly dashboardUid: string;
  readonly dashboardTitle: string;
  /** In reading order (top to bottom, left to right) of where they were or now are. */
  readonly causes: readonly LayoutCause[];
  /** Paths of the panels that shifted, in reading order. */
  readonly panels: readonly string[];
  /** Each distinct displacement, the largest group first. */
  readonly moves: readonly LayoutMove[];
}

/** Dashboards by uid, their rows by id (renames paired by the panels they hold) and their panels by id. */
export interface DashboardsDiff {
  readonly added: readonly DashboardSummary[];
  readonly removed: readonly DashboardSummary[];
  readonly retitled: readonly DashboardRetitle[];
  readonly rowsAdded: readonly RowSummary[];
  readonly rowsRemoved: readonly RowSummary[];
  readonly rowsRenamed: readonly RowRename[];
  readonly rowsMoved: readonly RowMove[];
  readonly panelsAdded: readonly PanelSummary[];
  readonly panelsRemoved: readonly PanelSummary[];
  /** Panels that changed themselves; a panel only shifted by others is in `layoutShifts`, not here. */
  readonly panelsChanged: readonly PanelChange[];
  readonly layoutShifts: readonly LayoutShift[];
}
