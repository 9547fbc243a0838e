import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog';
import { createServiceRegistry } from '../engine/catalog/prom-client-registry';
import { PROMETHEUS_SCRAPE_SERIES } from '../engine/catalog/metric';
import { executionMode, signalProcessingDuration, signalsGenerated, paperTrades } from '../catalog/cdb';
import { APPLICATION_SERVICES } from '../config/services';

/** `# TYPE name type` lines of an exposition. */
function declaredTypes(exposition: string): Map<string, string> {
  return new Map([...exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
}

describe('the prom-client registry factory', () => {
  it.each(APPLICATION_SERVICES)('creates exactly the catalog metrics of %s, with their types', async (job) => {
    const { registry } = createServiceRegistry(catalog, job);
    const types = declaredTypes(await registry.metrics());
    const own = catalog.metricsExposedBy(job).filter((m) => !PROMETHEUS_SCRAPE_SERIES.has(m.name));
    expect(types).toEqual(new Map(own.map((m) => [m.name, m.type === 'info' ? 'gauge' : m.type])));
  });

  it('leaves out the series Prometheus writes itself, which an exposed `up 0` would collide with', async () => {
    const text = await createServiceRegistry(catalog, 'cdb_core').registry.metrics();
    expect(text).not.toMatch(/^(up|scrape_\w+) /m);
  });

  it('exposes observations with the declared labels and buckets', async () => {
    const core = createServiceRegistry(catalog, 'cdb_core');
    core.instrument(signalsGenerated).inc({ strategy: 'momentum', side: 'buy' }, 2);
    core.instrument(signalProcessingDuration).observe({ strategy: 'momentum' }, 0.02);
    const text = await core.registry.metrics();
    expect(text).toContain('cdb_signals_generated_total{strategy="momentum",side="buy"} 2');
    const bounds = [...text.matchAll(/cdb_signal_processing_duration_seconds_bucket\{le="([^"]+)"/g)].map((m) => m[1]);
    expect(bounds).toEqual([...signalProcessingDuration.buckets!.map(String), '+Inf']);
  });

  it('refuses a metric the service does not expose', () => {
    const core = createServiceRegistry(catalog, 'cdb_core');
    expect(() => core.instrument(paperTrades)).toThrow('metric cdb_paper_trades_total is not exposed by job "cdb_core" according to the catalog');
  });

  it('refuses a job with no catalog metrics', () => {
    expect(() => createServiceRegistry(catalog, 'nobody')).toThrow('no catalog metric is exposed by job "nobody"');
  });

  it('gives each call a fresh registry', async () => {
    const a = createServiceRegistry(catalog, 'cdb_execution');
    const b = createServiceRegistry(catalog, 'cdb_execution');
    a.instrument(executionMode).set({ mode: 'live' }, 1);
    expect(await b.registry.metrics()).not.toContain('mode="live"');
  });
});
