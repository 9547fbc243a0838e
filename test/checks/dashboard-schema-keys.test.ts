import { describe, expect, it } from 'vitest';
import { dashboardSchemaKeys } from '../../engine/checks/dashboards/schema-keys';
import { runChecks } from '../../engine/checks/run-checks';
import { describePath } from '../../engine/model/location';
import { resolveProject } from '../../engine/resolve/resolve-project';
import type { ProjectDefinitions } from '../../engine/model/project';
import { NEUTRAL, stat } from '../../engine/dashboards/panels';
import { select } from '../../engine/promql';
import { emitted, findingsOf } from './run';
import { ready, tinyDashboard, tinyPanel, tinyProject } from '../fixtures/tiny-project';

type Json = Record<string, any>;

const forGrafana = (version: string, project: ProjectDefinitions = tinyProject()): ProjectDefinitions => ({ ...project, grafana: { ...project.grafana, version } });

/** The check's findings, as `where: message`, on the tiny project's output after `edit` changed its dashboard JSON. */
function findingsAfter(edit: (dashboard: Json) => void, version = '11.6.0'): string[] {
  const project = resolveProject(forGrafana(version));
  const output = emitted(project);
  const dashboard = structuredClone(output.dashboards.get('tiny')) as Json;
  edit(dashboard);
  return runChecks(project, [dashboardSchemaKeys], { dashboards: new Map([['tiny', dashboard]]) }).map((f) => `${describePath(f.location)}: ${f.message.replace(/ \(Grafana .*\)$/, '')}`);
}

const panel = (d: Json, title: string): Json => d.panels.find((p: Json) => p.title === title);

describe('dashboard/schema-keys', () => {
  it.each(['11.6.0', '12.4.10'])('Having only what Grafana %s knows should pass.', (version) => {
    expect(findingsOf(dashboardSchemaKeys, forGrafana(version))).toEqual([]);
  });

  it('Having a table panel with the SDK defaults should pass for 11.6 and 12.4.', () => {
    const table = stat({ title: 'Ready', description: 'Whether the app is ready.', unit: 'none', fixedColor: NEUTRAL, width: 12, queries: [select(ready)] });
    const project = tinyProject({ dashboards: [tinyDashboard([tinyPanel({ width: 12 }), { ...table, kind: 'table', title: 'Readiness table' }])] });
    expect(findingsOf(dashboardSchemaKeys, forGrafana('11.6.0', project))).toEqual([]);
    expect(findingsOf(dashboardSchemaKeys, forGrafana('12.4.10', project))).toEqual([]);
  });

  it.each<[string, (d: Json) => void, string]>([
    ['a top-level key of its own', (d) => (d.__generated = 'note'), 'dashboard "tiny": __generated: unknown key "__generated": Dashboard has annotations, description, editable, fiscalYearStartMonth, gnetId, graphTooltip, id, links, liveNow, panels, preload, refresh, revision, schemaVersion, snapshot, tags, templating, time, timepicker, timezone, title, uid, version, weekStart'],
    ['a dashboard link placed in the controls menu', (d) => (d.links[0].placement = 'inControlsMenu'), 'dashboard "tiny": links[0].placement: unknown key "placement": DashboardLink has asDropdown, icon, includeVars, keepTime, tags, targetBlank, title, tooltip, type, url'],
    ['interval keys on a datasource variable', (d) => (d.templating.list[0].auto_min = '10s'), 'dashboard "tiny" › variable "datasource": auto_min: unknown key "auto_min": VariableModel has allValue, allowCustomValue, current, datasource, description, hide, includeAll, label, multi, name, options, query, refresh, regex, skipUrlSync, sort, type'],
    ['an option the stat panel does not declare', (d) => (panel(d, 'Ready').options.sparkline = true), 'dashboard "tiny" › panel "Ready": options.sparkline: unknown key "sparkline": Options has colorMode, graphMode, justifyMode, orientation, percentChangeColorMode, reduceOptions, showPercentChange, text, textMode, wideLayout'],
    ['a custom field config key on a stat, which declares none', (d) => (panel(d, 'Ready').fieldConfig.defaults.custom = { lineWidth: 1 }), 'dashboard "tiny" › panel "Ready": fieldConfig.defaults.custom.lineWidth: unknown key "lineWidth": {…} has '],
    ['a reducer list given as a string', (d) => (panel(d, 'Ready').options.reduceOptions.calcs = 'lastNotNull'), 'dashboard "tiny" › panel "Ready": options.reduceOptions.calcs: "lastNotNull" is not Array<string>'],
    ['a graph tooltip that is no DashboardCursorSync', (d) => (d.graphTooltip = 3), 'dashboard "tiny": graphTooltip: 3 is not a DashboardCursorSync: 1, 0, 2'],
    ['a threshold style no timeseries knows', (d) => (panel(d, 'Requests by route').fieldConfig.defaults.custom.thresholdsStyle = { mode: 'dotted' }), 'dashboard "tiny" › panel "Requests by route": fieldConfig.defaults.custom.thresholdsStyle.mode: "dotted" is not a GraphThresholdsStyleMode: "area", "dashed", "dashed+area", "line", "line+area", "off", "series"'],
    ['an override of a custom key the plugin lacks', (d) => panel(d, 'Requests by route').fieldConfig.overrides.push({ matcher: { id: 'byName', options: 'x' }, properties: [{ id: 'custom.nope', value: 1 }] }), 'dashboard "tiny" › panel "Requests by route": fieldConfig.overrides[0].properties[0].id: override property "custom.nope" is no field config key of this panel'],
    ['an override value of the wrong type', (d) => panel(d, 'Requests by route').fieldConfig.overrides.push({ matcher: { id: 'byName', options: 'x' }, properties: [{ id: 'custom.lineWidth', value: 'thick' }] }), 'dashboard "tiny" › panel "Requests by route": fieldConfig.overrides[0].properties[0].value: "thick" is not number'],
    ['a panel type the line has no schema for', (d) => (panel(d, 'Ready').type = 'graph'), 'dashboard "tiny" › panel "Ready": type: panel type "graph" has no schema in @grafana/schema 11.6.0'],
    ['a row key rows do not have', (d) => (d.panels[0].options = {}), 'dashboard "tiny" › row "Traffic": options: unknown key "options": RowPanel has collapsed, datasource, gridPos, id, panels, repeat, title, type'],
  ])('Having %s should fail.', (_, edit, expected) => {
    const found = findingsAfter(edit);
    expect(found).toHaveLength(1);
    expect(found[0]!.startsWith(expected), found[0]).toBe(true);
  });

  it('Having an override of a known key with a value of its type should pass.', () => {
    expect(findingsAfter((d) => panel(d, 'Requests by route').fieldConfig.overrides.push({ matcher: { id: 'byName', options: 'x' }, properties: [{ id: 'custom.lineWidth', value: 2 }, { id: 'unit', value: 'short' }] }))).toEqual([]);
  });

  it('Having a key one target line knows and the other does not should fail only for the other.', () => {
    const placement = (d: Json) => (d.links[0].placement = 'inControlsMenu');
    expect(findingsAfter(placement, '11.6.0')).toHaveLength(1);
    expect(findingsAfter(placement, '12.4.10')).toEqual([]);
    const footer = (d: Json) => (panel(d, 'Ready').type = 'table') && (panel(d, 'Ready').options = { showHeader: true, footer: { show: false, reducer: [], countRows: false } });
    expect(findingsAfter(footer, '11.6.0')).toEqual([]);
    expect(findingsAfter(footer, '12.4.10')).toEqual(['dashboard "tiny" › panel "Ready": options.footer: unknown key "footer": Options has cellHeight, disableKeyboardEvents, enablePagination, frameIndex, frozenColumns, maxRowHeight, showHeader, showTypeIcons, sortBy']);
  });

  it('Having the finding say which Grafana and which package judged it should help.', () => {
    const project = resolveProject(tinyProject());
    const output = emitted(project);
    const dashboard = structuredClone(output.dashboards.get('tiny')) as Json;
    dashboard.__generated = 'note';
    const [finding] = runChecks(project, [dashboardSchemaKeys], { dashboards: new Map([['tiny', dashboard]]) });
    expect(finding!.message).toMatch(/\(Grafana 11\.6, @grafana\/schema 11\.6\.0\)$/);
  });
});
