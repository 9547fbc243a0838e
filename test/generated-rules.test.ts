/** Properties of the generated Prometheus rule files and scrape configuration for Claire de Binare. */
import { describe, expect, it } from 'vitest';
import { resolveProject } from '../engine/resolve/resolve-project';
import { parse } from 'yaml';
import { cdbProject } from '../project';
import { LAYERS } from '../config/layers';
import { SERVICES } from '../config/services';
import { PATHS, synthesize } from '../engine/build/synthesize';
import { analyzePromql } from '../engine/promql/analyze';
import { durationSeconds } from '../engine/promql/duration';

const tree = synthesize(resolveProject(cdbProject()));
type Json = Record<string, any>;
const ruleFiles = [...tree].filter(([p]) => p.startsWith(`${PATHS.rules}/`)).map(([p, text]) => [p, parse(text) as Json] as const);
const rules = ruleFiles.flatMap(([, doc]) => doc.groups.flatMap((g: Json) => g.rules as Json[])).filter((r) => r.record);
const LEGACY_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

describe('generated rule files', () => {
  it('are one file per layer (its recording group, then its alert group) and one per SLO', () => {
    const sloFiles = cdbProject().slos.map((s) => `${PATHS.rules}/slo-${s.id}.yml`);
    expect(ruleFiles.map(([p]) => p).sort()).toEqual([...LAYERS.map((l) => `${PATHS.rules}/${l.id}.yml`), ...sloFiles].sort());
    for (const [path, doc] of ruleFiles) {
      if (path.includes('/slo-')) {
        expect(doc.groups.map((g: Json) => g.name.replace(/^slo-[a-z0-9-]+-/, '')), path).toEqual(['sli', 'period', 'alerts']);
        continue;
      }
      const kinds = doc.groups.map((g: Json) => (g.rules.every((r: Json) => r.record) ? 'recording' : g.rules.every((r: Json) => r.alert) ? 'alert' : 'mixed'));
      expect(kinds, path).toEqual(['recording', 'alert']);
    }
  });

  it('name recording rules level:metric:operations with names Prometheus 2.42 accepts', () => {
    const names = rules.map((r) => r.record as string);
    expect(names.length).toBeGreaterThanOrEqual(30);
    for (const name of names) {
      expect(name).toMatch(LEGACY_NAME);
      expect(name.split(':'), name).toHaveLength(3);
    }
    const keys = rules.map((r) => `${r.record}${JSON.stringify(r.labels ?? {})}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('parse every expression, select only catalog metrics or recorded series, and use windows of at least two scrapes', () => {
    const recorded = new Set(rules.map((r) => r.record as string));
    const scrape = durationSeconds(cdbProject().prometheus.scrapeInterval);
    for (const r of rules) {
      const a = analyzePromql(r.expr, (n) => cdbProject().catalog.labelsForSeries(n));
      expect(a.syntaxErrors, r.record).toEqual([]);
      for (const s of a.selectors) {
        expect(cdbProject().catalog.metricForSeries(s.name!) !== undefined || recorded.has(s.name!), `${r.record}: ${s.name}`).toBe(true);
        if (s.enclosingFunction === 'rate' || s.enclosingFunction === 'increase') {
          expect(durationSeconds(s.window!), `${r.record}: ${s.window}`).toBeGreaterThanOrEqual(2 * scrape);
        }
      }
    }
  });

  it('are used: every recording rule is read by a dashboard or another rule', () => {
    const project = resolveProject(cdbProject());
    const texts = [
      ...project.dashboards.flatMap(({ dashboard: d }) => d.rows.flatMap((r) => r.panels.flatMap((p) => p.queries.map((q) => q.expr)))),
      ...project.dashboards.flatMap(({ dashboard: d }) => d.variables.map((v) => v.series)),
      ...rules.map((r) => r.expr as string),
      ...project.alertGroups.flatMap((g) => g.alerts.map((a) => a.expr)),
    ];
    for (const r of rules) {
      const used = texts.some((t) => new RegExp(`(^|[^a-zA-Z0-9_:])${r.record.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-zA-Z0-9_:])`).test(t));
      expect(used, `${r.record} is never read`).toBe(true);
    }
  });
});

describe('generated prometheus.yml', () => {
  const config = parse(tree.get(`${PATHS.prometheus}/prometheus.yml`)!) as Json;
  const jobs = config.scrape_configs as Json[];

  it('scrapes every service with metrics and every exporter, each job once', () => {
    const names = jobs.map((j) => j.job_name);
    expect(new Set(names).size).toBe(names.length);
    for (const job of ['cdb_ws', 'cdb_core', 'cdb_risk', 'cdb_execution', 'cdb_db_writer', 'cdb_paper_runner', 'cdb_prometheus', 'cdb_grafana']) {
      expect(names).toContain(job);
    }
    for (const job of ['cadvisor', 'node_exporter', 'redis_exporter', 'postgres_exporter', 'blackbox_http', 'cdb_alertmanager']) expect(names).toContain(job);
  });

  it('probes the health endpoint of every service that has one, labelled with the service', () => {
    const probe = jobs.find((j) => j.job_name === 'blackbox_http')!;
    expect(probe.metrics_path).toBe('/probe');
    const probed = probe.static_configs.map((c: Json) => c.labels.service).sort();
    expect(probed).toEqual(SERVICES.filter((s) => 'healthPath' in s).map((s) => s.name).sort());
    expect(probe.relabel_configs).toContainEqual({ source_labels: ['__address__'], target_label: '__param_target' });
  });

  it('labels every target with the service it watches', () => {
    for (const j of jobs) for (const c of j.static_configs) expect(c.labels.service, j.job_name).toMatch(/^[a-z_]+$/);
  });

  it('loads the rule files and sends alerts to Alertmanager', () => {
    expect(config.rule_files).toEqual(['rules/*.yml']);
    expect(config.alerting.alertmanagers[0].static_configs[0].targets).toEqual(['cdb_alertmanager:9093']);
  });

  it('keeps secrets out: no file sets a secret-bearing field to a literal', () => {
    const literalSecret = /^\s*-?\s*(password|api_url|routing_key|service_key|credentials|bearer_token|auth_token|token|api_key|webhook_url)\s*:/im;
    for (const [path, text] of tree) expect(text, path).not.toMatch(literalSecret);
  });
});
