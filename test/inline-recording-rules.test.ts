/** Rewriting queries from recording rules to the raw series they are computed from (the benchmark's baseline). */
import { describe, expect, it } from 'vitest';
import { inlineRecordingRules, type InlinableRule } from '../engine/promql/inline-recording-rules';

const labels: Record<string, string[]> = {
  http_requests_total: ['job', 'instance', 'code', 'path'],
  errors_total: ['job', 'instance', 'path'],
};
const seriesLabels = (name: string) => (labels[name] ? new Set(labels[name]) : undefined);

const rules: InlinableRule[] = [
  { record: 'path_code:http_requests:rate5m', expr: 'sum by (path, code) (rate(http_requests_total[5m]))', labels: {}, interval: '30s' },
  { record: 'path:errors:ratio_rate5m', expr: 'sum by (path) (rate(errors_total[5m])) / sum by (path) (path_code:http_requests:rate5m)', labels: {}, interval: '30s' },
  { record: 'slo:error:ratio', expr: 'avg(path:errors:ratio_rate5m)', labels: { slo_id: 'api' }, interval: '1m' },
  { record: 'slo:error:ratio', expr: 'max(path:errors:ratio_rate5m)', labels: { slo_id: 'web' }, interval: '1m' },
];
const inline = (query: string) => inlineRecordingRules(query, rules, seriesLabels);

describe('inlineRecordingRules', () => {
  it('leaves a query on raw series alone', () => {
    expect(inline('sum(rate(http_requests_total{code="500"}[5m]))')).toBe('sum(rate(http_requests_total{code="500"}[5m]))');
  });

  it('replaces a recorded series by its expression and pushes matchers to the selectors that carry the label', () => {
    expect(inline('path_code:http_requests:rate5m{code="500"}')).toBe('(sum by (path, code) (rate(http_requests_total{code="500"}[5m])))');
    // errors_total has no code label: the matcher stays off it.
    expect(inline('path:errors:ratio_rate5m{path=~"/api.*"}')).toBe(
      '(sum by (path) (rate(errors_total{path=~"/api.*"}[5m])) / sum by (path) ((sum by (path, code) (rate(http_requests_total{path=~"/api.*"}[5m])))))',
    );
  });

  it('chooses the rules whose static labels match, and puts the static labels back', () => {
    const api = inline('slo:error:ratio{slo_id="api"}');
    expect(api).toContain('avg(');
    expect(api).not.toContain('max(');
    expect(api).toMatch(/^\(label_replace\(avg\(.*\), "slo_id", "api", "", ""\)\)$/);
    expect(inline('slo:error:ratio')).toContain(') or (');
    expect(inline('slo:error:ratio{slo_id="none"}')).toBe('(vector(0) unless vector(0))');
  });

  it('turns a recorded series read over a range into a subquery at its interval', () => {
    expect(inline('max_over_time(slo:error:ratio{slo_id="web"}[1d])')).toMatch(/^max_over_time\(\(label_replace\(max\(.*\), "slo_id", "web", "", ""\)\)\[1d:1m\]\)$/);
  });
});
