import { describe, expect, it } from 'vitest';
import { dashboardPanelIds } from '../../engine/checks/dashboards/panel-ids';
import { stablePanelId } from '../../engine/dashboards/stable-ids';
import { findingsOf } from './run';
import { tinyDashboard, tinyPanel, tinyProject } from '../fixtures/tiny-project';

/** Two panel titles of dashboard "tiny" whose derived ids collide, found by search. */
function collidingTitles(): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; ; i++) {
    const title = `Panel ${i}`;
    const id = stablePanelId('tiny', title);
    const other = seen.get(id);
    if (other) return [other, title];
    seen.set(id, title);
  }
}

describe('dashboard/panel-ids', () => {
  it('Having two panels whose titles hash to one id should fail, naming both.', () => {
    const [a, b] = collidingTitles();
    const project = tinyProject({ dashboards: [tinyDashboard([tinyPanel({ title: a, width: 12 }), tinyPanel({ title: b, width: 12 })])] });
    const findings = findingsOf(dashboardPanelIds, project);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toBe(`derived id ${stablePanelId('tiny', a)} collides with panel "${a}"`);
  });

  it('Having panels with distinct derived ids should pass.', () => {
    expect(findingsOf(dashboardPanelIds, tinyProject())).toEqual([]);
  });
});
