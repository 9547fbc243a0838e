/**
 * Rewrites a query so that it reads raw series instead of recording rules: every selector of a recorded series is
 * replaced by the rule's expression (recursively), which is what the query would cost without the rules. The
 * benchmark compares the two. Matchers on a rule's static labels choose the rule instances (one record name can
 * have several rules, e.g. one per SLO); other matchers are pushed into the selectors of the rule's expression
 * that carry the label; the static labels are put back with label_replace; a recorded series read over a range
 * becomes a subquery at the rule's evaluation interval.
 */
import type { SeriesLabels } from './analyze';
import { nodeText, parsePromql, rangeWindow, selectorMatchers, selectorName, type SyntaxNode, type WrittenMatcher } from './syntax';

export interface InlinableRule {
  readonly record: string;
  readonly expr: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The evaluation interval of the rule's group, e.g. `30s`. */
  readonly interval: string;
}

/** Matchers keep their literal as written: pushed into another selector, they read exactly as the query had them. */
type Matcher = WrittenMatcher;

function matches(m: Matcher, value: string): boolean {
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return new RegExp(`^(?:${m.value})$`).test(value);
    default:
      return !new RegExp(`^(?:${m.value})$`).test(value);
  }
}

function selectorParts(node: SyntaxNode, text: string): { name: string | undefined; matchers: Matcher[] } {
  const matchers = selectorMatchers(text, node);
  return { name: selectorName(text, node, matchers), matchers };
}

/** Adds `matchers` to every selector in `expr` that carries their label (or is itself a recorded series). */
function pushMatchers(expr: string, matchers: readonly Matcher[], isRecord: (name: string) => boolean, seriesLabels: SeriesLabels): string {
  if (matchers.length === 0) return expr;
  const edits: { from: number; to: number; text: string }[] = [];
  parsePromql(expr).tree.iterate({
    enter: (n) => {
      if (n.name !== 'VectorSelector') return;
      const { name, matchers: own } = selectorParts(n.node, expr);
      if (!name) return false;
      const labels = seriesLabels(name);
      const extra = matchers.filter((m) => (isRecord(name) || labels?.has(m.label)) && !own.some((o) => o.label === m.label && o.op === m.op && o.value === m.value));
      if (extra.length === 0) return false;
      const all = [...own.map((m) => `${m.label}${m.op}${m.literal}`), ...extra.map((m) => `${m.label}${m.op}${m.literal}`)];
      edits.push({ from: n.from, to: n.to, text: `${name}{${all.join(', ')}}` });
      return false;
    },
  });
  return applyEdits(expr, edits);
}

function applyEdits(text: string, edits: readonly { from: number; to: number; text: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.from - a.from)) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}

/** `query` with every recorded series replaced by what its rules compute from raw series. */
export function inlineRecordingRules(query: string, rules: readonly InlinableRule[], seriesLabels: SeriesLabels, depth = 0): string {
  if (depth > 20) throw new Error(`recording rules nest deeper than 20 levels in: ${query}`);
  const byRecord = new Map<string, InlinableRule[]>();
  for (const r of rules) byRecord.set(r.record, [...(byRecord.get(r.record) ?? []), r]);
  const isRecord = (name: string) => byRecord.has(name);

  const expansion = (name: string, matchers: readonly Matcher[]): { text: string; interval: string } => {
    const instances = byRecord.get(name)!.filter((r) => matchers.every((m) => !(m.label in r.labels) || matches(m, r.labels[m.label]!)));
    if (instances.length === 0) return { text: `vector(0) unless vector(0)`, interval: '30s' };
    const parts = instances.map((r) => {
      const pushed = matchers.filter((m) => !(m.label in r.labels) && m.label !== '__name__');
      let inner = inlineRecordingRules(pushMatchers(r.expr, pushed, isRecord, seriesLabels), rules, seriesLabels, depth + 1);
      for (const [label, value] of Object.entries(r.labels).sort()) inner = `label_replace(${inner}, ${JSON.stringify(label)}, ${JSON.stringify(value)}, "", "")`;
      return inner;
    });
    return { text: parts.length === 1 ? parts[0]! : parts.map((p) => `(${p})`).join(' or '), interval: instances[0]!.interval };
  };

  const edits: { from: number; to: number; text: string }[] = [];
  parsePromql(query).tree.iterate({
    enter: (n) => {
      if (n.name === 'MatrixSelector') {
        const selector = n.node.getChild('VectorSelector');
        const duration = rangeWindow(n.node);
        const parts = selector ? selectorParts(selector, query) : undefined;
        if (!selector || !duration || !parts?.name || !isRecord(parts.name)) return;
        const { text, interval } = expansion(parts.name, parts.matchers);
        edits.push({ from: n.from, to: n.to, text: `(${text})[${nodeText(query, duration)}:${interval}]` });
        return false;
      }
      if (n.name !== 'VectorSelector') return;
      const parts = selectorParts(n.node, query);
      if (parts.name && isRecord(parts.name)) edits.push({ from: n.from, to: n.to, text: `(${expansion(parts.name, parts.matchers).text})` });
      return false;
    },
  });
  return applyEdits(query, edits);
}
