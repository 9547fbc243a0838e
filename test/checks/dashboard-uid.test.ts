import { describe, expect, it } from 'vitest';
import { dashboardPanelMetadata } from '../../engine/checks/dashboards/panel-metadata';
import { dashboardUid } from '../../engine/checks/dashboards/uid';
import { dashboardTitle } from '../../engine/checks/dashboards/title';
import { dashboardLinks } from '../../engine/checks/dashboards/links';
import type { GrafanaUnit } from '../../engine/model/dashboard';
import { findingsOf } from './run';
import { tinyDashboard, tinyPanel, tinyProject } from '../fixtures/tiny-project';

describe('dashboard/uid', () => {
  it('Having a uid over 40 characters should fail.', () => {
    const project = tinyProject({ dashboards: [tinyDashboard(undefined, { id: 'x'.repeat(40) })] });
    expect(findingsOf(dashboardUid, project).map((f) => f.message)).toEqual([`uid "tiny-${'x'.repeat(40)}" is 45 characters long; Grafana allows 40`]);
  });
  it('Having a uid with a dot should fail.', () => {
    const project = tinyProject({ dashboards: [tinyDashboard(undefined, { id: 'a.b' })] });
    expect(findingsOf(dashboardUid, project)).toHaveLength(1);
  });
  it('Having two dashboards with one uid should fail.', () => {
    const project = tinyProject({ dashboards: [tinyDashboard(), tinyDashboard(undefined, { title: 'Other' })] });
    expect(findingsOf(dashboardUid, project).map((f) => f.message)).toEqual(['uid "tiny-tiny" is also used by a dashboard in definitions/tiny.ts']);
  });
});
