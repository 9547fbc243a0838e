/**
 * The series of the real exporters (node, Redis, PostgreSQL, blackbox, Prometheus, Alertmanager) for the backfill,
 * taken from two scrapes of the live stack a few seconds apart: each catalog series with its real labels, its
 * value, and its rate of increase for counters. Replayed over 72 hours, gauges hold their value and counters grow
 * at their measured rate. Every target also gets the series Prometheus writes itself (`up`, `scrape_*`).
 */
import { catalog } from '../../catalog';
import { parseExposition } from '../../engine/conformance/parse-exposition';
import { sleep } from '../../engine/live/processes';
import type { LiveStack } from '../../live/stack';
import { SIMULATED_JOBS } from '../../simulator/traffic-model';
import type { Labels } from '../../simulator/metric-sink';
import type { StoredSeries } from './series-store';

export interface SeriesTemplate {
  readonly family: string;
  readonly type: StoredSeries['type'];
  readonly name: string;
  readonly labels: Labels;
  readonly value: number;
  /** Increase per second (0 for gauges). */
  readonly rate: number;
}

const SCRAPE_SERIES: Readonly<Record<string, number>> = {
  up: 1,
  scrape_duration_seconds: 0.012,
  scrape_samples_scraped: 150,
  scrape_samples_post_metric_relabeling: 150,
  scrape_series_added: 0,
};

/** Replaces local addresses in `value` with the compose addresses they stand for. */
function composeAddress(value: string, local: ReadonlyMap<string, string>): string {
  let out = value;
  for (const [localAddress, compose] of local) out = out.split(localAddress).join(compose);
  return out;
}

async function scrape(url: string): Promise<ReturnType<typeof parseExposition>> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return parseExposition(await response.text(), 'prometheus');
}

export async function captureExporterTemplates(stack: LiveStack): Promise<SeriesTemplate[]> {
  const local = new Map([...stack.addresses].map(([compose, address]) => [address, compose]));
  const simulated = new Set<string>(SIMULATED_JOBS);
  const templates: SeriesTemplate[] = [];
  const targets = await stack.prometheus.targets();
  const labelsOf = (target: (typeof targets)[number]) => ({
    job: target.labels.job!,
    instance: composeAddress(target.labels.instance!, local),
    service: target.labels.service!,
  });
  for (const target of targets) {
    for (const [name, value] of Object.entries(SCRAPE_SERIES)) {
      templates.push({ family: name, type: 'gauge', name, labels: labelsOf(target), value, rate: 0 });
    }
  }
  // Every real target is scraped twice, all at once, a few seconds apart.
  const real = targets.filter((t) => !simulated.has(t.labels.job!));
  const firstAt = Date.now();
  const first = await Promise.all(real.map((t) => scrape(t.scrapeUrl)));
  await sleep(3000);
  const second = await Promise.all(real.map((t) => scrape(t.scrapeUrl)));
  const seconds = (Date.now() - firstAt) / 1000;
  real.forEach((target, i) => {
    const job = target.labels.job!;
    const before = new Map(first[i]!.families.flatMap((f) => f.samples.map((s) => [`${s.name}${JSON.stringify(s.labels)}`, s.value] as const)));
    for (const family of second[i]!.families) {
      for (const sample of family.samples) {
        const metric = catalog.metricForSeries(sample.name);
        if (!metric || !metric.exposedBy.includes(job)) continue;
        const cumulative = metric.type === 'counter' || (metric.type !== 'gauge' && metric.type !== 'info' && !sample.labels.quantile);
        const previous = before.get(`${sample.name}${JSON.stringify(sample.labels)}`) ?? sample.value;
        templates.push({
          family: metric.name,
          type: metric.type,
          name: sample.name,
          labels: { ...sample.labels, ...labelsOf(target) },
          value: sample.value,
          rate: cumulative ? Math.max(0, (sample.value - previous) / seconds) : 0,
        });
      }
    }
  });
  return templates;
}
