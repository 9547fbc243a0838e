import { describe, expect, it } from 'vitest';
import { dashboardGrafanaIds } from '../../engine/checks/dashboards/grafana-ids';
import { runChecks } from '../../engine/checks/run-checks';
import { describePath } from '../../engine/model/location';
import { resolveProject } from '../../engine/resolve/resolve-project';
import type { ProjectDefinitions } from '../../engine/model/project';
import type { GrafanaUnit } from '../../engine/model/dashboard';
import { emitted, findingsOf } from './run';
import { tinyDashboard, tinyPanel, tinyProject } from '../fixtures/tiny-project';

type Json = Record<string, any>;

const forGrafana = (version: string, project: ProjectDefinitions = tinyProject()): ProjectDefinitions => ({ ...project, grafana: { ...project.grafana, version } });

/** The check's findings, as `where: message`, on the tiny project's output after `edit` changed its dashboard JSON. */
function findingsAfter(edit: (dashboard: Json) => void, version = '11.6.0'): string[] {
  const project = resolveProject(forGrafana(version));
  const dashboard = structuredClone(emitted(project).dashboards.get('tiny')) as Json;
  edit(dashboard);
  return runChecks(project, [dashboardGrafanaIds], { dashboards: new Map([['tiny', dashboard]]) }).map((f) => `${describePath(f.location)}: ${f.message}`);
}

const panel = (d: Json, title: string): Json => d.panels.find((p: Json) => p.title === title);
const withUnit = (unit: string) => tinyProject({ dashboards: [tinyDashboard([tinyPanel({ unit: unit as GrafanaUnit })])] });

describe('dashboard/grafana-ids', () => {
  it.each(['11.6.0', '12.4.10'])('Having only ids Grafana %s knows should pass.', (version) => {
    expect(findingsOf(dashboardGrafanaIds, forGrafana(version))).toEqual([]);
  });

  it('Having a unit Grafana does not know should fail.', () => {
    expect(findingsOf(dashboardGrafanaIds, withUnit('usdt')).map((f) => `${describePath(f.location)}: ${f.message}`)).toEqual([
      `dashboard "tiny" › panel "Requests by route": fieldConfig.defaults.unit: unit "usdt" is unknown to Grafana 11.6's @grafana/data`,
    ]);
  });

  it.each(['currencyUSD', 'suffix: USDT', 'prefix:$', 'si:W'])('Having the unit %s should pass.', (unit) => {
    expect(findingsOf(dashboardGrafanaIds, withUnit(unit))).toEqual([]);
  });

  it.each<[string, (d: Json) => void, string]>([
    ['a reducer id Grafana does not know', (d) => (panel(d, 'Ready').options.reduceOptions.calcs = ['last_not_null']), 'dashboard "tiny" › panel "Ready": options.reduceOptions.calcs[0]: reducer "last_not_null" is unknown'],
    ['a legend value that is no reducer', (d) => (panel(d, 'Requests by route').options.legend.calcs = ['average']), 'dashboard "tiny" › panel "Requests by route": options.legend.calcs[0]: reducer "average" is unknown'],
    ['a unit override Grafana does not know', (d) => panel(d, 'Requests by route').fieldConfig.overrides.push({ matcher: { id: 'byName', options: 'x' }, properties: [{ id: 'unit', value: 'USDT' }] }), 'dashboard "tiny" › panel "Requests by route": fieldConfig.overrides[0].properties[0].value: unit "USDT" is unknown'],
    ['a transformation Grafana does not know', (d) => (panel(d, 'Ready').transformations = [{ id: 'pivot', options: {} }]), 'dashboard "tiny" › panel "Ready": transformations[0].id: transformation "pivot" is unknown'],
  ])('Having %s should fail.', (_, edit, expected) => {
    const found = findingsAfter(edit);
    expect(found).toHaveLength(1);
    expect(found[0]!.startsWith(expected), found[0]).toBe(true);
  });

  it('Having a transformation only 12.x has should fail for 11.6 and pass for 12.4.', () => {
    const smoothing = (d: Json) => (panel(d, 'Ready').transformations = [{ id: 'smoothing', options: {} }]);
    expect(findingsAfter(smoothing, '11.6.0')).toHaveLength(1);
    expect(findingsAfter(smoothing, '12.4.10')).toEqual([]);
  });
});
