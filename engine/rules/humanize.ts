/**
 * Prometheus' template humanizers (`humanize`, `humanize1024`, `humanizeDuration`, `humanizePercentage`), so that a
 * scenario can compute the description an alert renders from the value it expects, instead of copying a string.
 * They follow Prometheus 2.42's template functions, which print with Go's `%.4g`: four significant digits, exponent
 * form below 1e-4 or from 1e4 on, ties rounded to even on the float's exact value. test/humanize.test.ts holds them
 * to promtool's own rendering.
 */

/** The exact decimal digits and exponent of a finite, non-zero float: value = 0.d1d2d3… × 10^exponent. */
function exactDecimal(v: number): { digits: string; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(v));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const power = (biased === 0 ? 1 : biased) - 1075;
  // mantissa × 2^power, as an integer numerator over a power of ten.
  let numerator: bigint;
  let scale = 0;
  if (power >= 0) numerator = mantissa << BigInt(power);
  else {
    numerator = mantissa * 5n ** BigInt(-power);
    scale = -power;
  }
  const digits = numerator.toString();
  return { digits: digits.replace(/0+$/, '') || '0', exponent: digits.length - scale };
}

/** `digits` rounded to `n` significant digits, ties to even; returns the digits and how far the exponent moved. */
function roundDigits(digits: string, n: number): { digits: string; carry: number } {
  if (digits.length <= n) return { digits: digits.padEnd(n, '0'), carry: 0 };
  const kept = digits.slice(0, n);
  const rest = digits.slice(n);
  const half = rest[0]! > '5' || (rest[0] === '5' && (/[1-9]/.test(rest.slice(1)) || Number(kept[n - 1]) % 2 === 1));
  if (!half) return { digits: kept, carry: 0 };
  const up = (BigInt(kept) + 1n).toString();
  return up.length > n ? { digits: up.slice(0, n), carry: 1 } : { digits: up, carry: 0 };
}

/** Go's `fmt.Sprintf("%.4g", v)`. */
export function formatG4(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const sign = v < 0 ? '-' : '';
  const exact = exactDecimal(v);
  const rounded = roundDigits(exact.digits, 4);
  const exponent = exact.exponent - 1 + rounded.carry; // of the first digit: d.ddd × 10^exponent
  const trim = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exponent < -4 || exponent >= 4) {
    const mantissa = trim(`${rounded.digits[0]}.${rounded.digits.slice(1)}`);
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  const d = rounded.digits;
  const fixed = exponent >= 0 ? `${d.slice(0, exponent + 1)}.${d.slice(exponent + 1)}` : `0.${'0'.repeat(-exponent - 1)}${d}`;
  return `${sign}${trim(fixed)}`;
}

const SMALL_PREFIXES = ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y'];

/** Scales |v| < 1 up by thousands until it is at least 1, with the SI prefix of the scale. */
function scaleUp(v: number): { value: number; prefix: string } {
  let value = v;
  let prefix = '';
  for (const p of SMALL_PREFIXES) {
    if (Math.abs(value) >= 1) break;
    prefix = p;
    value *= 1000;
  }
  return { value, prefix };
}

/** `{{ $value | humanize }}`: four significant digits with an SI prefix (1.235M, 12.5m). */
export function humanize(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return formatG4(v);
  if (Math.abs(v) >= 1) {
    let value = v;
    let prefix = '';
    for (const p of ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y']) {
      if (Math.abs(value) < 1000) break;
      prefix = p;
      value /= 1000;
    }
    return `${formatG4(value)}${prefix}`;
  }
  const { value, prefix } = scaleUp(v);
  return `${formatG4(value)}${prefix}`;
}

/** `{{ $value | humanize1024 }}`: four significant digits with a binary prefix (1.5Gi). */
export function humanize1024(v: number): string {
  if (Math.abs(v) <= 1 || !Number.isFinite(v)) return formatG4(v);
  let value = v;
  let prefix = '';
  for (const p of ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi']) {
    if (Math.abs(value) < 1024) break;
    prefix = p;
    value /= 1024;
  }
  return `${formatG4(value)}${prefix}`;
}

/** `{{ $value | humanizeDuration }}`: seconds as `1d 2h 3m 4s`, `5m 0s`, `12.5s` or `250ms`. */
export function humanizeDuration(v: number): string {
  if (!Number.isFinite(v)) return formatG4(v);
  if (v === 0) return `${formatG4(v)}s`;
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? '-' : '';
    const abs = Math.abs(v);
    // Go converts to int64, which wraps to its minimum beyond 2^63; BigInt division truncates as Go's does.
    const whole = abs >= 2 ** 63 ? -(2n ** 63n) : BigInt(Math.trunc(abs));
    const seconds = whole % 60n;
    const minutes = (whole / 60n) % 60n;
    const hours = (whole / 3600n) % 24n;
    const days = whole / 86400n;
    if (days !== 0n) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0n) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0n) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${formatG4(abs)}s`;
  }
  const { value, prefix } = scaleUp(v);
  return `${formatG4(value)}${prefix}s`;
}

/** `{{ $value | humanizePercentage }}`: a ratio as a percentage with four significant digits (12.35%). */
export function humanizePercentage(v: number): string {
  return `${formatG4(v * 100)}%`;
}
