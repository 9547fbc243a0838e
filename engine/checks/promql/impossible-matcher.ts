import { finding, type Check, type Finding } from '../check';

const REGEX_METACHARACTERS = /[.^$*+?()[\]{}\\]/;

/**
 * The literal values a matcher accepts: the value of `=`, the alternatives of a `=~` made of plain literals.
 * Undefined when the matcher is negative, a real regex, or holds a dashboard variable.
 */
function literalValues(op: string, value: string): string[] | undefined {
  if (value.includes('$')) return undefined;
  if (op === '=') return [value];
  if (op === '=~' && !REGEX_METACHARACTERS.test(value)) return value.split('|');
  return undefined;
}

/** A matcher asking for a label value the catalog rules out selects nothing, silently. */
export const promqlImpossibleMatcher: Check = {
  id: 'promql/impossible-matcher',
  severity: 'error',
  description: 'Equality matchers on a label value outside the closed set the catalog enumerates for that label.',
  run(ctx) {
    const out: Finding[] = [];
    for (const q of ctx.queries) {
      for (const s of q.analysis.selectors) {
        const m = s.name ? ctx.catalog.metricForSeries(s.name) : undefined;
        const closedSets = m?.labelValues as Readonly<Record<string, readonly string[] | undefined>> | undefined;
        if (!closedSets) continue;
        for (const matcher of s.matchers) {
          const allowed = closedSets[matcher.label];
          const values = allowed && literalValues(matcher.op, matcher.value);
          // An empty alternative matches series without the label; leave it to the author.
          const ruledOut = values?.filter((v) => v !== '' && !allowed!.includes(v)) ?? [];
          if (ruledOut.length === 0) continue;
          const written = `${s.name}{${matcher.label}${matcher.op}${JSON.stringify(matcher.value)}}`;
          const never = ruledOut.length === values!.filter((v) => v !== '').length && !values!.includes('');
          out.push(
            finding(
              promqlImpossibleMatcher,
              q.location,
              `${written} asks for ${ruledOut.map((v) => `"${v}"`).join(', ')}, which the catalog rules out (${matcher.label} is one of: ${allowed!.join(', ')}), so ${never ? 'the selector can never match' : 'that alternative can never match'}`,
              `Use one of the values the catalog enumerates for ${matcher.label}, or add the new value to labelValues in the catalog.`,
            ),
          );
        }
      }
    }
    return out;
  },
};
