import { finding, type Check, type Finding } from '../check';
import type { QuerySite } from '../../resolve/resolved-project';
import { locate } from '../../model/location';
import type { ParsedSelector } from '../../promql/analyze';

/** Whether a `__name__` matcher lets `name` through (regex matchers are anchored, as in Prometheus). */
function nameMatches(name: string, op: string, value: string): boolean {
  switch (op) {
    case '=':
      return name === value;
    case '!=':
      return name !== value;
    case '=~':
    case '!~': {
      let matches: boolean;
      try {
        matches = new RegExp(`^(?:${value})$`).test(name);
      } catch {
        // A regex JavaScript cannot compile (RE2 syntax): assume it may match rather than report a false positive.
        return true;
      }
      return op === '=~' ? matches : !matches;
    }
    default:
      return true;
  }
}

/** Whether `selector` can select the series `name`. */
function selects(selector: ParsedSelector, name: string): boolean {
  if (selector.name !== undefined) return selector.name === name;
  // A selector by matchers only (`{__name__=~"job:.+"}`, or `{job="x"}`) reads every name its `__name__` matchers allow.
  return selector.matchers.filter((m) => m.label === '__name__').every((m) => nameMatches(name, m.op, m.value));
}

/** Whether the query at `site` reads the output of recording rules named `name` (a rule reading itself does not count). */
function reads(site: QuerySite, name: string): boolean {
  if (site.rule?.kind === 'recording' && site.rule.record === name) return false;
  return site.analysis.selectors.some((s) => selects(s, name));
}

/**
 * The query sites reading each of `names`, in query order. Selectors with a name are looked up by it; only
 * selectors by matchers alone are tried against every name. Filtering every query for every name instead was
 * quadratic in the size of the project.
 */
function readersByName(queries: readonly QuerySite[], names: ReadonlySet<string>): Map<string, QuerySite[]> {
  const readers = new Map([...names].map((name) => [name, [] as QuerySite[]] as const));
  for (const q of queries) {
    const read = new Set<string>();
    for (const s of q.analysis.selectors) {
      if (s.name !== undefined) {
        if (names.has(s.name)) read.add(s.name);
      } else {
        for (const name of names) if (selects(s, name)) read.add(name);
      }
    }
    for (const name of read) if (reads(q, name)) readers.get(name)!.push(q);
  }
  return readers;
}

/** The record name a query site writes, when it is a recording rule. */
const recordOf = (site: QuerySite): string | undefined => (site.rule?.kind === 'recording' ? site.rule.record : undefined);

/**
 * A recording rule nobody reads costs evaluation time and series, and usually means a panel or alert reads something
 * else. Rules read only by other unread rules are unread too: the chain ends nowhere.
 */
export const rulesUnused: Check = {
  id: 'rules/unused',
  severity: 'warning',
  description: 'Recording rules whose output no dashboard panel, dashboard variable, alert or other (used) recording rule reads.',
  run(ctx) {
    const names = new Set(ctx.recordingGroups.flatMap((g) => g.rules).flatMap((r) => (r.kind === 'recording' ? [r.record] : [])));
    const readers = readersByName(ctx.queries, names);
    // Used: read by a panel, variable or alert, or by a recording rule that is itself used. Grow until stable.
    const used = new Set<string>();
    for (let changed = true; changed; ) {
      changed = false;
      for (const [name, sites] of readers) {
        if (used.has(name)) continue;
        if (sites.some((q) => recordOf(q) === undefined || used.has(recordOf(q)!))) {
          used.add(name);
          changed = true;
        }
      }
    }

    const out: Finding[] = [];
    for (const group of ctx.recordingGroups) {
      // Rules sharing a name within a group (one per SLO, told apart by labels) are reported once.
      const reported = new Set<string>();
      for (const rule of group.rules) {
        if (rule.kind !== 'recording' || used.has(rule.record) || reported.has(rule.record)) continue;
        reported.add(rule.record);
        const readBy = [...new Set(readers.get(rule.record)!.map(recordOf))].sort();
        out.push(
          finding(
            rulesUnused,
            locate(ctx.fileOf(group.source), ['rule group', group.name], ['recording rule', rule.record]),
            readBy.length === 0
              ? `${rule.record} is read by no dashboard panel, dashboard variable, alert or other recording rule`
              : `${rule.record} is read only by recording rules that nothing reads in turn: ${readBy.join(', ')}`,
            'Read it where it is meant to be shown or alerted on, or remove the rule; Prometheus evaluates and stores it for nothing.',
          ),
        );
      }
    }
    return out;
  },
};
