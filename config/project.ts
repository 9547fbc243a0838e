/**
 * The Claire de Binare project: the one entry that lists the catalog, dashboards, rules and monitoring settings
 * the build turns into generated/.
 */
import { fileURLToPath } from 'node:url';
import type { ProjectModel } from '../engine/model/project';
import { catalog } from '../catalog';
import { dashboards } from '../dashboards';
import { recordingRuleGroups } from '../recording-rules';
import {
  DATASOURCE,
  EVALUATION_INTERVAL,
  EXTERNAL_LABELS,
  GRAFANA_DASHBOARDS_PATH,
  GRAFANA_URL,
  RUNBOOK_URL,
  SCRAPE_INTERVAL,
  SCRAPE_TIMEOUT,
} from './monitoring';
import { ALERTMANAGER } from './alertmanager';
import { alertGroups } from '../alerts';
import { slos } from '../slos';
import { BURN_RATE_PANEL } from '../engine/slo/dashboard';
import { DASHBOARD_IDS } from '../dashboards/common';
import { SCRAPE_JOBS } from './scrape-jobs';
import { EXPORTER_JOBS } from './services';

/** The repository root: generated files name their sources relative to it. */
export const ROOT_DIR = fileURLToPath(new URL('..', import.meta.url));

export const cdbProject: ProjectModel = {
  name: 'Claire de Binare',
  tag: 'cdb',
  uidPrefix: 'cdb-',
  rootDir: ROOT_DIR,
  catalog,
  datasource: DATASOURCE,
  prometheus: {
    scrapeInterval: SCRAPE_INTERVAL,
    scrapeTimeout: SCRAPE_TIMEOUT,
    evaluationInterval: EVALUATION_INTERVAL,
    externalLabels: EXTERNAL_LABELS,
    jobs: SCRAPE_JOBS,
    alertmanagers: [`${EXPORTER_JOBS.alertmanager.host}:${EXPORTER_JOBS.alertmanager.port}`],
  },
  grafana: { dashboardsPath: GRAFANA_DASHBOARDS_PATH },
  dashboards,
  ruleGroups: recordingRuleGroups,
  alertGroups,
  slos,
  sloConventions: { alertPrefix: 'Cdb', dashboard: { id: DASHBOARD_IDS.slo, panel: BURN_RATE_PANEL } },
  alertmanager: ALERTMANAGER,
  alertConventions: { namePattern: /^Cdb[A-Z][a-zA-Z0-9]*$/, exemptNames: ['Watchdog'], requiredLabels: ['layer', 'service'] },
  links: { grafanaUrl: GRAFANA_URL, runbookUrl: RUNBOOK_URL },
  sources: {
    config: new URL('./project.ts', import.meta.url).href,
    catalog: new URL('../catalog/index.ts', import.meta.url).href,
  },
};
