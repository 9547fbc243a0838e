/** CdbScrapeTargetVanished: a target that prometheus.yml expects has no `up` series at all. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at, firesAt } from '../../engine/rules/derive';
import { absent, or, select, type InstantVector } from '../../engine/promql';
import { exporters } from '../../catalog';
import { scrapeJobs } from '../../config/scrape-jobs';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';
import { firstHolding, gauge, latest, LOOKBACK_MINUTES } from './simulate';

export function cdbScrapeTargetVanished(settings: Settings): AlertModel {
  const { for: pending } = settings.thresholds.CdbScrapeTargetVanished;
  /**
   * Every target group of the generated prometheus.yml, by job and the `service` label it gives its targets: one per
   * job, and one per probed service for blackbox_http (a single health probe can vanish while the others stay).
   */
  const EXPECTED = scrapeJobs(settings).flatMap((j) =>
    j.targetGroups.map((g) => ({ job: j.job, service: g.labels.service!, instances: g.targets })),
  );

  /**
   * `absent(up{job, service})` for each expected target group, joined with `or`. absent() returns the equality
   * matchers as labels, so a vanished group fires with its `job` and `service`.
   */
  const expr = EXPECTED.map((t): InstantVector<string> => absent(select(exporters.up, { job: t.job, service: t.service }))).reduce(
    (a, b) => or(a, b),
  );


  type Expected = (typeof EXPECTED)[number];
  const upSeries = (t: Expected, values: string) =>
    t.instances.map((instance) => series(select(exporters.up, { job: t.job, instance, service: t.service }), values));
  const description = (job: string, service: string) =>
    `Prometheus has no up series for job ${job} of ${service}: the target is no longer scraped, so nothing about it is watched.`;
  const firing = (job: string, service: string) => [{ labels: { job, service }, description: description(job, service) }];
  const isCore = (t: Expected) => t.job === 'cdb_core';
  const isWsProbe = (t: Expected) => t.job === 'blackbox_http' && t.service === 'cdb_ws';

  /** A target group missing from the start is absent at once, and fires `for` later. */
  const missingFires = firesAt(0, pending);
  /**
   * A target whose last sample is at minute `lastSample`: absent() holds once the lookback no longer reaches it,
   * and the alert fires `for` later.
   */
  const lastSample = 1;
  const stopped = gauge(lastSample, [[0, 1]]);
  const gone = firstHolding((t) => latest(stopped, t) === undefined, 0, lastSample + LOOKBACK_MINUTES + 1)!;
  const stoppedFires = firesAt(gone, pending);
  /** Every expected target group but the skipped ones, reporting through minute `through`. */
  const allBut = (skip: (t: Expected) => boolean, through: number) =>
    EXPECTED.filter((t) => !skip(t)).flatMap((t) => upSeries(t, gauge(through, [[0, 1]]).notation));

  const cdbScrapeTargetVanished = alert({
    name: 'CdbScrapeTargetVanished',
    expr,
    for: pending,
    severity: 'warning',
    labels: cdbLabels('system'),
    summary: 'A configured scrape target has vanished from Prometheus.',
    description: description('{{ $labels.job }}', '{{ $labels.service }}'),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'Scrape targets up by service' },
    runbook: {
      meaning: `The generated prometheus.yml (config/scrape-jobs.ts) has a target group for this job and service, but Prometheus has had no \`up\` series for it for ${pending} (after the 5-minute lookback). Prometheus runs a configuration without it (a failed or skipped reload, a hand-edited or stale prometheus.yml mounted instead of generated/prometheus), or relabeling drops the target. Unlike a down target there is no \`up == 0\` to alert on: without this alert the service silently becomes unwatched.`,
      impact:
        'Every alert about the service is blind from then on: CdbTargetDown cannot fire for a target that does not exist, and the rest of the block has a hole in its metrics. A vanished cdb_core or cdb_execution job still ends in a Zero-Activity Incident 24 hours later, because those alerts count a vanished metric as no activity.',
      diagnose: [
        'Prometheus → Status → Targets and Status → Configuration: is the job (and, for blackbox_http, the probe of the service) there?',
        'Compare `count by (job, service) (up)` with the jobs of generated/prometheus/prometheus.yml.',
        'Check the last reload: `prometheus_config_last_reload_successful` and `prometheus_config_last_reload_success_timestamp_seconds` (CdbPrometheusConfigReloadFailed fires when it failed).',
        'Check what the container really loaded: `docker exec cdb_prometheus grep -n job_name /etc/prometheus/prometheus.yml` against the committed generated/prometheus/prometheus.yml.',
        '`prometheus_sd_discovered_targets{name="scrape", config="<job>"}` at 0 means the job exists but discovers no target.',
      ],
      mitigate: [
        'Rebuild with `npm run build:observability`, make sure generated/prometheus is what the container mounts, and reload Prometheus (`docker restart cdb_prometheus` if the lifecycle API is not enabled).',
        'If the reload fails, fix the configuration error it reports first (see CdbPrometheusConfigReloadFailed).',
        'If the job was removed on purpose, remove it from config/scrape-jobs.ts too: this alert expects exactly the jobs generated from there.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario('all configured targets present stays quiet', { input: allBut(() => false, stoppedFires), at: at(stoppedFires), fires: 'quiet' }),
      scenario(`the cdb_core job missing from the start fires with its job and service at minute ${missingFires}, after its ${pending} for`, {
        input: allBut(isCore, missingFires),
        at: at(missingFires),
        fires: firing('cdb_core', 'cdb_core'),
        proves: ['firing-minute'],
      }),
      scenario('one health probe missing fires for that probe only', {
        input: allBut(isWsProbe, missingFires),
        at: at(missingFires),
        fires: firing('blackbox_http', 'cdb_ws'),
      }),
      scenario(`a target whose last sample is at minute ${lastSample} stays quiet at minute ${stoppedFires - 1}, within the ${LOOKBACK_MINUTES}-minute lookback and its ${pending} for`, {
        input: [...allBut(isCore, stoppedFires), ...upSeries(EXPECTED.find(isCore)!, stopped.notation)],
        at: at(stoppedFires - 1),
        fires: 'quiet',
        proves: ['pending'],
      }),
      scenario(`a target whose last sample is at minute ${lastSample} is absent from minute ${gone} and fires at minute ${stoppedFires}`, {
        input: [...allBut(isCore, stoppedFires), ...upSeries(EXPECTED.find(isCore)!, stopped.notation)],
        at: at(stoppedFires),
        fires: firing('cdb_core', 'cdb_core'),
        // Without an up series, CdbTargetDown and CdbTargetFlapping have nothing to compare: this alert tells instead.
        proves: ['firing-minute', 'evidence-loss'],
        guards: ['CdbTargetDown', 'CdbTargetFlapping'],
      }),
    ],
  });
  return cdbScrapeTargetVanished;
}
