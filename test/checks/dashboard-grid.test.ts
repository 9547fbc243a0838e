import { describe, expect, it } from 'vitest';
import { describePath } from '../../engine/model/location';
import { dashboardGrid } from '../../engine/checks/dashboards/grid';
import { findingsOf } from './run';
import { tinyDashboard, tinyPanel, tinyProject } from '../fixtures/tiny-project';

const withPanels = (...widths: number[]) =>
  tinyProject({ dashboards: [tinyDashboard(widths.map((width, i) => tinyPanel({ title: `P${i}`, width })))] });

describe('dashboard/grid', () => {
  it.each([
    ['Having a line of 12 columns should fail.', [12]],
    ['Having a line of 8 + 8 columns should fail.', [8, 8]],
    ['Having 16 + 16 columns (wrapping onto a second short line) should fail.', [16, 16]],
    ['Having a panel wider than the grid should fail.', [30]],
  ])('%s', (_, widths) => {
    expect(findingsOf(dashboardGrid, withPanels(...widths)).length).toBeGreaterThan(0);
  });

  it.each([
    ['Having 24 columns in one panel should pass.', [24]],
    ['Having 6 + 6 + 12 columns should pass.', [6, 6, 12]],
    ['Having two full lines (12 + 12, 8 + 8 + 8) should pass.', [12, 12, 8, 8, 8]],
  ])('%s', (_, widths) => {
    expect(findingsOf(dashboardGrid, withPanels(...widths))).toEqual([]);
  });

  it('names the row, the line and the panels of a short line', () => {
    const [f] = findingsOf(dashboardGrid, withPanels(8, 8));
    expect(describePath(f!.location)).toBe('dashboard "tiny" › row "Traffic" › line 1');
    expect(f!.message).toBe('panels "P0" (8), "P1" (8) fill 16 of 24 columns');
  });
});
