/**
 * A whole observed system as its definitions declare it, as plain data. The resolve stage turns it into the
 * resolved project that checks and emitters read.
 */
import type { Catalog } from '../catalog/catalog';
import type { DashboardModel } from './dashboard';
import type { RuleGroupModel } from './rules';
import type { AlertGroupModel } from './alerts';
import type { AlertmanagerModel } from './alertmanager';
import type { SloAlertConventions, SloSpec } from './slo';

/** The Prometheus datasource Grafana is provisioned with. */
export interface DatasourceModel {
  readonly name: string;
  readonly uid: string;
  readonly url: string;
  /** Prometheus' scrape interval, so that Grafana's `$__rate_interval` is at least four of them. */
  readonly scrapeInterval: string;
}

/** A scrape job with static targets. */
export interface ScrapeJobModel {
  readonly job: string;
  /** One static config per entry: its targets and the target labels (e.g. `service`) they get. */
  readonly targetGroups: ReadonlyArray<{ readonly targets: readonly string[]; readonly labels: Readonly<Record<string, string>> }>;
  /** @default '/metrics' */
  readonly metricsPath?: string;
  readonly scrapeInterval?: string;
  /** A blackbox probe job: targets are URLs probed by the exporter at `exporter` with `module`. */
  readonly probe?: { readonly exporter: string; readonly module: string };
}

export interface PrometheusConfigModel {
  readonly scrapeInterval: string;
  readonly scrapeTimeout: string;
  readonly evaluationInterval: string;
  readonly externalLabels: Readonly<Record<string, string>>;
  readonly jobs: readonly ScrapeJobModel[];
  /** `host:port` of each Alertmanager. */
  readonly alertmanagers: readonly string[];
  /**
   * The Alertmanager API Prometheus sends alerts to. Prometheus 3 removed v1 (it needs Alertmanager 0.16 or later
   * and v2); the `promql/prometheus-three` check reports v1. @default 'v2'
   */
  readonly alertmanagerApiVersion?: 'v1' | 'v2';
}

/** The Grafana the dashboards are provisioned into, and where it reads them from inside its container. */
export interface GrafanaProvisioningModel {
  /** Directory Grafana reads dashboard files from (the mount point of generated/grafana/provisioning/dashboards). */
  readonly dashboardsPath: string;
  /**
   * The Grafana version deployed (`11.6.0`): decides the dashboards' `schemaVersion` and the schema their keys
   * are checked against. Only the lines of engine/grafana/targets.ts can be targeted.
   */
  readonly version: string;
  /**
   * Whether people may save changes made in Grafana's UI (the providers' `allowUiUpdates`). When false, every
   * dashboard says it is not editable, instead of letting people edit and then refusing their save.
   */
  readonly allowUiUpdates: boolean;
}

export interface ProjectDefinitions {
  /** Human name, e.g. "Claire de Binare". */
  readonly name: string;
  /** Tag on every dashboard; also the prefix of generated names. */
  readonly tag: string;
  /** Prefix of every dashboard uid, e.g. `cdb-`. */
  readonly uidPrefix: string;
  /** Absolute path of the project root; sources are named relative to it. */
  readonly rootDir: string;
  readonly catalog: Catalog;
  readonly datasource: DatasourceModel;
  readonly prometheus: PrometheusConfigModel;
  readonly grafana: GrafanaProvisioningModel;
  readonly dashboards: readonly DashboardModel[];
  /** Recording rule groups. */
  readonly ruleGroups: readonly RuleGroupModel[];
  readonly alertGroups: readonly AlertGroupModel[];
  /** SLO definitions; the resolve stage validates them and expands them into recording and alert groups. */
  readonly slos: readonly SloSpec[];
  readonly sloConventions: SloAlertConventions;
  readonly alertmanager: AlertmanagerModel;
  readonly alertConventions: AlertConventions;
  /** Where people open what alerts link to. */
  readonly links: {
    /** Grafana as people reach it, for `dashboard_url`. */
    readonly grafanaUrl: string;
    /** The generated alert runbook as people read it, for `runbook_url` (an anchor per alert is appended). */
    readonly runbookUrl: string;
  };
  /** Definition files (as `import.meta.url` or paths) that generated files name in their header. */
  readonly sources: {
    /** Where the datasource, scrape and provisioning settings are defined. */
    readonly config: string;
    /** Where the metric catalog is aggregated. */
    readonly catalog: string;
  };
}

/** Naming and labelling rules every alert of the project follows. */
export interface AlertConventions {
  /** Alert names must match this (e.g. CamelCase with a project prefix). */
  readonly namePattern: RegExp;
  /** Names exempt from the pattern (e.g. `Watchdog`). */
  readonly exemptNames: readonly string[];
  /** Labels every alert must carry, set statically or returned by its expression. */
  readonly requiredLabels: readonly string[];
  /** Closed sets of values for static labels (e.g. `layer`: the system's layers), so routing can rely on them. */
  readonly labelValues?: Readonly<Record<string, readonly string[]>>;
}
