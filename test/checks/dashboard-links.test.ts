import { describe, expect, it } from 'vitest';
import { dashboardPanelMetadata } from '../../engine/checks/dashboards/panel-metadata';
import { dashboardUid } from '../../engine/checks/dashboards/uid';
import { dashboardTitle } from '../../engine/checks/dashboards/title';
import { dashboardLinks } from '../../engine/checks/dashboards/links';
import type { GrafanaUnit } from '../../engine/model/dashboard';
import { findingsOf } from './run';
import { tinyDashboard, tinyPanel, tinyProject } from '../fixtures/tiny-project';

describe('dashboard/links', () => {
  it('Having a panel link to a dashboard that does not exist should fail.', () => {
    const project = tinyProject({ dashboards: [tinyDashboard([tinyPanel({ links: [{ title: 'More', dashboard: 'nowhere' }] })])] });
    expect(findingsOf(dashboardLinks, project).map((f) => f.message)).toEqual(['links to dashboard "nowhere", which does not exist']);
  });
  it('Having a panel link to an existing dashboard should pass.', () => {
    const project = tinyProject({ dashboards: [tinyDashboard([tinyPanel({ links: [{ title: 'Self', dashboard: 'tiny' }] })])] });
    expect(findingsOf(dashboardLinks, project)).toEqual([]);
  });
});
