import { describe, expect, it } from 'vitest';
import { dashboardPanelMetadata } from '../../engine/checks/dashboards/panel-metadata';
import { dashboardUid } from '../../engine/checks/dashboards/uid';
import { dashboardTitle } from '../../engine/checks/dashboards/title';
import { dashboardLinks } from '../../engine/checks/dashboards/links';
import type { GrafanaUnit } from '../../engine/model/dashboard';
import { findingsOf } from './run';
import { tinyDashboard, tinyPanel, tinyProject } from '../fixtures/tiny-project';

describe('dashboard/panel-metadata', () => {
  it.each([
    ['Having no description should fail.', { description: '' }, /no real description/],
    ['Having no unit should fail.', { unit: '' as GrafanaUnit }, /no unit/],
    ['Having no query should fail.', { queries: [] }, /no query/],
  ])('%s', (_, overrides, message) => {
    const project = tinyProject({ dashboards: [tinyDashboard([tinyPanel(overrides)])] });
    expect(findingsOf(dashboardPanelMetadata, project).map((f) => f.message).join()).toMatch(message);
  });

  it('Having two panels with one title should fail.', () => {
    const project = tinyProject({ dashboards: [tinyDashboard([tinyPanel({ width: 12 }), tinyPanel({ width: 12 })])] });
    expect(findingsOf(dashboardPanelMetadata, project).map((f) => f.message)).toEqual([
      'panel title is used twice on this dashboard; panel ids derive from titles',
    ]);
  });
});
