/** The synthetic systems of the scaling benchmark: valid projects whose size follows the service count. */
import { describe, expect, it } from 'vitest';
import { resolveProject } from '../engine/resolve/resolve-project';
import { resolve } from 'node:path';
import { syntheticProject } from '../bench/synthetic-project';
import { runChecks } from '../engine/checks/run-checks';
import { synthesize } from '../engine/build/synthesize';

const ROOT = resolve(import.meta.dirname, '..');

function counts(services: number) {
  const project = syntheticProject(services, ROOT);
  const rules = resolveProject(project).ruleGroups.flatMap((g) => g.rules);
  return {
    metrics: project.catalog.metrics.length,
    dashboards: project.dashboards.length,
    recordingRules: rules.filter((r) => r.kind === 'recording').length,
    alertRules: rules.filter((r) => r.kind === 'alert').length,
    slos: project.slos.length,
    files: synthesize(resolveProject(project)).size,
  };
}

describe('a synthetic system', () => {
  it('of 10 services passes every static check without a finding it does not silence with a reason', () => {
    const findings = runChecks(resolveProject(syntheticProject(10, ROOT)));
    expect(findings.filter((f) => f.silencedBecause === undefined)).toEqual([]);
    // What it silences is only the fixture's pinning of alert behaviour, which the CdB definitions carry.
    expect(new Set(findings.map((f) => f.checkId))).toEqual(new Set(['alerts/scenario-classes', 'alerts/evidence-loss']));
  });

  it('of 10 services synthesises dashboards, rule files and test files for every service', () => {
    const tree = synthesize(resolveProject(syntheticProject(10, ROOT)));
    expect(tree.has('grafana/provisioning/dashboards/synthetic-services/svc0010.json')).toBe(true);
    expect(tree.has('prometheus/rules/svc0010.yml')).toBe(true);
    expect(tree.has('prometheus/tests/svc0010.test.yml')).toBe(true);
    expect(tree.get('prometheus/rules/svc0001.yml')).toContain('strategy:svc0001_signal_errors:ratio_rate5m');
  });

  it('grows by the same amount for every service added', () => {
    const [one, two, five] = [counts(1), counts(2), counts(5)];
    for (const key of Object.keys(one) as Array<keyof typeof one>) {
      const perService = two[key] - one[key];
      expect(perService, key).toBeGreaterThan(0);
      expect(five[key] - one[key], key).toBe(4 * perService);
    }
  });
});
