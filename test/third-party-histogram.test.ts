/**
 * A histogram whose buckets are configured where it runs (a web framework's request duration): declared without
 * buckets, with the reason, its `_count` series serves a request-based SLO, while a latency SLO on it is refused
 * and conformance checks no bucket layout.
 */
import { describe, expect, it } from 'vitest';
import { defineCatalog } from '../engine/catalog/catalog';
import { metric } from '../engine/catalog/metric';
import { compareExposition } from '../engine/conformance/compare';
import { parseExposition } from '../engine/conformance/parse-exposition';
import { observationCount } from '../engine/promql';
import { sloSchema } from '../engine/slo/model';

const http = metric({
  name: 'http_request_duration_seconds',
  type: 'histogram',
  help: 'Request duration.',
  unit: 'seconds',
  labels: ['code'],
  bucketsUndeclared: 'set by the gateway framework, per deployment',
  exposedBy: ['gateway'],
});
const spec = (sli: unknown) => ({
  id: 'gateway-availability',
  layer: 'system',
  service: 'gateway',
  name: 'Gateway availability',
  description: 'Requests answered without a 5xx.',
  reasoning: 'The gateway fronts the bot.',
  objective: 99.5,
  period: '28d',
  sli,
  scenarioInput: () => [],
  source: 'slos/gateway.ts',
});

describe('a third-party histogram without declared buckets', () => {
  it('serves a ratio SLO through its _count series', () => {
    const result = sloSchema.safeParse(spec({ kind: 'ratio', errors: observationCount(http, { code: '5xx' }), total: observationCount(http) }));
    expect(result.success).toBe(true);
    expect(String(observationCount(http, { code: '5xx' }))).toBe('http_request_duration_seconds_count{code="5xx"}');
  });

  it('is refused for a latency SLO, which needs its bucket bounds', () => {
    const result = sloSchema.safeParse(spec({ kind: 'latency', histogram: http, threshold: 0.5 }));
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message)).toEqual([
      'http_request_duration_seconds declares no buckets (set by the gateway framework, per deployment): a latency SLO counts the bucket at its threshold, so declare the buckets it has',
    ]);
  });

  it('conforms with whatever buckets the target exposes', () => {
    const text = [
      '# TYPE http_request_duration_seconds histogram',
      'http_request_duration_seconds_bucket{code="200",le="0.3"} 4',
      'http_request_duration_seconds_bucket{code="200",le="+Inf"} 5',
      'http_request_duration_seconds_sum{code="200"} 1.2',
      'http_request_duration_seconds_count{code="200"} 5',
      '',
    ].join('\n');
    expect(compareExposition(defineCatalog([http]), 'gateway', parseExposition(text)).findings).toEqual([]);
  });
});
