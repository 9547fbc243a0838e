/**
 * Alertmanager's label matchers as Alertmanager 0.25 reads and applies them: the text form of a `matchers:` item
 * (`severity="critical", layer=~"risk|database"`), and matching, where a label the alert lacks counts as the empty
 * string and a regex is RE2 (Go's syntax, through re2js) anchored at both ends. A JavaScript RegExp would accept
 * lookarounds Alertmanager refuses and refuse `(?i:...)` or `[[:alpha:]]` that it accepts.
 */
import { RE2JS } from 're2js';
import type { MatcherModel } from '../model/alertmanager';

/** An alert's labels; a label that is not there matches as the empty string. */
export type LabelSet = Readonly<Record<string, string>>;

/** A matcher Alertmanager would refuse to load: bad syntax, an unescaped quote, or a regex RE2 does not accept. */
export class MatcherError extends Error {
  override readonly name = 'MatcherError';
}

/** Go's `\s` (RE2's Perl class), which is narrower than JavaScript's. */
const GO_SPACE = '[\\t\\n\\f\\r ]';
/** Label, operator, value: the grammar of one matcher, `=~` tried before `=`. */
const MATCHER = new RegExp(`^${GO_SPACE}*([a-zA-Z_:][a-zA-Z0-9_:]*)${GO_SPACE}*(=~|=|!=|!~)${GO_SPACE}*([\\s\\S]*?)${GO_SPACE}*$`);

/**
 * One matcher (`label op value`). The value may be double-quoted; inside it `\"`, `\\` and `\n` are escapes, any
 * other backslash is literal, and an unescaped `"` is an error.
 */
export function parseMatcher(text: string): MatcherModel {
  const m = MATCHER.exec(text);
  if (!m) throw new MatcherError(`bad matcher format: ${text}`);
  const [, label, op, written] = m as unknown as [string, string, MatcherModel['op'], string];
  const quoted = written.startsWith('"');
  const raw = quoted ? written.slice(1) : written;
  let value = '';
  let closed = !quoted;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\' && i < raw.length - 1) {
      const next = raw[++i]!;
      value += next === 'n' ? '\n' : next === '"' || next === '\\' ? next : `\\${next}`;
    } else if (c === '"') {
      // Only the closing quote of a quoted value may be unescaped.
      if (closed || i < raw.length - 1) throw new MatcherError(`matcher value contains unescaped double quote: ${written}`);
      closed = true;
    } else {
      value += c;
    }
  }
  if (!closed) throw new MatcherError(`matcher value contains unescaped double quote: ${written}`);
  const parsed: MatcherModel = { label, op, value };
  // Alertmanager refuses a configuration whose regex does not compile: so does this.
  compileMatcher(parsed);
  return parsed;
}

/**
 * A comma-separated list of matchers, optionally in braces (`{a="1", b=~"x|y"}`), as one `matchers:` item or
 * one amtool argument holds them. Commas inside double quotes do not separate; a trailing comma is allowed.
 */
export function parseMatchers(text: string): MatcherModel[] {
  const body = text.replace(/^\{/, '').replace(/\}$/, '');
  const tokens: string[] = [];
  let token = '';
  let inQuotes = false;
  let escaped = false;
  for (const c of body) {
    if (c === ',' && !inQuotes) {
      tokens.push(token);
      token = '';
      continue;
    }
    if (c === '"') {
      if (escaped) escaped = false;
      else inQuotes = !inQuotes;
    } else if (c === '\\') {
      escaped = !escaped;
    } else {
      escaped = false;
    }
    token += c;
  }
  if (token.trim() !== '') tokens.push(token.trim());
  return tokens.map(parseMatcher);
}

/** `pattern` as Alertmanager compiles it, `^(?:pattern)$`; throws MatcherError when RE2 refuses it. */
function anchoredRegex(pattern: string): RE2JS {
  try {
    return RE2JS.compile(`^(?:${pattern})$`);
  } catch (error) {
    throw new MatcherError(`invalid regex ${JSON.stringify(pattern)}: ${(error as Error).message}`);
  }
}

/** A matcher ready to test label values: its regex, if any, compiled once. */
export interface CompiledMatcher extends MatcherModel {
  /** Whether `value` (the empty string for a missing label) satisfies the matcher. */
  test(value: string): boolean;
}

/** `m` with its regex compiled; throws MatcherError when Alertmanager would refuse the regex. */
export function compileMatcher(m: MatcherModel): CompiledMatcher {
  const { label, op, value } = m;
  switch (op) {
    case '=':
      return { label, op, value, test: (v) => v === value };
    case '!=':
      return { label, op, value, test: (v) => v !== value };
    case '=~': {
      const re = anchoredRegex(value);
      return { label, op, value, test: (v) => re.matches(v) };
    }
    case '!~': {
      const re = anchoredRegex(value);
      return { label, op, value, test: (v) => !re.matches(v) };
    }
  }
}

/** The value a matcher sees for `label`: the alert's, or the empty string when the alert has no such label. */
export function labelValue(labels: LabelSet, label: string): string {
  return Object.hasOwn(labels, label) ? labels[label]! : '';
}

/**
 * Whether an alert with `labels` satisfies every matcher (an empty list matches everything). Matchers that are
 * not compiled yet are compiled for this call.
 */
export function matchesLabels(matchers: readonly (MatcherModel | CompiledMatcher)[], labels: LabelSet): boolean {
  return matchers.every((m) => ('test' in m ? m : compileMatcher(m)).test(labelValue(labels, m.label)));
}
