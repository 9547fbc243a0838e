/** Reporters of a conformance check: console text grouped by metric, and JSON for machines. */
import { failing, type ConformanceFinding, type ConformanceResult, type ConformanceSeverity } from './finding';

/** Where the exposition came from and what fails the check, for both reports. */
export interface ReportContext {
  /** The URL scraped or the file read. */
  readonly source: string;
  /** @default 'error' */
  readonly failOn?: ConformanceSeverity;
}

const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

function counts(findings: readonly ConformanceFinding[]) {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { errors, warnings: findings.length - errors };
}

/** Whether the target passes: no finding at or above `failOn`. */
export function conforms(result: ConformanceResult, failOn: ConformanceSeverity = 'error'): boolean {
  return failing(result.findings, failOn).length === 0;
}

/**
 * The report for people: a header saying what was compared, then one block per metric with one line per finding
 * (severity, kind, what is wrong, what the catalog expects), then a verdict.
 */
export function renderText(result: ConformanceResult, context: ReportContext): string {
  const lines = [
    `Conformance of ${result.job} with the metric catalog`,
    `source: ${context.source} (${plural(result.exposedFamilies, 'metric family', 'metric families')}, ${plural(result.exposedSamples, 'series', 'series')}); the catalog expects ${plural(result.expectedMetrics, 'metric')}`,
  ];
  const byMetric = new Map<string, ConformanceFinding[]>();
  for (const f of result.findings) byMetric.set(f.metric, [...(byMetric.get(f.metric) ?? []), f]);
  const kindWidth = Math.max(0, ...result.findings.map((f) => f.kind.length));
  for (const [metric, findings] of byMetric) {
    lines.push('', metric);
    for (const f of findings) lines.push(`  ${f.severity.padEnd(7)} ${`${f.kind}:`.padEnd(kindWidth + 1)} ${f.message}; expected: ${f.expected}`);
  }
  const { errors, warnings } = counts(result.findings);
  const tally = [plural(errors, 'error'), plural(warnings, 'warning')].join(', ');
  lines.push(
    '',
    conforms(result, context.failOn)
      ? `OK: ${result.job} conforms to the catalog${result.findings.length > 0 ? ` (${tally})` : ''}.`
      : `FAILED: ${tally} in ${plural(byMetric.size, 'metric')}.`,
  );
  return `${lines.join('\n')}\n`;
}

/** The same as one JSON document: verdict, counts and every finding. */
export function renderJson(result: ConformanceResult, context: ReportContext): string {
  const failOn = context.failOn ?? 'error';
  const report = {
    job: result.job,
    source: context.source,
    ok: conforms(result, failOn),
    failOn,
    ...counts(result.findings),
    expectedMetrics: result.expectedMetrics,
    exposedFamilies: result.exposedFamilies,
    exposedSamples: result.exposedSamples,
    findings: result.findings,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
