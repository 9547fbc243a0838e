import { PROMETHEUS_SCRAPE_SERIES } from '../../catalog/metric';
import { locate, within } from '../../model/location';
import { finding, type Check, type Finding } from '../check';

/**
 * The catalog and the scrape configuration describe the same jobs: a metric exposed by a job Prometheus does not
 * scrape is never stored, and a scraped job with no metric in the catalog is one nothing can select.
 */
export const catalogScrapeJobs: Check = {
  id: 'catalog/scrape-jobs',
  severity: 'error',
  description: 'Catalog metrics exposed by a job prometheus.yml does not scrape, and scrape jobs the catalog declares no metric for.',
  run(ctx) {
    const out: Finding[] = [];
    const scraped = new Set(ctx.prometheus.jobs.map((j) => j.job));
    const catalogFile = locate(ctx.fileOf(ctx.sources.catalog));
    for (const m of ctx.catalog.metrics) {
      for (const job of m.exposedBy) {
        if (scraped.has(job)) continue;
        out.push(
          finding(
            catalogScrapeJobs,
            within(catalogFile, ['metric', m.name]),
            `exposedBy names job "${job}", which prometheus.yml does not scrape`,
            `Use one of the scrape jobs (${[...scraped].sort().join(', ')}), or add a scrape job for it.`,
          ),
        );
      }
    }
    for (const job of ctx.prometheus.jobs) {
      const own = ctx.catalog.metricsExposedBy(job.job).filter((m) => !PROMETHEUS_SCRAPE_SERIES.has(m.name));
      if (own.length > 0) continue;
      out.push(
        finding(
          catalogScrapeJobs,
          within(ctx.configLocation, ['scrape job', job.job]),
          `the catalog declares no metric exposed by job "${job.job}" besides the series Prometheus writes itself`,
          'Declare what the job exposes in the catalog (with exposedBy naming the job), or remove the scrape job.',
        ),
      );
    }
    return out;
  },
};
