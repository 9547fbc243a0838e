/** prometheus.yml: global settings, rule files, alerting and one scrape config per job. */
import type { PrometheusConfigModel, ScrapeJobModel } from '../model/project';
import { yamlFile } from './yaml-text';

/** Where rule files are, relative to prometheus.yml. */
export const RULE_FILES_GLOB = 'rules/*.yml';

function scrapeConfig(job: ScrapeJobModel): Record<string, unknown> {
  const staticConfigs = job.targetGroups.map((g) => ({ targets: [...g.targets], labels: { ...g.labels } }));
  if (!job.probe) {
    return {
      job_name: job.job,
      ...(job.scrapeInterval ? { scrape_interval: job.scrapeInterval } : {}),
      metrics_path: job.metricsPath ?? '/metrics',
      static_configs: staticConfigs,
    };
  }
  return {
    job_name: job.job,
    ...(job.scrapeInterval ? { scrape_interval: job.scrapeInterval } : {}),
    metrics_path: '/probe',
    params: { module: [job.probe.module] },
    static_configs: staticConfigs,
    relabel_configs: [
      { source_labels: ['__address__'], target_label: '__param_target' },
      { source_labels: ['__param_target'], target_label: 'instance' },
      { target_label: '__address__', replacement: job.probe.exporter },
    ],
  };
}

/** prometheus.yml text; `sources` are the definition files it is generated from. */
export function emitPrometheusConfig(config: PrometheusConfigModel, sources: readonly string[]): string {
  const doc = {
    global: {
      scrape_interval: config.scrapeInterval,
      scrape_timeout: config.scrapeTimeout,
      evaluation_interval: config.evaluationInterval,
      external_labels: { ...config.externalLabels },
    },
    rule_files: [RULE_FILES_GLOB],
    alerting: { alertmanagers: [{ api_version: config.alertmanagerApiVersion ?? 'v2', static_configs: [{ targets: [...config.alertmanagers] }] }] },
    scrape_configs: config.jobs.map(scrapeConfig),
  };
  return yamlFile(doc, sources);
}
