/**
 * Exact decimal arithmetic for SLO numbers, so that a 99.9 objective gives an error budget of 0.001 and a
 * burn-rate factor of 14.4, never 0.0009999999999999432. Values are fractions of big integers.
 *
 * Some SLO numbers have no finite decimal: a 28-day period gives a ticket-slow factor of 14/15. Prometheus compares
 * float64 values, so such a number is written as the text that Prometheus (Go's ParseFloat) and JavaScript read
 * back as the float64 nearest the fraction: an error ratio stored as that float then equals the threshold, and the
 * next float above exceeds it. A text rounded to fewer digits (0.9333333333) would lie below the fraction and fire
 * a tier at a burn rate that only equals its factor.
 */
export class Exact {
  private constructor(
    readonly numerator: bigint,
    readonly denominator: bigint,
  ) {}

  /** From a JavaScript number, read through its shortest decimal text (0.1 is exactly one tenth). */
  static of(value: number | string): Exact {
    const text = typeof value === 'number' ? numberText(value) : value;
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
    if (!m) throw new Error(`not a decimal number: ${text}`);
    const fraction = m[3] ?? '';
    const n = BigInt(`${m[1]}${m[2]}${fraction}`);
    return Exact.fraction(n, 10n ** BigInt(fraction.length));
  }

  /** numerator / denominator, reduced, with the sign on the numerator. */
  static fraction(numerator: bigint, denominator: bigint): Exact {
    if (denominator === 0n) throw new Error('division by zero');
    const sign = denominator < 0n ? -1n : 1n;
    const g = gcd(abs(numerator), abs(denominator)) || 1n;
    return new Exact((sign * numerator) / g, (sign * denominator) / g);
  }

  /** this + o, exactly. */
  plus(o: Exact): Exact {
    return Exact.fraction(this.numerator * o.denominator + o.numerator * this.denominator, this.denominator * o.denominator);
  }
  /** this − o, exactly. */
  minus(o: Exact): Exact {
    return this.plus(Exact.fraction(-o.numerator, o.denominator));
  }
  /** this × o, exactly. */
  times(o: Exact): Exact {
    return Exact.fraction(this.numerator * o.numerator, this.denominator * o.denominator);
  }
  /** this ÷ o, exactly. */
  dividedBy(o: Exact): Exact {
    return Exact.fraction(this.numerator * o.denominator, this.denominator * o.numerator);
  }
  /** −1, 0 or 1 as this is below, equal to or above `o`. */
  compare(o: Exact): number {
    const d = this.numerator * o.denominator - o.numerator * this.denominator;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }

  /** Whether the fraction has a finite decimal expansion (its reduced denominator has no prime factor but 2 and 5). */
  get terminates(): boolean {
    let d = this.denominator;
    while (d % 2n === 0n) d /= 2n;
    while (d % 5n === 0n) d /= 5n;
    return d === 1n;
  }

  /**
   * The float64 nearest the fraction, ties to even: what Prometheus holds after parsing the text `toString()`
   * writes. Computed from the integers, not from a rounded decimal, which could round a second time. Magnitudes
   * outside the normal float64 range (2⁻¹⁰²² to 2¹⁰²⁴), which no SLO number comes near, are refused.
   */
  toNumber(): number {
    if (this.numerator === 0n) return 0;
    const p = abs(this.numerator);
    const q = this.denominator;
    // Scale p/q by 2^shift into [2^52, 2^53): the 53 bits of a float64 significand, then round on the remainder.
    let shift = 53 - (bitLength(p) - bitLength(q));
    let scaled = shift >= 0 ? (p << BigInt(shift)) / q : p / (q << BigInt(-shift));
    if (scaled >= 2n ** 53n) shift--;
    const num = shift >= 0 ? p << BigInt(shift) : p;
    const den = shift >= 0 ? q : q << BigInt(-shift);
    scaled = num / den;
    const twiceRemainder = 2n * (num % den);
    if (twiceRemainder > den || (twiceRemainder === den && scaled % 2n === 1n)) scaled++;
    const exponent = -shift;
    // scaled ≤ 2^53 and a power of two are both exact floats; their product is exact while the result is normal.
    if (exponent + 53 > 1024 || exponent + 52 < -1022) throw new RangeError(`${this.toExactText()} is outside the normal float64 range`);
    const magnitude = Number(scaled) * 2 ** exponent;
    return this.numerator < 0n ? -magnitude : magnitude;
  }

  /**
   * Without `significant`: the exact decimal when the fraction terminates (0.0144); otherwise the shortest decimal
   * that reads back as `toNumber()`, at most 17 significant digits (0.9333333333333333 for 14/15). Never in
   * exponent notation. With `significant`: rounded to that many significant digits when the fraction does not
   * terminate, for prose (0.9333).
   */
  toString(significant?: number): string {
    if (significant === undefined && !this.terminates) return plainDecimal(this.toNumber());
    const negative = this.numerator < 0n;
    let n = abs(this.numerator);
    const d = this.denominator;
    const whole = n / d;
    n %= d;
    let digits = '';
    // A terminating fraction ends within as many digits as the larger power of 2 or 5 in its denominator.
    const limit = this.terminates ? d.toString(2).length : 60;
    while (n !== 0n && digits.length < limit) {
      n *= 10n;
      digits += String(n / d);
      n %= d;
    }
    if (n !== 0n) {
      // Not terminating: round to `significant` significant digits.
      const leadingZeros = whole === 0n ? (/^0*/.exec(digits)?.[0].length ?? 0) : 0;
      const keep = whole === 0n ? leadingZeros + significant! : Math.max(0, significant! - String(whole).length);
      const rounded = roundDigits(String(whole), digits, keep);
      return (negative ? '-' : '') + rounded;
    }
    return (negative ? '-' : '') + (digits ? `${whole}.${digits}` : String(whole));
  }

  /**
   * The value as a reader should see it in docs and alert texts: the exact decimal when there is one (13.44),
   * the reduced fraction otherwise (14/15).
   */
  toExactText(): string {
    return this.terminates ? this.toString() : `${this.numerator}/${this.denominator}`;
  }
}

function roundDigits(whole: string, digits: string, keep: number): string {
  const kept = digits.slice(0, keep);
  const roundUp = Number(digits[keep] ?? '0') >= 5;
  let value = BigInt(whole + kept);
  if (roundUp) value += 1n;
  const text = value.toString().padStart(keep + 1, '0');
  const intPart = text.slice(0, text.length - keep) || '0';
  const frac = text.slice(text.length - keep).replace(/0+$/, '');
  return frac ? `${intPart}.${frac}` : intPart;
}

/** JavaScript's shortest round-trip digits of `value`, written without an exponent (2.5e-7 → 0.00000025). */
function plainDecimal(value: number): string {
  const text = String(value);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const digits = m[2]! + (m[3] ?? '');
  const point = 1 + Number(m[4]);
  const body = point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : point >= digits.length ? digits + '0'.repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return m[1] + body;
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/\.?0+$/, '');
}

const abs = (x: bigint) => (x < 0n ? -x : x);
const bitLength = (x: bigint) => x.toString(2).length;
function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
