import { describe, expect, it } from 'vitest';
import { findingRow } from '../../engine/report/findings';
import { dashboardDatasource } from '../../engine/checks/dashboards/datasource';
import { labelValuesVariable } from '../../engine/dashboards/dashboard';
import { select } from '../../engine/promql';
import type { DatasourceModel, ProjectDefinitions } from '../../engine/model/project';
import { findingsOf } from './run';
import { rangeQuery, requests, tinyDashboard, tinyPanel, tinyProject } from '../fixtures/tiny-project';

const DATASOURCE: DatasourceModel = { name: 'Prometheus', uid: 'tiny-prom', url: 'http://127.0.0.1:9090', scrapeInterval: '15s' };

const withDatasource = (overrides: Partial<DatasourceModel>) => tinyProject({ datasource: { ...DATASOURCE, ...overrides } });
const withQuery = (expr: string) =>
  tinyProject({ datasource: DATASOURCE, dashboards: [tinyDashboard([tinyPanel({ queries: [rangeQuery(expr)] })])] });
const messages = (project: ProjectDefinitions) => findingsOf(dashboardDatasource, project).map((f) => f.message);

describe('dashboard/datasource', () => {
  it.each<[string, ProjectDefinitions, string]>([
    ['Having a datasource without a name should fail.', withDatasource({ name: ' ' }), 'datasource has no name'],
    ['Having an empty uid should fail.', withDatasource({ uid: '' }), 'uid "" is not 1 to 40 characters of [a-zA-Z0-9_-]'],
    ['Having a uid with a dot should fail.', withDatasource({ uid: 'tiny.prom' }), 'uid "tiny.prom" is not 1 to 40 characters of [a-zA-Z0-9_-]'],
    ['Having a uid of 41 characters should fail.', withDatasource({ uid: 'p'.repeat(41) }), `uid "${'p'.repeat(41)}" is not 1 to 40 characters of [a-zA-Z0-9_-]`],
    ['Having a URL without a scheme should fail.', withDatasource({ url: 'prometheus:9090' }), 'url "prometheus:9090" is not an http(s) URL'],
    ['Having a host and port only should fail.', withDatasource({ url: '127.0.0.1:9090' }), 'url "127.0.0.1:9090" is not an http(s) URL'],
    ['Having a non-http URL should fail.', withDatasource({ url: 'ftp://prometheus:9090' }), 'url "ftp://prometheus:9090" is not an http(s) URL'],
    ['Having an empty URL should fail.', withDatasource({ url: '' }), 'url "" is not an http(s) URL'],
    [
      'Having a ${DS_PROMETHEUS} import placeholder in a query should fail.',
      withQuery('sum(rate(app_requests_total{job="${DS_PROMETHEUS}"}[$__rate_interval]))'),
      'contains the import placeholder ${DS_PROMETHEUS}, which provisioning never resolves: sum(rate(app_requests_total{job="${DS_PROMETHEUS}"}[$__rate_interval]))',
    ],
    [
      'Having a $DS_PROMETHEUS placeholder without braces should fail.',
      withQuery('sum(app_requests_total{job="$DS_PROMETHEUS"})'),
      'contains the import placeholder $DS_PROMETHEUS, which provisioning never resolves: sum(app_requests_total{job="$DS_PROMETHEUS"})',
    ],
    [
      'Having the datasource uid hard-coded in a query should fail.',
      withQuery('tiny-prom/sum(app_requests_total)'),
      'hard-codes the datasource uid "tiny-prom": tiny-prom/sum(app_requests_total)',
    ],
    [
      'Having a dashboard variable named datasource should fail.',
      tinyProject({
        dashboards: [tinyDashboard(undefined, { variables: [labelValuesVariable({ name: 'datasource', label: 'DS', series: select(requests), labelName: 'route' })] })],
      }),
      'variable "datasource" shadows the datasource variable every panel uses',
    ],
  ])('%s', (_, project, message) => {
    expect(messages(project)).toEqual([message]);
  });

  it.each<[string, ProjectDefinitions]>([
    ['Having the tiny datasource should pass.', tinyProject()],
    ['Having an https URL with a path should pass.', withDatasource({ url: 'https://prometheus.example.org/prom' })],
    ['Having a uid of exactly 40 characters of every allowed kind should pass.', withDatasource({ uid: `aZ0_-${'x'.repeat(35)}` })],
    ['Having the uid as a label value in a query should pass.', withQuery('sum(app_requests_total{route="tiny-prom"})')],
    ['Having a metric name that contains the uid should pass.', withQuery('sum(tiny_prom_app_requests_total)')],
    ['Having a query with $datasource as a variable reference should pass.', withQuery('sum(app_requests_total{route=~"$datasource"})')],
    [
      'Having a dashboard variable with another name should pass.',
      tinyProject({
        dashboards: [tinyDashboard(undefined, { variables: [labelValuesVariable({ name: 'route', label: 'Route', series: select(requests), labelName: 'route' })] })],
      }),
    ],
  ])('%s', (_, project) => {
    expect(messages(project)).toEqual([]);
  });

  it('Having a broken datasource should name the config file and the datasource.', () => {
    const [f] = findingsOf(dashboardDatasource, withDatasource({ uid: 'a b' }));
    expect(findingRow(f!)).toMatchObject({ severity: 'error', file: 'definitions/project.ts', definition: 'datasource "Prometheus"' });
  });
});
