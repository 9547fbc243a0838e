/**
 * Exact decimal arithmetic for SLO numbers, so that a 99.9 objective gives an error budget of 0.001 and a
 * burn-rate factor of 14.4, never 0.0009999999999999432. Values are fractions of big integers.
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

  static fraction(numerator: bigint, denominator: bigint): Exact {
    if (denominator === 0n) throw new Error('division by zero');
    const sign = denominator < 0n ? -1n : 1n;
    const g = gcd(abs(numerator), abs(denominator)) || 1n;
    return new Exact((sign * numerator) / g, (sign * denominator) / g);
  }

  plus(o: Exact): Exact {
    return Exact.fraction(this.numerator * o.denominator + o.numerator * this.denominator, this.denominator * o.denominator);
  }
  minus(o: Exact): Exact {
    return this.plus(Exact.fraction(-o.numerator, o.denominator));
  }
  times(o: Exact): Exact {
    return Exact.fraction(this.numerator * o.numerator, this.denominator * o.denominator);
  }
  dividedBy(o: Exact): Exact {
    return Exact.fraction(this.numerator * o.denominator, this.denominator * o.numerator);
  }
  compare(o: Exact): number {
    const d = this.numerator * o.denominator - o.numerator * this.denominator;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }
  toNumber(): number {
    return Number(this.toString());
  }

  /**
   * Shortest exact decimal when the fraction terminates; otherwise rounded to `significant` digits
   * (0.9333333333 for 14/15).
   */
  toString(significant = 10): string {
    const negative = this.numerator < 0n;
    let n = abs(this.numerator);
    const d = this.denominator;
    const whole = n / d;
    n %= d;
    let digits = '';
    const limit = 60;
    while (n !== 0n && digits.length < limit) {
      n *= 10n;
      digits += String(n / d);
      n %= d;
    }
    if (n !== 0n) {
      // Not terminating: round to `significant` significant digits.
      const leadingZeros = whole === 0n ? (/^0*/.exec(digits)?.[0].length ?? 0) : 0;
      const keep = whole === 0n ? leadingZeros + significant : Math.max(0, significant - String(whole).length);
      const rounded = roundDigits(String(whole), digits, keep);
      return (negative ? '-' : '') + rounded;
    }
    return (negative ? '-' : '') + (digits ? `${whole}.${digits}` : String(whole));
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

function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/\.?0+$/, '');
}

const abs = (x: bigint) => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
