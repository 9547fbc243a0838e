/**
 * YAML text as the project writes it: block style, no line folding, a header comment.
 *
 * The text is the `yaml` package's `stringify` with the options below, byte for byte. Plain data (objects, arrays,
 * single-line strings, finite numbers, booleans, null) is written directly: building the package's document model
 * for the rule and promtool test files took most of a large build's time and memory. A string that cannot be
 * written plain is rendered by the package itself, once per call; anything else (multi-line strings, undefined,
 * non-finite numbers, class instances) sends the whole value through the package.
 *
 * Strings rendered by the package are remembered for one call of `yamlText` only: a cache kept by the module would
 * hold every such string of every file for the life of the process (a watch mode, a test run, a server).
 */
import { Document, stringify, type ToStringOptions } from 'yaml';
import { yamlHeader } from './generated-header';

const OPTIONS = { lineWidth: 0, indent: 2, aliasDuplicateObjects: false } as const satisfies ToStringOptions & { aliasDuplicateObjects: boolean };

/** YAML for `value` preceded by the generated-file header naming `sources`. */
export function yamlFile(value: unknown, sources: readonly string[]): string {
  return yamlHeader(sources) + yamlText(value);
}

/** `value` as the `yaml` package's `stringify` writes it with the project's options. */
export function yamlText(value: unknown): string {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    try {
      const out: string[] = [];
      writeMap(value, '', out, newRendered());
      return out.join('');
    } catch (error) {
      if (!(error instanceof NotPlain)) throw error;
    }
  }
  return packageText(value);
}

/** The `yaml` package's own text, which the direct writer must equal. */
export function packageText(value: unknown): string {
  return stringify(value, OPTIONS);
}

/** Raised when a value is outside what the direct writer handles; the package then writes the whole value. */
class NotPlain extends Error {}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Writes the pairs of a non-empty map, each line starting with `indent`; the first line's indent is the caller's. */
function writeMap(map: Record<string, unknown>, indent: string, out: string[], rendered: Rendered, firstIndented = true): void {
  let first = true;
  for (const key in map) {
    if (!Object.prototype.hasOwnProperty.call(map, key)) continue;
    const v = map[key];
    if (v === undefined) throw new NotPlain();
    if (!first || firstIndented) out.push(indent);
    first = false;
    out.push(keyText(key, rendered), ':');
    writeValue(v, indent, out, rendered);
  }
}

/** Writes what follows `key:` or `-`: ` scalar\n`, ` []\n`, or a newline and the nested block. */
function writeValue(v: unknown, indent: string, out: string[], rendered: Rendered, inSeq = false): void {
  if (Array.isArray(v)) {
    if (v.length === 0) out.push(' []\n');
    else if (inSeq) {
      out.push(' ');
      writeSeq(v, indent + '  ', out, rendered, false);
    } else {
      out.push('\n');
      writeSeq(v, indent + '  ', out, rendered, true);
    }
  } else if (v !== null && typeof v === 'object') {
    if (!isPlainObject(v)) throw new NotPlain();
    let empty = true;
    for (const k in v) {
      if (Object.prototype.hasOwnProperty.call(v, k)) {
        empty = false;
        break;
      }
    }
    if (empty) out.push(' {}\n');
    else if (inSeq) {
      out.push(' ');
      writeMap(v, indent + '  ', out, rendered, false);
    } else {
      out.push('\n');
      writeMap(v, indent + '  ', out, rendered, true);
    }
  } else {
    out.push(' ', scalarText(v, rendered), '\n');
  }
}

/** Writes the items of a non-empty sequence at `indent`; the first line's indent is the caller's when not `firstIndented`. */
function writeSeq(seq: readonly unknown[], indent: string, out: string[], rendered: Rendered, firstIndented: boolean): void {
  for (let i = 0; i < seq.length; i++) {
    if (i > 0 || firstIndented) out.push(indent);
    out.push('-');
    writeValue(seq[i], indent, out, rendered, true);
  }
}

/** The core-schema tags other than string whose plain form a string must not take (numbers, booleans, null). */
const OTHER_TAGS = new Document(null).schema.tags.filter((t) => t.default && t.tag !== 'tag:yaml.org,2002:str' && 'test' in t && t.test);
/** Characters, prefixes and sequences that make the package quote a string (its plainString test). */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/**
 * Newlines, tabs, control characters and surrogates: strings with any are left to the package. Lone surrogates
 * and control characters make it double-quote; the rest it may write plain, but they are rare, and a pattern
 * without the unicode flag scans long PromQL texts much faster.
 */
const UNUSUAL = /[\x00-\x1f\x7f-\x9f\uD800-\uDFFF]/;
/** The first characters of the plain forms of null, booleans and numbers in the core schema (and the empty string). */
const MAY_BE_OTHER_TAG = /^(?:$|[-+.~0-9nNtTfF])/;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;

/** Whether the package writes `s` plain, as it is, both as a key and as a value. */
function plainAsIs(s: string): boolean {
  if (s === '' || UNUSUAL.test(s) || NOT_PLAIN.test(s) || DOCUMENT_MARKER.test(s)) return false;
  if (MAY_BE_OTHER_TAG.test(s)) for (const tag of OTHER_TAGS) if ((tag as { test?: RegExp }).test?.test(s)) return false;
  return true;
}

/** Characters that the package's quoted styles escape or write differently: `\`, control characters, a newline. */
const ESCAPED = /[\\\x00-\x1f\x7f-\x9f\uD800-\uDFFF]/;

/**
 * Whether the package quotes `s` (not plain) with nothing to escape: in double quotes, or in single quotes when
 * it holds a `"` but no `'`. Strings with both, escapes or a document marker are left to the package.
 */
function quotableAsIs(s: string): boolean {
  return !ESCAPED.test(s) && !DOCUMENT_MARKER.test(s) && !(s.includes('"') && s.includes("'"));
}

/**
 * Strings the package rendered during one `yamlText` call, as values and as keys: a value may repeat such a
 * string (a matcher with a backslash, a text with both quote kinds) many times, and the package's document model
 * is slow. Created per call, so the texts are garbage once the file's text is returned.
 */
interface Rendered {
  readonly values: Map<string, string>;
  readonly keys: Map<string, string>;
}

const newRendered = (): Rendered => ({ values: new Map(), keys: new Map() });

function scalarText(v: unknown, rendered: Rendered): string {
  if (typeof v === 'string') {
    if (plainAsIs(v)) return v;
    if (quotableAsIs(v)) return v.includes('"') ? `'${v}'` : `"${v}"`;
    let text = rendered.values.get(v);
    if (text === undefined) {
      // A single-line string renders the same after any key at any depth: no block scalar, no folding. A document
      // marker (`---`, `...`, `%`) at a line start is treated differently at different depths.
      if (v.includes('\n') || DOCUMENT_MARKER.test(v)) throw new NotPlain();
      const whole = packageText({ k: v });
      if (!whole.startsWith('k: ') || whole.indexOf('\n') !== whole.length - 1) throw new NotPlain();
      text = whole.slice(3, -1);
      rendered.values.set(v, text);
    }
    return text;
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new NotPlain();
    return Object.is(v, -0) ? '-0' : JSON.stringify(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) return 'null';
  throw new NotPlain();
}

function keyText(key: string, rendered: Rendered): string {
  if (plainAsIs(key)) return key;
  let text = rendered.keys.get(key);
  if (text === undefined) {
    if (DOCUMENT_MARKER.test(key)) throw new NotPlain();
    const whole = packageText({ [key]: null });
    if (!whole.endsWith(': null\n') || whole.startsWith('? ') || whole.indexOf('\n') !== whole.length - 1) throw new NotPlain();
    text = whole.slice(0, -': null\n'.length);
    rendered.keys.set(key, text);
  }
  return text;
}
