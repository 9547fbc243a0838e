/**
 * Settings of the monitoring stack for CdB: intervals, the datasource Grafana uses and where Grafana finds the
 * dashboards. Each value says when to change it.
 */

import { notMatchesRegex } from '../engine/promql';

/** Scrape interval. Lowering it raises Prometheus' load; raise it only with every `rate()` window (≥ 4×). */
export const SCRAPE_INTERVAL = '15s';
/** Scrape timeout; must stay below the scrape interval. */
export const SCRAPE_TIMEOUT = '10s';
/** Rule evaluation interval; alert `for` durations should be several of these. */
export const EVALUATION_INTERVAL = '30s';

/** The Prometheus datasource Grafana is provisioned with; dashboards reference it by uid. */
export const DATASOURCE = {
  name: 'CdB Prometheus',
  uid: 'cdb-prometheus',
  /** Reached over the compose network; change with the Prometheus service name or port. */
  url: 'http://cdb_prometheus:9090',
  scrapeInterval: SCRAPE_INTERVAL,
} as const;

/** Where the Grafana container mounts generated/grafana/provisioning/dashboards. */
export const GRAFANA_DASHBOARDS_PATH = '/etc/grafana/provisioning/dashboards';

/** Labels Prometheus adds to everything it sends out (alerts, remote write). */
export const EXTERNAL_LABELS = { system: 'claire-de-binare', phase: 'n1-paper' } as const;

/** Matcher of the filesystems whose free space matters: the real ones, not tmpfs or container overlays. */
export const REAL_FILESYSTEMS = { fstype: notMatchesRegex('tmpfs|overlay|squashfs') };

/** Folders dashboards are provisioned into. */
export const FOLDERS = {
  overview: 'CdB Overview',
  layers: 'CdB Layers',
} as const;

/** Grafana as the people who receive alerts reach it; `dashboard_url` annotations start with it. */
export const GRAFANA_URL = 'http://localhost:3000';

/**
 * Where generated/docs/alerts.md is read by the people who receive alerts; `runbook_url` annotations start with it.
 * Change it to the repository's browsable URL of that file.
 */
export const RUNBOOK_URL = 'https://git.example.invalid/cdb/observability/-/blob/main/generated/docs/alerts.md';
