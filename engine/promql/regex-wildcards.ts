/**
 * Where a Prometheus regex (RE2 syntax) uses `.`, the one pattern whose meaning Prometheus 3 changed: it matches
 * newlines too, where Prometheus 2 stopped at them.
 */

/** A `.` that matches any character (not escaped, not inside a character class). */
export interface RegexWildcard {
  /** Index of the `.` in the pattern. */
  readonly index: number;
  /**
   * Whether the `.` is a leading or trailing `.*` / `.+` of a top-level alternative (`cdb_.+`, `.*_total`, `.*`):
   * "anything before or after", which means the same for a value with a newline in Prometheus 3 as for one
   * without. Any other `.` (`a.b`, `a.*b`, `.?`, `(.*)x`) matches differently once a value holds a newline.
   */
  readonly anythingRun: boolean;
}

/** The wildcards of `pattern`, in order. A pattern RE2 would reject gives what could be read of it. */
export function regexWildcards(pattern: string): RegexWildcard[] {
  const dots: Array<{ readonly index: number; readonly topLevel: boolean }> = [];
  /** Top-level alternatives as [start, end) index ranges. */
  const alternatives: Array<[number, number]> = [];
  let altStart = 0;
  let depth = 0;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      if (pattern[i + 1] === 'Q') {
        // \Q...\E quotes everything up to \E.
        const end = pattern.indexOf('\\E', i + 2);
        i = end < 0 ? pattern.length : end + 2;
      } else {
        i += 2;
      }
      continue;
    }
    if (c === '[') {
      i = classEnd(pattern, i);
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === '|' && depth === 0) {
      alternatives.push([altStart, i]);
      altStart = i + 1;
    } else if (c === '.') dots.push({ index: i, topLevel: depth === 0 });
    i++;
  }
  alternatives.push([altStart, pattern.length]);
  return dots.map(({ index, topLevel }) => {
    const [start, end] = alternatives.find(([s, e]) => index >= s && index < e)!;
    const repeated = pattern[index + 1] === '*' || pattern[index + 1] === '+';
    const after = index + 2 + (repeated && pattern[index + 2] === '?' ? 1 : 0);
    return { index, anythingRun: topLevel && repeated && (index === start || after === end) };
  });
}

/** Index just past the character class opening at `open` (`[...]`, with `]` first and `[:name:]` inside allowed). */
function classEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') i += 2;
    else if (c === '[' && pattern[i + 1] === ':') {
      const end = pattern.indexOf(':]', i + 2);
      i = end < 0 ? i + 1 : end + 2;
    } else if (c === ']') return i + 1;
    else i++;
  }
  return pattern.length;
}
