/**
 * The template humanizers scenarios compute descriptions with, held to promtool's own rendering: one alert per
 * value renders all four humanizers, and promtool compares them with what engine/rules/humanize.ts says.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { findTool, PROMTOOL } from '../engine/external/tool-runner';
import { formatG4, humanize, humanize1024, humanizeDuration, humanizePercentage } from '../engine/rules/humanize';

const promtool = findTool(PROMTOOL);
const scratch = mkdtempSync(join(tmpdir(), 'cdb-humanize-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Edges of each humanizer: prefix and unit boundaries, exponent form, ties to even, negatives. */
const EDGES = [
  0, 1, -1, 0.5, 0.25, 0.1, 0.05, 0.0001, 0.00009999, 0.000099995, 1.0625, 1.1875, 1.0635, 12.345, 999.4, 999.5, 999.96, 1000, 1001, 1023, 1024, 1025,
  9999.5, 10000, 59.99, 60, 61.5, 3599.9, 3600, 86399, 86400, 90061.5, 123456789, 1e21, 1.5e-7, 2.5e-10, -5, -0.003, -90061, 0.995, 0.9999,
  0.123456, 1048576, 1.5 * 1024 ** 3, 7 / 750, 14 / 15, 0.30000000000000004,
];

/** A seeded spread over magnitudes 1e-9 … 1e12, both signs. */
function spread(count: number): number[] {
  let state = 42;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: count }, () => (next() < 0.15 ? -1 : 1) * 10 ** (next() * 21 - 9) * (1 + next()));
}

describe('the template humanizers', () => {
  it('render what promtool renders, for edge values and a spread of magnitudes', () => {
    if (!promtool.available) throw new Error(`this test needs promtool: ${promtool.reason}`);
    const values = [...EDGES, ...spread(300)];
    const rules = {
      groups: [
        {
          name: 'humanize',
          rules: [
            {
              alert: 'Value',
              expr: 'value',
              annotations: {
                humanize: '{{ $value | humanize }}',
                humanize1024: '{{ $value | humanize1024 }}',
                duration: '{{ $value | humanizeDuration }}',
                percentage: '{{ $value | humanizePercentage }}',
              },
            },
          ],
        },
      ],
    };
    const tests = {
      rule_files: ['rules.yml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          // String() is the shortest text that reads back to the same float, which promtool then parses.
          input_series: values.map((v, i) => ({ series: `value{i="${i}"}`, values: `${String(v)}x2` })),
          alert_rule_test: [
            {
              eval_time: '1m',
              alertname: 'Value',
              exp_alerts: values.map((v, i) => ({
                exp_labels: { i: String(i) },
                exp_annotations: { humanize: humanize(v), humanize1024: humanize1024(v), duration: humanizeDuration(v), percentage: humanizePercentage(v) },
              })),
            },
          ],
        },
      ],
    };
    writeFileSync(join(scratch, 'rules.yml'), stringify(rules));
    writeFileSync(join(scratch, 'tests.yml'), stringify(tests));
    const result = promtool.run(['test', 'rules', 'tests.yml'], scratch);
    expect(result.output).toContain('SUCCESS');
    expect(result.ok).toBe(true);
  });

  it("prints like Go's %.4g, ties to even on the exact value", () => {
    expect([1.0625, 1.1875, 0.0001, 0.00001, 123456, 0.5, -2.5e-10, 1e21].map(formatG4)).toEqual(['1.062', '1.188', '0.0001', '1e-05', '1.235e+05', '0.5', '-2.5e-10', '1e+21']);
    expect([humanizeDuration(300), humanizeDuration(90061.5), humanizeDuration(0.25), humanizePercentage(0.95)]).toEqual(['5m 0s', '1d 1h 1m 1s', '250ms', '95%']);
  });
});
