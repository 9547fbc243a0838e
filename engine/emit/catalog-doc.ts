/** docs/metric-catalog.md: the instrumentation contract, one table per scrape job, for the services' teams. */
import type { Catalog } from '../catalog/catalog';
import { TARGET_LABELS, type Metric } from '../catalog/metric';
import { generatedNote } from './generated-header';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function labelsCell(m: Metric): string {
  if (m.labels.length === 0) return '';
  return m.labels
    .map((l) => {
      const values = (m.labelValues as Record<string, readonly string[] | undefined> | undefined)?.[l];
      return values ? `\`${l}\` (${values.join(', ')})` : `\`${l}\``;
    })
    .join(', ');
}

/** Markdown text of the catalog. */
export function emitMetricCatalogDoc(catalog: Catalog, sources: readonly string[]): string {
  const jobs = [...new Set(catalog.metrics.flatMap((m) => m.exposedBy))].sort();
  const lines = [
    `<!-- ${generatedNote(sources)} -->`,
    '',
    '# Metric catalog',
    '',
    `${catalog.metrics.length} metrics. Every scraped series also carries the target labels ${TARGET_LABELS.map((l) => `\`${l}\``).join(', ')}.`,
    'Histograms expose `_bucket` (with `le`), `_sum` and `_count` series.',
    '',
  ];
  for (const job of jobs) {
    lines.push(`## ${job}`, '', '| metric | type | unit | labels | help |', '|---|---|---|---|---|');
    for (const m of catalog.metricsExposedBy(job)) {
      const buckets = m.buckets ? ` Buckets: ${m.buckets.join(', ')}.` : m.bucketsUndeclared ? ` Buckets not declared: ${m.bucketsUndeclared}` : '';
      lines.push(`| \`${m.name}\` | ${m.type} | ${m.unit} | ${cell(labelsCell(m))} | ${cell(m.help + buckets)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
