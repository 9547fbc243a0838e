/** promtool counter notation: written from segment starts, it must equal the notation of every minute's value. */
import { describe, expect, it } from 'vitest';
import { counterNotation, counterValues } from '../engine/slo/simulate';

/** The notation as first written: from `counterValues`, the value of every minute. */
function fromEveryValue(perMinute: readonly number[], start = 0): string {
  const fmt = (n: number) => String(Number(n.toPrecision(12)));
  const values = counterValues(perMinute, start);
  const parts: string[] = [];
  let t = 0;
  while (t < perMinute.length) {
    const step = t === 0 ? (perMinute[1] ?? 0) : perMinute[t]!;
    let end = t;
    while (end + 1 < perMinute.length && perMinute[end + 1] === step) end++;
    parts.push(`${fmt(values[t]!)}+${fmt(step)}x${end - t}`);
    t = end + 1;
  }
  return parts.join(' ');
}

describe('counterNotation', () => {
  it('equals the notation of every minute value for 20,000 seeded random series, floating-point rounding included', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pool = [0, 1, 100, 0.1, 0.3, 99.7, 1e-9, 3.3333333333, 0.5, 7];
    for (let i = 0; i < 20_000; i++) {
      const series = Array.from({ length: Math.floor(random() * 30) }, () => pool[Math.floor(random() * (random() < 0.5 ? 2 : pool.length))]!);
      const start = random() < 0.5 ? 0 : random() * 1e9;
      expect(counterNotation(series, start), JSON.stringify({ series, start })).toBe(fromEveryValue(series, start));
    }
  });

  it('writes a day of constant traffic with a step change as two segments', () => {
    const perMinute = [...Array<number>(721).fill(100), ...Array<number>(720).fill(0.5)];
    expect(counterNotation(perMinute)).toBe(fromEveryValue(perMinute));
    expect(counterNotation(perMinute).split(' ')).toHaveLength(2);
  });
});
