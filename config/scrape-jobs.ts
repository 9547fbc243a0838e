/** The scrape jobs of prometheus.yml: every CdB service, the exporters, and health probes of every service. */
import type { ScrapeJobModel } from '../engine/model/project';
import { APPLICATION_SERVICES, EXPORTER_JOBS, SERVICES, type CdbService } from './services';
import type { Settings } from './settings';

const target = (host: string, port: number) => `${host}:${port}`;
const byName = new Map<string, CdbService>(SERVICES.map((s) => [s.name, s]));

/** One job per application service, labelled with its service name. */
const applicationJobs: ScrapeJobModel[] = APPLICATION_SERVICES.map((name) => {
  const s = byName.get(name)!;
  return { job: name, targetGroups: [{ targets: [target(s.host, s.port!)], labels: { service: name } }] };
});

const prometheusSelf = byName.get('cdb_prometheus')!;
const grafana = byName.get('cdb_grafana')!;

/** Exporters and monitoring components; `service` is what each watches. */
const exporterJobs: ScrapeJobModel[] = [
  { job: 'cdb_prometheus', targetGroups: [{ targets: [target(prometheusSelf.host, prometheusSelf.port!)], labels: { service: 'cdb_prometheus' } }] },
  { job: 'cdb_grafana', targetGroups: [{ targets: [target(grafana.host, grafana.port!)], labels: { service: 'cdb_grafana' } }] },
  ...[EXPORTER_JOBS.alertmanager, EXPORTER_JOBS.redis, EXPORTER_JOBS.postgres, EXPORTER_JOBS.node, EXPORTER_JOBS.cadvisor].map(
    (e): ScrapeJobModel => ({ job: e.job, targetGroups: [{ targets: [target(e.host, e.port)], labels: { service: e.watches } }] }),
  ),
];

/** Health endpoints probed through blackbox_exporter, one target group per service. */
const healthProbes: ScrapeJobModel = {
  job: EXPORTER_JOBS.blackbox.job,
  probe: { exporter: target(EXPORTER_JOBS.blackbox.host, EXPORTER_JOBS.blackbox.port), module: 'http_2xx' },
  targetGroups: (SERVICES as readonly CdbService[]).flatMap((s) =>
    s.port !== undefined && s.healthPath !== undefined
      ? [{ targets: [`http://${target(s.host, s.port)}${s.healthPath}`], labels: { service: s.name } }]
      : [],
  ),
};

/** Every scrape job, with the targets a deployment moved (`scrape.targets` in the settings). */
export function scrapeJobs(settings: Settings): ScrapeJobModel[] {
  const moved = settings.scrape.targets as Readonly<Record<string, readonly string[] | undefined>>;
  return [...applicationJobs, ...exporterJobs, healthProbes].map((job) => {
    const targets = moved[job.job];
    return targets ? { ...job, targetGroups: [{ targets, labels: job.targetGroups[0]!.labels }] } : job;
  });
}
