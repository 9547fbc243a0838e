import { describe, expect, it } from 'vitest';
import { describePath } from '../../engine/model/location';
import { catalogScrapeJobs } from '../../engine/checks/catalog/scrape-jobs';
import { defineCatalog, listedMetrics } from '../../engine/catalog/catalog';
import { metric } from '../../engine/catalog/metric';
import { findingsOf } from './run';
import { ready, requests, tinyProject } from '../fixtures/tiny-project';

const orphan = metric({ name: 'app_orphan', type: 'gauge', help: 'Exposed by a job nobody scrapes.', unit: 'count', labels: [], exposedBy: ['elsewhere'] });
const up = metric({ name: 'up', type: 'gauge', help: 'Scraped.', unit: 'boolean', labels: [], exposedBy: ['app', 'empty'], namingException: 'Prometheus writes it.' });

describe('catalog/scrape-jobs', () => {
  it('Having the tiny catalog and its one job should pass.', () => {
    expect(findingsOf(catalogScrapeJobs, tinyProject())).toEqual([]);
  });

  it('Having a metric exposed by a job prometheus.yml does not scrape should fail at the metric.', () => {
    const [f, ...rest] = findingsOf(catalogScrapeJobs, tinyProject({ catalog: defineCatalog([requests, ready, orphan]) }));
    expect(rest).toEqual([]);
    expect(describePath(f!.location)).toBe('metric "app_orphan"');
    expect(f!.message).toBe('exposedBy names job "elsewhere", which prometheus.yml does not scrape');
  });

  it('Having a scraped job whose only catalog series is up should fail at the job.', () => {
    const project = tinyProject({ catalog: defineCatalog([requests, ready, up]) });
    const jobs = [...project.prometheus.jobs, { job: 'empty', targetGroups: [{ targets: ['127.0.0.1:9'], labels: { service: 'empty' } }] }];
    const findings = findingsOf(catalogScrapeJobs, { ...project, prometheus: { ...project.prometheus, jobs } });
    expect(findings.map((f) => `${describePath(f.location)}: ${f.message}`)).toEqual([
      'scrape job "empty": the catalog declares no metric exposed by job "empty" besides the series Prometheus writes itself',
    ]);
  });
});

describe('a catalog file and its list of metrics', () => {
  it('Having every exported metric in the list should give the list.', () => {
    expect(listedMetrics({ requests, ready, NOT_A_METRIC: ['x'] }, [ready, requests], 'tinyMetrics in tiny.ts')).toEqual([ready, requests]);
  });

  it('Having an exported metric left out of the list should fail, naming the list and the metric.', () => {
    expect(() => listedMetrics({ requests, ready, orphan }, [requests, ready], 'tinyMetrics in catalog/tiny.ts')).toThrow(
      'tinyMetrics in catalog/tiny.ts leaves out orphan (app_orphan): add it to the list',
    );
  });
});
