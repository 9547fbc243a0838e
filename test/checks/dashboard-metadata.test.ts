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
