import { describe, expect, it } from 'vitest';
import { dashboardPanelMetadata } from '../../engine/checks/dashboards/panel-metadata';
import { dashboardUid } from '../../engine/checks/dashboards/uid';
import { dashboardTitle } from '../../engine/checks/dashboards/title';
import { dashboardLinks } from '../../engine/checks/dashboards/links';
import type { GrafanaUnit } from '../../engine/model/dashboard';
import { findingsOf } from './run';
import { tinyDashboard, tinyPanel, tinyProject } from '../fixtures/tiny-project';

describe('dashboard/title', () => {
  it('Having two dashboards titled alike in one folder should fail.', () => {
    const project = tinyProject({ dashboards: [tinyDashboard(), tinyDashboard(undefined, { id: 'other' })] });
    expect(findingsOf(dashboardTitle, project).map((f) => f.message)).toEqual(['title "Tiny" is used twice in folder "Tests"']);
  });
  it('Having the same title in two folders should pass.', () => {
    const project = tinyProject({ dashboards: [tinyDashboard(), tinyDashboard(undefined, { id: 'other', folder: 'Other' })] });
    expect(findingsOf(dashboardTitle, project)).toEqual([]);
  });
  it('Having an empty title should fail.', () => {
    expect(findingsOf(dashboardTitle, tinyProject({ dashboards: [tinyDashboard(undefined, { title: ' ' })] }))).toHaveLength(1);
  });
});
