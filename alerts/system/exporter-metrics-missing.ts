/**
 * CdbExporterMetricsMissing: an exporter Prometheus scrapes fine no longer exposes a series a critical alert reads,
 * so that alert cannot fire. Its own exporter being down is CdbTargetDown's; this is the quieter loss: a collector
 * that fails (postgres_exporter without the rights on pg_stat_database), cAdvisor that lost the docker socket and
 * sees no container, an exporter that stopped answering for what it watches without saying 0.
 */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at } from '../../engine/rules/derive';
import { absent, and, eq, labelReplace, or, select, type InstantVector, type SeriesSelector } from '../../engine/promql';
import type { ScenarioSeries } from '../../engine/model/alerts';
import { exporters } from '../../catalog';
import { EXPORTER_JOBS } from '../../config/services';
import { REAL_FILESYSTEMS } from '../../config/monitoring';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, exporterTargetLabels } from '../common';
import { CDB_CONTAINERS, containerLabels } from './containers';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';
import { vanished } from './vanished';
import { gauge } from './simulate';

/** A series a critical alert reads from an exporter, and the series that says the exporter can see what it watches. */
interface WatchedSeries {
  readonly metric: { readonly name: string };
  readonly exporter: keyof typeof EXPORTER_JOBS;
  /** The series, on the exporter's job, whose absence blinds the readers. */
  readonly selector: SeriesSelector<string>;
  /** 1 while the exporter is scraped and reaches what it watches: only then must the series be there. */
  readonly reachable: SeriesSelector<string>;
  /** The critical alerts that read the series. */
  readonly readers: readonly string[];
  /** A series as the exporter exposes it, for the scenarios. */
  readonly sample: (values: string) => ScenarioSeries;
  /** The `reachable` series at 1, for the scenarios. */
  readonly reachableSample: (values: string) => ScenarioSeries;
}

export function cdbExporterMetricsMissing(settings: Settings): AlertModel {
  const { for: pending } = settings.thresholds.CdbExporterMetricsMissing;
  const job = (e: keyof typeof EXPORTER_JOBS) => EXPORTER_JOBS[e].job;
  const scraped = (e: keyof typeof EXPORTER_JOBS) => ({
    reachable: select(exporters.up, { job: job(e) }),
    reachableSample: (values: string) => series(select(exporters.up, exporterTargetLabels(e)), values),
  });
  const redisReachable = {
    reachable: select(exporters.redisUp, { job: job('redis') }),
    reachableSample: (values: string) => series(select(exporters.redisUp, exporterTargetLabels('redis')), values),
  };
  const postgresReachable = {
    reachable: select(exporters.pgUp, { job: job('postgres') }),
    reachableSample: (values: string) => series(select(exporters.pgUp, exporterTargetLabels('postgres')), values),
  };
  const postgres = { ...exporterTargetLabels('postgres'), server: 'cdb_postgres:5432' };
  const core = containerLabels('cdb_core');
  const root = { ...exporterTargetLabels('node'), device: '/dev/nvme0n1p2', fstype: 'ext4', mountpoint: '/' };

  const WATCHED: readonly WatchedSeries[] = [
    {
      metric: exporters.redisUp,
      exporter: 'redis',
      selector: select(exporters.redisUp, { job: job('redis') }),
      ...scraped('redis'),
      readers: ['CdbRedisDown', 'CdbRedisPubSubChannelsGone'],
      sample: (v) => series(select(exporters.redisUp, exporterTargetLabels('redis')), v),
    },
    {
      metric: exporters.redisPubsubChannels,
      exporter: 'redis',
      selector: select(exporters.redisPubsubChannels, { job: job('redis') }),
      ...redisReachable,
      readers: ['CdbRedisPubSubChannelsGone'],
      sample: (v) => series(select(exporters.redisPubsubChannels, exporterTargetLabels('redis')), v),
    },
    {
      metric: exporters.pgUp,
      exporter: 'postgres',
      selector: select(exporters.pgUp, { job: job('postgres') }),
      ...scraped('postgres'),
      readers: ['CdbPostgresDown'],
      sample: (v) => series(select(exporters.pgUp, exporterTargetLabels('postgres')), v),
    },
    {
      metric: exporters.pgStatDatabaseNumbackends,
      exporter: 'postgres',
      selector: select(exporters.pgStatDatabaseNumbackends, { job: job('postgres') }),
      ...postgresReachable,
      readers: ['CdbPostgresNearMaxConnections'],
      sample: (v) => series(select(exporters.pgStatDatabaseNumbackends, { ...postgres, datid: '16384', datname: 'cdb' }), v),
    },
    {
      metric: exporters.pgSettingsMaxConnections,
      exporter: 'postgres',
      selector: select(exporters.pgSettingsMaxConnections, { job: job('postgres') }),
      ...postgresReachable,
      readers: ['CdbPostgresNearMaxConnections'],
      sample: (v) => series(select(exporters.pgSettingsMaxConnections, postgres), v),
    },
    {
      metric: exporters.containerMemoryWorkingSetBytes,
      exporter: 'cadvisor',
      selector: select(exporters.containerMemoryWorkingSetBytes, { job: job('cadvisor'), ...CDB_CONTAINERS }),
      ...scraped('cadvisor'),
      readers: ['CdbContainerMemoryNearLimit'],
      sample: (v) => series(select(exporters.containerMemoryWorkingSetBytes, core), v),
    },
    {
      metric: exporters.containerSpecMemoryLimitBytes,
      exporter: 'cadvisor',
      selector: select(exporters.containerSpecMemoryLimitBytes, { job: job('cadvisor'), ...CDB_CONTAINERS }),
      ...scraped('cadvisor'),
      readers: ['CdbContainerMemoryNearLimit'],
      sample: (v) => series(select(exporters.containerSpecMemoryLimitBytes, core), v),
    },
    {
      metric: exporters.nodeFilesystemAvailBytes,
      exporter: 'node',
      selector: select(exporters.nodeFilesystemAvailBytes, { job: job('node'), ...REAL_FILESYSTEMS }),
      ...scraped('node'),
      readers: ['CdbDiskNearlyFull'],
      sample: (v) => series(select(exporters.nodeFilesystemAvailBytes, root), v),
    },
    {
      metric: exporters.nodeFilesystemSizeBytes,
      exporter: 'node',
      selector: select(exporters.nodeFilesystemSizeBytes, { job: job('node'), ...REAL_FILESYSTEMS }),
      ...scraped('node'),
      readers: ['CdbDiskNearlyFull'],
      sample: (v) => series(select(exporters.nodeFilesystemSizeBytes, root), v),
    },
  ];

  /**
   * `absent(series{job})` (which returns the job's label), named by a `metric` label and by the `service` the
   * exporter watches (routing and grouping key on it), while the exporter reaches what it watches; one term per
   * watched series, joined with `or`.
   */
  const term = (w: WatchedSeries): InstantVector<string> => {
    const named = labelReplace(labelReplace(absent(w.selector) as InstantVector<'job'>, 'metric', w.metric.name, 'job', '.*'), 'service', EXPORTER_JOBS[w.exporter].watches, 'job', '.*');
    return and(named, eq(w.reachable, 1), { on: ['job'] });
  };
  const expr = WATCHED.map(term).reduce((a, b) => or(a, b));

  const description = (exporterJob: string, metric: string) =>
    `${exporterJob} is scraped and reaches what it watches, but exposes no ${metric}: the critical alerts that read it cannot fire.`;
  const firing = (w: WatchedSeries) => [
    { labels: { job: job(w.exporter), metric: w.metric.name, service: EXPORTER_JOBS[w.exporter].watches }, description: description(job(w.exporter), w.metric.name) },
  ];
  const v = vanished(pending);
  /**
   * Every watched series and its `reachable` series at 1 through minute `through`; the `lost` ones reported only
   * until minute 1; `changed` replacing the series of the same labels.
   */
  const inputs = (through: number, lost: readonly WatchedSeries[] = [], changed: readonly ScenarioSeries[] = []) => {
    const steady = gauge(through, [[0, 1]]).notation;
    const out = new Map<string, ScenarioSeries>();
    for (const w of WATCHED) for (const s of [w.reachableSample(steady), w.sample(steady)]) out.set(s.series, s);
    for (const s of [...lost.map((w) => w.sample(v.values(1))), ...changed]) out.set(s.series, s);
    return [...out.values()];
  };
  const readersList = (w: WatchedSeries) => w.readers.join(', ');
  const readersOf = (ws: readonly WatchedSeries[]) => [...new Set(ws.flatMap((w) => w.readers))];
  const names = (ws: readonly WatchedSeries[]) => ws.map((w) => w.metric.name).join(', ');
  /**
   * Lost together in one scenario each: the series needed only a scrape, and those needed the exporter's connection
   * too (their `reachable` series, redis_up or pg_up, is among the first, so the two cannot be lost at once).
   */
  const scrapeOnly = WATCHED.filter((w) => w.reachable.seriesName === exporters.up.name);
  const behindConnection = WATCHED.filter((w) => w.reachable.seriesName !== exporters.up.name);
  const pgStat = WATCHED.find((w) => w.metric === exporters.pgStatDatabaseNumbackends)!;

  const cdbExporterMetricsMissing = alert({
    name: 'CdbExporterMetricsMissing',
    expr,
    for: pending,
    severity: 'critical',
    labels: cdbLabels('system'),
    summary: 'An exporter no longer exposes a series that critical alerts read.',
    description: description('{{ $labels.job }}', '{{ $labels.metric }}'),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'Scrape targets up by service' },
    runbook: {
      meaning: `For ${pending}, an exporter that Prometheus scrapes (and that reaches what it watches, where it says so) has exposed none of a series a critical alert reads. The \`metric\` label names the series; the alerts it blinds: ${WATCHED.map((w) => `\`${w.metric.name}\` (${job(w.exporter)}): ${readersList(w)}`).join('; ')}.`,
      impact:
        'The alerts that read the series cannot fire, whatever happens to what they watch: PostgreSQL running out of connections, a container at its memory limit, a full disk or a Redis without subscribers would pass unnoticed for the rest of the block.',
      diagnose: [
        'Fetch the exporter the way Prometheus does and look for the series: `docker exec cdb_prometheus wget -qO- http://<exporter>/metrics | grep <metric>`.',
        'postgres_exporter: its log names the failing collector query (`docker logs --tail 100 cdb_postgres_exporter`); a role without `pg_monitor` reads no pg_stat_database.',
        'cAdvisor: without the docker socket or /var/lib/docker it reports the host cgroups only, no `name` label of a CdB container (`docker logs cdb_cadvisor`).',
        'node_exporter: a filesystem it no longer sees (unmounted, or the host root not mounted into the exporter at /host) has no node_filesystem series.',
        'redis_exporter: a wrong address or password makes it report `redis_up` 0; no `redis_up` at all is an exporter that failed before asking.',
      ],
      mitigate: [
        'Restore the exporter\'s access (role rights, mounts, socket, address) and restart it; the series return at the next scrape.',
        'Until then, watch what the blinded alerts watch by hand (the system dashboard\'s PostgreSQL, memory, disk and Redis panels) and record the blind window in the block log.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario(`${names(scrapeOnly)} no longer exposed by their scraped exporters after minute ${v.lastSample} fire at minute ${v.fires}: absent from minute ${v.gone}, then its ${pending} for`, {
        input: inputs(v.fires, scrapeOnly),
        at: at(v.fires),
        fires: scrapeOnly.flatMap(firing),
        proves: ['firing-minute', 'evidence-loss'],
        guards: readersOf(scrapeOnly),
      }),
      scenario(`the same losses stay quiet one minute earlier, at minute ${v.before}`, {
        input: inputs(v.fires, scrapeOnly),
        at: at(v.before),
        fires: 'quiet',
        proves: ['pending'],
      }),
      scenario(`${names(behindConnection)} no longer exposed while Redis and PostgreSQL are reachable fire at minute ${v.fires}`, {
        input: inputs(v.fires, behindConnection),
        at: at(v.fires),
        fires: behindConnection.flatMap(firing),
        proves: ['firing-minute', 'evidence-loss'],
        guards: readersOf(behindConnection),
      }),
      scenario('exporters exposing every watched series stay quiet', { input: inputs(v.fires), at: at(v.fires), fires: 'quiet' }),
      scenario(`${pgStat.metric.name} gone while PostgreSQL is unreachable stays quiet: CdbPostgresDown pages`, {
        input: inputs(v.fires, [pgStat], [pgStat.reachableSample(gauge(v.fires, [[0, 1], [v.lastSample, 0]]).notation)]),
        at: at(v.fires),
        fires: 'quiet',
      }),
    ],
  });
  return cdbExporterMetricsMissing;
}
