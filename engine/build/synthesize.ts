/**
 * Synthesis: the resolved project in, the whole generated tree out, in memory. Nothing here touches the disk, so
 * tests can build into memory and compare.
 */
import type { ResolvedProject } from '../resolve/resolved-project';
import { emitDashboard, type DashboardEmitContext } from '../emit/grafana-dashboard';
import { emitDashboardProviders, emitDatasource, type DashboardProvider } from '../emit/grafana-provisioning';
import { emitPrometheusConfig } from '../emit/prometheus-config';
import { emitRuleFiles } from '../emit/prometheus-rules';
import { emitMetricCatalogDoc } from '../emit/catalog-doc';
import { emitAlertmanagerConfig } from '../emit/alertmanager-config';
import { emitPromtoolTests } from '../emit/promtool-tests';
import { emitRunbookDoc } from '../emit/runbook-doc';
import { emitSloDoc } from '../emit/slo-doc';
import { generatedNote } from '../emit/generated-header';
import { stableJson } from '../emit/stable-json';
import { slug } from '../dashboards/stable-ids';
import { requireGrafanaTarget } from '../grafana/targets';
import type { EmittedOutput } from '../checks/check';
import type { DashboardModel } from '../model/dashboard';

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

/** The path of a dashboard's file. */
export function dashboardPath(dashboard: DashboardModel): string {
  return `${PATHS.dashboards}/${slug(dashboard.folder)}/${dashboard.id}.json`;
}

/** What the checks of the output read from a generated tree: each dashboard's JSON as written, by dashboard id. */
export function emittedOutput(project: ResolvedProject, tree: GeneratedTree): EmittedOutput {
  return { dashboards: new Map(project.dashboards.map(({ dashboard }) => [dashboard.id, JSON.parse(tree.get(dashboardPath(dashboard))!) as unknown])) };
}

/** Every generated file of the project, keyed by path, in sorted order. */
export function synthesize(project: ResolvedProject): GeneratedTree {
  const files = new Map<string, string>();
  const rel = project.fileOf;
  const configSources = [project.configLocation.file];

  const folders = [...new Set(project.dashboards.map((d) => d.dashboard.folder))].sort();
  const providers: DashboardProvider[] = folders.map((folder) => ({
    name: slug(folder),
    folder,
    folderUid: slug(folder).slice(0, 40),
    path: `${project.grafana.dashboardsPath}/${slug(folder)}`,
  }));
  files.set(`${PATHS.dashboards}/providers.yml`, emitDashboardProviders(providers, project.grafana.allowUiUpdates, configSources));
  files.set(`${PATHS.datasources}/prometheus.yml`, emitDatasource(project.datasource, configSources));

  const target = requireGrafanaTarget(project.grafana.version);
  for (const resolved of project.dashboards) {
    const ctx: DashboardEmitContext = {
      datasource: project.datasource,
      projectName: project.name,
      projectTag: project.tag,
      uidOf: project.uidOf,
      generatedNote: generatedNote([resolved.location.file]),
      target,
      editable: project.grafana.allowUiUpdates,
    };
    files.set(dashboardPath(resolved.dashboard), stableJson(emitDashboard(resolved, ctx)));
  }

  files.set(`${PATHS.prometheus}/prometheus.yml`, emitPrometheusConfig(project.prometheus, configSources));
  const ruleFiles = emitRuleFiles(project.ruleGroups, project.fileOf);
  for (const [name, text] of ruleFiles) files.set(`${PATHS.rules}/${name}`, text);
  for (const [name, text] of emitPromtoolTests(project)) {
    files.set(`${PATHS.ruleTests}/${name}`, text);
  }
  files.set(`${PATHS.alertmanager}/alertmanager.yml`, emitAlertmanagerConfig(project.alertmanager, [project.alertmanagerLocation.file]));
  files.set(`${PATHS.docs}/metric-catalog.md`, emitMetricCatalogDoc(project.catalog, [rel(project.sources.catalog)]));
  files.set(`${PATHS.docs}/alerts.md`, emitRunbookDoc(project));
  if (project.slos.length > 0) files.set(`${PATHS.docs}/slos.md`, emitSloDoc(project));

  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
