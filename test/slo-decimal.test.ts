/**
 * How exact SLO numbers become text: terminating fractions as their exact decimal, fractions without one as the
 * shortest decimal that reads back as the float64 nearest them, and as a fraction in prose.
 */
import { describe, expect, it } from 'vitest';
import { Exact } from '../engine/slo/decimal';

const fraction = (n: bigint, d: bigint) => Exact.fraction(n, d);

/** A seeded generator, so that a failure names a case that can be replayed. */
function seeded(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648);
}

describe('Exact.toNumber', () => {
  it('is the float64 nearest the fraction for 100,000 fractions of integers below 2^53', () => {
    // Both integers are exact floats there, so one IEEE division is the correctly rounded quotient.
    const random = seeded(42);
    for (let i = 0; i < 100_000; i++) {
      const n = BigInt(random() % 2_000_001) - 1_000_000n;
      const d = BigInt((random() % 1_000_000) + 1);
      expect(fraction(n, d).toNumber(), `${n}/${d}`).toBe(Number(n) / Number(d));
    }
  });

  it('rounds once for integers beyond 2^53, where dividing their floats would round twice', () => {
    // A terminating fraction's exact decimal, parsed by JavaScript, is the correctly rounded reference. About one
    // case in five gives a different float when numerator and denominator are rounded to floats first.
    const random = seeded(11);
    let naiveWrong = 0;
    for (let i = 0; i < 20_000; i++) {
      const n = (BigInt(random()) << 62n) + (BigInt(random()) << 31n) + BigInt(random());
      const x = fraction(n, 10n ** BigInt(random() % 30));
      const reference = Number(x.toString());
      expect(x.toNumber(), `${x.numerator}/${x.denominator}`).toBe(reference);
      if (Number(x.numerator) / Number(x.denominator) !== reference) naiveWrong++;
    }
    expect(naiveWrong).toBeGreaterThan(1000);
  });

  it.each([
    ['2^53 + 1', 2n ** 53n + 1n, 2 ** 53],
    ['2^53 + 3', 2n ** 53n + 3n, 2 ** 53 + 4],
    ['-(2^53 + 1)', -(2n ** 53n + 1n), -(2 ** 53)],
  ])('rounds a tie to the even float: %s', (_, n, expected) => {
    expect(fraction(n, 1n).toNumber()).toBe(expected);
  });

  it('keeps the sign and zero', () => {
    expect(fraction(-14n, 15n).toNumber()).toBe(-14 / 15);
    expect(Object.is(fraction(0n, 7n).toNumber(), 0)).toBe(true);
  });

  it('refuses magnitudes outside the normal float64 range instead of rounding them twice', () => {
    expect(() => fraction(1n, 2n ** 1100n).toNumber()).toThrow(RangeError);
    expect(() => fraction(2n ** 1100n, 1n).toNumber()).toThrow(RangeError);
    expect(fraction(1n, 2n ** 1022n).toNumber()).toBe(2 ** -1022);
  });
});

describe('Exact.toString', () => {
  it.each([
    ['0.0144', Exact.of(14.4).times(Exact.of(0.001)), '0.0144'],
    ['13.44', fraction(336n, 25n), '13.44'],
    ['a value with more than 17 significant digits', Exact.of('0.123456789012345678901'), '0.123456789012345678901'],
    ['1/2^40, exactly', fraction(1n, 2n ** 40n), '0.0000000000009094947017729282379150390625'],
    ['a negative value', Exact.of('-2.50'), '-2.5'],
    ['an integer', fraction(42n, 1n), '42'],
  ])('writes a terminating fraction as its exact decimal: %s', (_, x, text) => {
    expect(x.toString()).toBe(text);
  });

  it.each([
    ['14/15 (28-day ticket-slow factor)', 14n, 15n, '0.9333333333333333'],
    ['7/30 (7-day ticket-slow factor)', 7n, 30n, '0.23333333333333334'],
    ['7/750 (its threshold at 99 %)', 7n, 750n, '0.009333333333333334'],
    ['7/6000 (its threshold at 99.5 %)', 7n, 6000n, '0.0011666666666666668'],
    ['1/3', 1n, 3n, '0.3333333333333333'],
    ['-2/3', -2n, 3n, '-0.6666666666666666'],
    ['7/3000000000, without an exponent', 7n, 3_000_000_000n, '0.000000002333333333333333'],
    ['10^21/3, without an exponent', 10n ** 21n, 3n, '333333333333333300000'],
  ])('writes %s as the shortest decimal of its nearest float64', (_, n, d, text) => {
    const x = fraction(n, d);
    expect(x.toString()).toBe(text);
    expect(Number(text)).toBe(x.toNumber());
  });

  it('writes no repeating fraction with the ten digits that put 14/15 below itself', () => {
    // 0.9333333333 < 14/15: a burn rate of exactly 14/15 compared "greater" with it and fired ticket-slow.
    expect(Number(fraction(14n, 15n).toString())).toBeGreaterThan(0.9333333333);
    expect(fraction(14n, 15n).toString()).not.toBe('0.9333333333');
  });

  it('writes 100,000 fractions as texts that read back as their float64, without an exponent', () => {
    const random = seeded(7);
    for (let i = 0; i < 100_000; i++) {
      const x = fraction(BigInt(random() % 1_000_000) + 1n, BigInt(random() % 1_000_000) + 1n);
      const text = x.toString();
      expect(text, `${x.numerator}/${x.denominator}`).toMatch(/^-?\d+(\.\d+)?$/);
      expect(Number(text), `${x.numerator}/${x.denominator}`).toBe(x.toNumber());
    }
  });

  it.each([
    ['14/15', 14n, 15n, '0.9333'],
    ['2/3', 2n, 3n, '0.6667'],
    ['200/3', 200n, 3n, '66.67'],
    ['7/6000', 7n, 6000n, '0.001167'],
  ])('rounds %s to 4 significant digits for prose: %s', (_, n, d, text) => {
    expect(fraction(n, d).toString(4)).toBe(text);
  });
});

describe('Exact.toExactText', () => {
  it.each([
    ['336/25', fraction(336n, 25n), '13.44'],
    ['28/30', fraction(28n, 30n), '14/15'],
    ['-7/30', fraction(-7n, 30n), '-7/30'],
    ['0.1 + 0.2', Exact.of(0.1).plus(Exact.of(0.2)), '0.3'],
  ])('writes %s as its decimal when it has one, else as the reduced fraction: %s', (_, x, text) => {
    expect(x.toExactText()).toBe(text);
  });

  it('tells terminating fractions from repeating ones by the primes of the denominator', () => {
    expect([fraction(1n, 1280n), fraction(1n, 3n), fraction(3n, 6n), fraction(1n, 14n)].map((x) => x.terminates)).toEqual([true, false, true, false]);
  });
});
