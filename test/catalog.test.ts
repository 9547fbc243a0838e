import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog';
import { cdbMetrics } from '../catalog/cdb';
import { catalogProblems } from '../engine/catalog/catalog';
import { metric, type Metric } from '../engine/catalog/metric';
import { APPLICATION_SERVICES, EXPORTER_JOBS } from '../config/services';

const base = { help: 'A metric.', unit: 'count', labels: [], exposedBy: ['cdb_core'] } as const;

describe('the CdB catalog', () => {
  it('passes its own integrity rules', () => {
    expect(catalogProblems(catalog.metrics)).toEqual([]);
  });

  it('prefixes every CdB service metric with cdb_ and never breaks naming conventions', () => {
    for (const m of cdbMetrics) {
      expect(m.name, m.name).toMatch(/^cdb_/);
      expect(m.namingException, m.name).toBeUndefined();
    }
  });

  it('has every application service expose its health and build-info series', () => {
    for (const job of APPLICATION_SERVICES) {
      const names = catalog.metricsExposedBy(job).map((m) => m.name);
      expect(names, job).toContain('cdb_service_info');
      expect(names, job).toContain('cdb_service_healthy');
    }
  });

  it('covers each layer the design names with at least one metric', () => {
    const names = new Set(catalog.metrics.map((m) => m.name));
    for (const name of [
      'cdb_ws_connected',
      'cdb_ws_messages_received_total',
      'cdb_ws_last_message_timestamp_seconds',
      'cdb_ws_reconnects_total',
      'cdb_signals_generated_total',
      'cdb_signal_processing_duration_seconds',
      'cdb_last_signal_timestamp_seconds',
      'cdb_risk_decisions_total',
      'cdb_risk_circuit_breaker_open',
      'cdb_execution_mode',
      'cdb_paper_trades_total',
      'cdb_last_paper_trade_timestamp_seconds',
      'cdb_db_writes_total',
      'cdb_db_writer_backlog',
      'cdb_bus_messages_published_total',
      'container_cpu_usage_seconds_total',
      'node_filesystem_avail_bytes',
      'redis_up',
      'pg_up',
      'probe_success',
      'prometheus_rule_evaluation_failures_total',
      'alertmanager_notifications_failed_total',
    ]) {
      expect(names.has(name), name).toBe(true);
    }
  });

  it('declares the execution mode gauge with a closed paper|live mode label', () => {
    const mode = catalog.metricForSeries('cdb_execution_mode')!;
    expect(mode.type).toBe('gauge');
    expect(mode.labelValues).toEqual({ mode: ['paper', 'live'] });
  });

  it('resolves histogram series to their metric and adds le only to _bucket', () => {
    expect(catalog.metricForSeries('cdb_signal_processing_duration_seconds_bucket')?.name).toBe('cdb_signal_processing_duration_seconds');
    expect(catalog.labelsForSeries('cdb_signal_processing_duration_seconds_bucket')?.has('le')).toBe(true);
    expect(catalog.labelsForSeries('cdb_signal_processing_duration_seconds_count')?.has('le')).toBe(false);
    expect(catalog.labelsForSeries('cdb_signal_processing_duration_seconds')).toBeUndefined();
  });

  it('knows the exporter jobs it was told about', () => {
    expect(catalog.metricsExposedBy(EXPORTER_JOBS.redis.job).map((m) => m.name)).toContain('redis_up');
  });
});

describe('catalog integrity rules', () => {
  const cases: Array<[string, Metric[], RegExp]> = [
    ['A counter without _total should fail.', [metric({ ...base, name: 'cdb_x', type: 'counter' })], /counter names end in _total/],
    ['A gauge ending in _total should fail.', [metric({ ...base, name: 'cdb_x_total', type: 'gauge' })], /only counters end in _total/],
    ['A gauge in seconds without _seconds should fail.', [metric({ ...base, name: 'cdb_age', type: 'gauge', unit: 'seconds' })], /ends in _seconds/],
    ['A metric in bytes without _bytes should fail.', [metric({ ...base, name: 'cdb_size', type: 'gauge', unit: 'bytes' })], /ends in _bytes/],
    ['A histogram without buckets should fail.', [metric({ ...base, name: 'cdb_d_seconds', type: 'histogram', unit: 'seconds' })], /needs buckets/],
    [
      'Descending buckets should fail.',
      [metric({ ...base, name: 'cdb_d_seconds', type: 'histogram', unit: 'seconds', buckets: [1, 0.5] })],
      /strictly ascending/,
    ],
    ['A label named like a target label should fail.', [metric({ ...base, name: 'cdb_g', type: 'gauge', labels: ['job'] })], /set by the scrape config/],
    ['A reserved le label should fail.', [metric({ ...base, name: 'cdb_g', type: 'gauge', labels: ['le'] })], /reserved/],
    [
      'The same series twice should fail.',
      [metric({ ...base, name: 'cdb_h', type: 'histogram', unit: 'count', buckets: [1] }), metric({ ...base, name: 'cdb_h_count', type: 'gauge' })],
      /already exposed/,
    ],
    [
      'Enumerated values of an undeclared label should fail.',
      [metric({ ...base, name: 'cdb_g', type: 'gauge', labels: ['a'], labelValues: { b: ['x'] } as never })],
      /not one of its labels/,
    ],
    ['An empty naming exception reason should fail.', [metric({ ...base, name: 'x', type: 'counter', namingException: ' ' })], /needs a reason/],
    ['A metric exposed by no job should fail.', [metric({ ...base, name: 'cdb_g', type: 'gauge', exposedBy: [] })], /names no scrape job/],
    [
      'Undeclared buckets without a reason should fail.',
      [metric({ ...base, name: 'http_request_duration_seconds', type: 'histogram', unit: 'seconds', bucketsUndeclared: ' ' })],
      /bucketsUndeclared needs a reason/,
    ],
    [
      'Buckets both declared and undeclared should fail.',
      [metric({ ...base, name: 'http_request_duration_seconds', type: 'histogram', unit: 'seconds', buckets: [1], bucketsUndeclared: 'set by the framework' })],
      /keep one/,
    ],
    ['Undeclared buckets on a gauge should fail.', [metric({ ...base, name: 'cdb_g', type: 'gauge', bucketsUndeclared: 'x' })], /only histograms/],
  ];
  it.each(cases)('%s', (_, metrics, problem) => {
    expect(catalogProblems(metrics).join('\n')).toMatch(problem);
  });

  it('Having a third-party histogram whose buckets are configured elsewhere should pass, with the reason and without a cdb_ prefix.', () => {
    const http = metric({ ...base, name: 'http_request_duration_seconds', type: 'histogram', unit: 'seconds', labels: ['code'], bucketsUndeclared: 'set by the web framework', exposedBy: ['gateway'] });
    expect(catalogProblems([http])).toEqual([]);
  });

  it('Having a documented naming exception should pass the suffix rules.', () => {
    expect(catalogProblems([metric({ ...base, name: 'pg_x', type: 'counter', namingException: 'real exporter name' })])).toEqual([]);
  });
});
