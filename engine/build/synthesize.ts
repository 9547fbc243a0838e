/**
 * Synthesis: the project model in, the whole generated tree out, in memory. Nothing here touches the disk, so
 * tests can build into memory and compare.
 */
import type { ProjectModel } from '../model/project';
import { emitDashboard, type DashboardEmitContext } from '../emit/grafana-dashboard';
import { emitDashboardProviders, emitDatasource, type DashboardProvider } from '../emit/grafana-provisioning';
import { emitPrometheusConfig } from '../emit/prometheus-config';
import { emitRuleFiles } from '../emit/prometheus-rules';
import { emitMetricCatalogDoc } from '../emit/catalog-doc';
import { emitAlertmanagerConfig } from '../emit/alertmanager-config';
import { emitPromtoolTests } from '../emit/promtool-tests';
import { emitRunbookDoc } from '../emit/runbook-doc';
import { emitSloDoc } from '../emit/slo-doc';
import { allRuleGroups } from './rule-groups';
import { withSloRules } from '../slo/expand';
import { generatedNote, sourcePath } from '../emit/generated-header';
import { stableJson } from '../emit/stable-json';
import { dashboardUid, slug } from '../dashboards/stable-ids';
import type { PromqlMemo } from '../promql/analyze';

/** Generated files: path relative to the output directory → content. */
export type GeneratedTree = ReadonlyMap<string, string>;

/** Paths inside the output directory. */
export const PATHS = {
  dashboards: 'grafana/provisioning/dashboards',
  datasources: 'grafana/provisioning/datasources',
  prometheus: 'prometheus',
  rules: 'prometheus/rules',
  ruleTests: 'prometheus/tests',
  alertmanager: 'alertmanager',
  docs: 'docs',
} as const;

/**
 * Every generated file of the project, keyed by path, in sorted order. `memo` holds the parses of an earlier stage
 * of the same build (the checks), which the promtool test files reuse.
 */
export function synthesize(definitions: ProjectModel, memo?: PromqlMemo): GeneratedTree {
  const project = withSloRules(definitions);
  const files = new Map<string, string>();
  const rel = (source: string) => sourcePath(project.rootDir, source);
  const configSources = [rel(project.sources.config)];

  const uidOf = (id: string) => dashboardUid(project.uidPrefix, id);
  const folders = [...new Set(project.dashboards.map((d) => d.folder))].sort();
  const providers: DashboardProvider[] = folders.map((folder) => ({
    name: slug(folder),
    folder,
    folderUid: slug(folder).slice(0, 40),
    path: `${project.grafana.dashboardsPath}/${slug(folder)}`,
  }));
  files.set(`${PATHS.dashboards}/providers.yml`, emitDashboardProviders(providers, configSources));
  files.set(`${PATHS.datasources}/prometheus.yml`, emitDatasource(project.datasource, configSources));

  for (const dashboard of project.dashboards) {
    const ctx: DashboardEmitContext = {
      datasource: project.datasource,
      projectName: project.name,
      projectTag: project.tag,
      uidOf,
      generatedNote: generatedNote([rel(dashboard.source)]),
    };
    files.set(`${PATHS.dashboards}/${slug(dashboard.folder)}/${dashboard.id}.json`, stableJson(emitDashboard(dashboard, ctx)));
  }

  files.set(`${PATHS.prometheus}/prometheus.yml`, emitPrometheusConfig(project.prometheus, configSources));
  const ruleFiles = emitRuleFiles(allRuleGroups(project), project.rootDir);
  for (const [name, text] of ruleFiles) files.set(`${PATHS.rules}/${name}`, text);
  for (const [name, text] of emitPromtoolTests(project, memo)) {
    files.set(`${PATHS.ruleTests}/${name}`, text);
  }
  files.set(`${PATHS.alertmanager}/alertmanager.yml`, emitAlertmanagerConfig(project.alertmanager, [rel(project.alertmanager.source)]));
  files.set(`${PATHS.docs}/metric-catalog.md`, emitMetricCatalogDoc(project.catalog, [rel(project.sources.catalog)]));
  files.set(`${PATHS.docs}/alerts.md`, emitRunbookDoc(project));
  if (definitions.slos.length > 0) files.set(`${PATHS.docs}/slos.md`, emitSloDoc(definitions));

  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
