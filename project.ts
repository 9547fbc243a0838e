/**
 * The Claire de Binare project: the one entry that makes every definition — catalog, dashboards, recording rules,
 * alerts, SLOs, scrape configuration and Alertmanager routing — from the settings. Nothing imports this file but
 * the commands, tests and benchmarks; the definition folders below it never reach back up.
 */
import { fileURLToPath } from 'node:url';
import type { ProjectDefinitions } from './engine/model/project';
import { catalog } from './catalog';
import { dashboards } from './dashboards';
import { DASHBOARD_IDS } from './dashboards/common';
import { recordingRuleGroups } from './recording-rules';
import { alertGroups } from './alerts';
import { slos } from './slos';
import { BURN_RATE_PANEL } from './engine/slo/dashboard';
import { DATASOURCE_UID, EXTERNAL_LABELS, GRAFANA_ALLOW_UI_UPDATES, GRAFANA_DASHBOARDS_PATH } from './config/monitoring';
import { alertmanager } from './config/alertmanager';
import { scrapeJobs } from './config/scrape-jobs';
import { EXPORTER_JOBS } from './config/services';
import { LAYERS } from './config/layers';
import { cdbSettings, type Settings } from './config/settings';

/** The repository root: generated files name their sources relative to it. */
export const ROOT_DIR = fileURLToPath(new URL('.', import.meta.url));

/** Every CdB definition, made from `settings` (the defaults when none are given). */
export function cdbProject(settings: Settings = cdbSettings()): ProjectDefinitions {
  return {
    name: 'Claire de Binare',
    tag: 'cdb',
    uidPrefix: 'cdb-',
    rootDir: ROOT_DIR,
    catalog,
    datasource: { ...settings.datasource, uid: DATASOURCE_UID, scrapeInterval: settings.scrape.interval },
    prometheus: {
      scrapeInterval: settings.scrape.interval,
      scrapeTimeout: settings.scrape.timeout,
      evaluationInterval: settings.scrape.evaluationInterval,
      externalLabels: EXTERNAL_LABELS,
      jobs: scrapeJobs(settings),
      alertmanagers: [`${EXPORTER_JOBS.alertmanager.host}:${EXPORTER_JOBS.alertmanager.port}`],
    },
    grafana: { dashboardsPath: GRAFANA_DASHBOARDS_PATH, version: settings.grafana.version, allowUiUpdates: GRAFANA_ALLOW_UI_UPDATES },
    dashboards: dashboards(settings),
    ruleGroups: recordingRuleGroups(settings),
    alertGroups: alertGroups(settings),
    slos: slos(settings),
    sloConventions: { alertPrefix: 'Cdb', dashboard: { id: DASHBOARD_IDS.slo, panel: BURN_RATE_PANEL } },
    alertmanager: alertmanager(settings),
    alertConventions: {
      namePattern: /^Cdb[A-Z][a-zA-Z0-9]*$/,
      exemptNames: ['Watchdog'],
      requiredLabels: ['layer', 'service'],
      labelValues: { layer: LAYERS.map((l) => l.id) },
    },
    links: settings.links,
    sources: {
      config: new URL('./config/settings.ts', import.meta.url).href,
      catalog: new URL('./catalog/index.ts', import.meta.url).href,
    },
  };
}
