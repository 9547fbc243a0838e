import { RE2JS } from 're2js';
import { finding, type Check, type Finding } from '../check';
import { TARGET_LABELS } from '../../catalog/metric';
import type { QuerySite } from '../../resolve/resolved-project';
import type { ResolvedProject } from '../../resolve/resolved-project';
import type { ParsedMatcher, ParsedSelector } from '../../promql/analyze';
import { substituteGrafanaMacros } from '../../promql/analyze';
import { childNodes, nodeText, parsePromql } from '../../promql/syntax';
import { durationSeconds } from '../../promql/duration';
import { regexWildcards } from '../../promql/regex-wildcards';

/** Functions Prometheus 3 removed or renamed, with what to write instead (Prometheus 3.0 migration guide). */
const REMOVED_FUNCTIONS: Readonly<Record<string, string>> = {
  holt_winters: 'double_exponential_smoothing(), which also needs --enable-feature=promql-experimental-functions',
};

/** Labels whose values Prometheus 3 normalises to a float on ingestion (`le` of classic histograms, `quantile` of summaries). */
const FLOAT_LABELS = new Set(['le', 'quantile']);
const INTEGER = /^[+-]?\d+$/;
const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;
const SUBQUERY_BRACKET = /\[[^\]]*:[^\]]*\]/;

/** A Grafana variable in a matcher value: its value is chosen at view time, so only the rest of the pattern is judged. */
const GRAFANA_VARIABLE = /\$\{[^}]*\}|\$[a-zA-Z_][a-zA-Z0-9_]*/g;

/**
 * Whole numbers a matcher accepts (or excludes) as written, without their float spelling (`1` but not `1.0`): the
 * value of `=`/`!=`, or the whole-number alternatives of a regex that does not also match `<n>.0` (RE2, anchored).
 */
function integerOnlyValues(m: ParsedMatcher): string[] {
  if (m.op === '=' || m.op === '!=') return INTEGER.test(m.value) ? [m.value] : [];
  const integers = m.value.split('|').filter((v) => INTEGER.test(v));
  if (integers.length === 0 || m.value.includes('$')) return [];
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(`^(?:${m.value})$`);
  } catch {
    return [];
  }
  return integers.filter((v) => regex.matches(v) && !regex.matches(`${v}.0`));
}

/** Labels whose values cannot hold a newline: set by the scrape config, metric names, closed sets in the catalog. */
function newlineFree(ctx: ResolvedProject, selector: ParsedSelector, label: string): boolean {
  if (label === '__name__' || FLOAT_LABELS.has(label) || (TARGET_LABELS as readonly string[]).includes(label)) return true;
  const closed = selector.name ? (ctx.catalog.metricForSeries(selector.name)?.labelValues as Readonly<Record<string, readonly string[] | undefined>> | undefined) : undefined;
  return closed?.[label] !== undefined;
}

const STRING_LITERAL = /"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`[^`]*`/g;
const REMOVED_CALL = new RegExp(`\\b(${Object.keys(REMOVED_FUNCTIONS).join('|')})\\s*\\(`, 'g');

/**
 * Removed functions `text` calls, read from the text itself: the PromQL grammar in use is Prometheus 3's, which no
 * longer knows them and reports only a syntax error where one is called.
 */
function removedFunctionsCalled(text: string): string[] {
  return [...new Set([...text.replace(STRING_LITERAL, '""').matchAll(REMOVED_CALL)].map((m) => m[1]!))];
}

function written(selector: ParsedSelector, m: ParsedMatcher): string {
  return `${selector.name ?? ''}{${m.label}${m.op}${JSON.stringify(m.value)}}`;
}

/** Subqueries `[range:resolution]` that hold at most one sample in Prometheus 3, with their text. */
function oneSampleSubqueries(text: string, ctx: ResolvedProject): string[] {
  const out: string[] = [];
  const parsed = parsePromql(text, ctx.promqlMemo);
  parsed.tree.iterate({
    enter: (n) => {
      if (n.name !== 'SubqueryExpr') return;
      const durations = childNodes(n.node).filter((c) => c.name === 'DurationExpr').map((c) => nodeText(text, c));
      const [range, step = ctx.prometheus.evaluationInterval] = durations;
      if (!range || !DURATION.test(range) || !DURATION.test(step)) return;
      if (durationSeconds(range) <= durationSeconds(step)) out.push(`[${range}:${durations[1] ?? ''}]`);
    },
  });
  return out;
}

function queryFindings(ctx: ResolvedProject, q: QuerySite): Finding[] {
  const out: Finding[] = [];
  const at = (message: string, hint: string) => out.push(finding(promqlPrometheusThree, q.location, message, hint));
  for (const s of q.analysis.selectors) {
    for (const m of s.matchers) {
      if (FLOAT_LABELS.has(m.label)) {
        const integers = integerOnlyValues(m);
        if (integers.length > 0) {
          const v = integers[0]!;
          at(
            `${written(s, m)} names ${m.label} ${integers.map((i) => `"${i}"`).join(', ')} as a whole number; Prometheus 3 ingests ${m.label} as a float ("${v}.0") whatever the scrape format, so ${m.op.startsWith('!') ? 'the matcher excludes nothing' : 'the selector matches nothing'} there`,
            `Match both spellings while Prometheus 2 and 3 may ingest it, e.g. ${m.label}=~"${v}|${v}\\\\.0", or "${v}.0" once only Prometheus 3 does.`,
          );
        }
      }
      if ((m.op === '=~' || m.op === '!~') && !newlineFree(ctx, s, m.label)) {
        const pattern = m.value.replace(GRAFANA_VARIABLE, '');
        if (regexWildcards(pattern).some((w) => !w.anythingRun)) {
          at(
            `${written(s, m)} uses "." inside the pattern; Prometheus 3 lets "." match a newline, so a ${m.label} value holding one is ${m.op === '=~' ? 'selected' : 'excluded'} where Prometheus 2 did not`,
            `Write [^\\\\n] where a value must not span lines, \\\\. for a literal dot, or silence promql/prometheus-three with the reason ${m.label} never holds a newline.`,
          );
        }
      }
    }
  }
  for (const fn of removedFunctionsCalled(q.expr)) at(`${fn}() does not exist in Prometheus 3`, `Use ${REMOVED_FUNCTIONS[fn]}.`);
  // Only a text with a colon inside brackets can hold a subquery; walking every tree costs more than the rest.
  if (q.analysis.syntaxErrors.length === 0 && !q.expr.includes('$__') && SUBQUERY_BRACKET.test(q.expr)) {
    const text = q.kind === 'panel' || q.kind === 'variable' ? substituteGrafanaMacros(q.expr) : q.expr;
    for (const subquery of oneSampleSubqueries(text, ctx)) {
      at(
        `subquery ${subquery} is no longer than its resolution; Prometheus 3 excludes the sample on the range's left edge, so it holds one sample where Prometheus 2 could hold two (rate() and the like then return nothing)`,
        'Make the range at least twice the resolution, e.g. [2m:1m].',
      );
    }
  }
  return out;
}

/**
 * What Prometheus 3 reads differently from the Prometheus 2 deployed today (3.0 migration guide): integer-looking
 * `le`/`quantile` matchers that match nothing once ingestion writes floats, removed functions, regex `.` that now
 * matches newlines where a label can hold one, subqueries left with one sample by left-open ranges, and the
 * Alertmanager v1 API.
 */
export const promqlPrometheusThree: Check = {
  id: 'promql/prometheus-three',
  severity: 'warning',
  description:
    'Rules, alerts and panel queries that Prometheus 3 evaluates differently (integer le/quantile matchers, removed functions, regex "." across newlines, one-sample subqueries), and the Alertmanager v1 API.',
  run(ctx) {
    const out = ctx.queries.flatMap((q) => queryFindings(ctx, q));
    if (ctx.prometheus.alertmanagerApiVersion === 'v1') {
      out.push(
        finding(
          promqlPrometheusThree,
          ctx.configLocation,
          'Prometheus sends alerts with the Alertmanager v1 API, which Prometheus 3 removed: it refuses a config with api_version v1',
          'Use v2 (Alertmanager 0.16 or later).',
        ),
      );
    }
    return out;
  },
};
