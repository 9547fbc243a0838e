/**
 * One size of the scaling benchmark, in a process of its own so that its peak memory is its own: defines a
 * synthetic system of N services, builds it (static checks, synthesis, write; no promtool) into a temporary
 * directory, and prints the timings and peak memory as JSON.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildProject } from '../engine/build/build';
import { syntheticProject } from './synthetic-project';

const services = Number(process.argv[2]);
const scratch = mkdtempSync(join(tmpdir(), 'cdb-bench-scaling-'));
try {
  const started = performance.now();
  const project = syntheticProject(services, resolve(import.meta.dirname, '..'));
  const defined = performance.now();
  const summary = await buildProject(project, { outDir: join(scratch, 'out'), externalChecks: 'skip' });
  const built = performance.now();
  process.stdout.write(
    JSON.stringify({
      services,
      defineMs: defined - started,
      buildMs: built - defined,
      maxRssKiB: process.resourceUsage().maxRSS,
      files: summary.files,
      dashboards: summary.dashboards,
      panels: summary.panels,
      recordingRules: summary.recordingRules,
      alertRules: summary.alertRules,
      scenarios: summary.scenarios,
      catalogMetrics: summary.catalogMetrics,
      findings: summary.findings.length,
    }),
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
