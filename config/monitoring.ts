/**
 * Fixed facts of the CdB monitoring stack: where Grafana finds the dashboards, the datasource uid dashboards
 * reference, the labels Prometheus adds. What a deployment may change is in config/settings.ts.
 */

import { notMatchesRegex } from '../engine/promql';

/** The uid of the provisioned Prometheus datasource; every dashboard references it. */
export const DATASOURCE_UID = 'cdb-prometheus';

/** Where the Grafana container mounts generated/grafana/provisioning/dashboards. */
export const GRAFANA_DASHBOARDS_PATH = '/etc/grafana/provisioning/dashboards';

/**
 * Whether Grafana may save dashboard changes made in its UI. No: the definitions are the source of the
 * dashboards, and a change saved in Grafana would be overwritten at the next provisioning. Dashboards say so
 * (`editable: false`) rather than letting people edit and then refusing the save.
 */
export const GRAFANA_ALLOW_UI_UPDATES = false;

/** Labels Prometheus adds to everything it sends out (alerts, remote write). */
export const EXTERNAL_LABELS = { system: 'claire-de-binare', phase: 'n1-paper' } as const;

/** Matcher of the filesystems whose free space matters: the real ones, not tmpfs or container overlays. */
export const REAL_FILESYSTEMS = { fstype: notMatchesRegex('tmpfs|overlay|squashfs') };

/** Folders dashboards are provisioned into. */
export const FOLDERS = {
  overview: 'CdB Overview',
  layers: 'CdB Layers',
} as const;
