import { finding, type Check, type Finding } from '../check';
import type { QuerySite } from '../../resolve/resolved-project';

/** Template actions the project's alerts may use: a value or label, optionally piped through Prometheus' humanizers. */
const ACTION = /^\s*(\$value|\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)|\$externalLabels\.[a-zA-Z_][a-zA-Z0-9_]*)(\s*\|\s*(humanize|humanize1024|humanizeDuration|humanizePercentage|humanizeTimestamp|title|toUpper|toLower))*\s*$/;

function templateProblems(q: QuerySite, text: string): string[] {
  const problems: string[] = [];
  const opens = text.split('{{').length - 1;
  const closes = text.split('}}').length - 1;
  if (opens !== closes) return [`has unbalanced template braces ({{ ×${opens}, }} ×${closes})`];
  for (const m of text.matchAll(/\{\{(.*?)\}\}/gs)) {
    const action = ACTION.exec(m[1]!);
    if (!action) {
      problems.push(`uses an unsupported template action {{${m[1]}}}`);
      continue;
    }
    const label = action[2];
    const returned = q.analysis.outputLabels;
    if (label !== undefined && returned !== undefined && !returned.has(label)) {
      problems.push(`refers to $labels.${label}, which the expression cannot return (it returns: ${[...returned].sort().join(', ') || 'no labels'})`);
    }
  }
  return problems;
}

/** Summaries are static sentences; descriptions are valid templates that only name labels the expression returns. */
export const alertsAnnotations: Check = {
  id: 'alerts/annotations',
  severity: 'error',
  description: 'Summaries that are templated or not a sentence; descriptions with broken templates or labels the expression cannot return.',
  run(ctx) {
    const out: Finding[] = [];
    for (const q of ctx.queries) {
      const a = q.alert;
      if (!a) continue;
      if (a.summary.includes('{{')) out.push(finding(alertsAnnotations, q.location, 'summary is templated', 'Keep the summary static so notifications group; put values in the description.'));
      if (!/^[A-Z].*\.$/s.test(a.summary.trim())) out.push(finding(alertsAnnotations, q.location, `summary "${a.summary}" is not a sentence ending in a period`, 'Start with a capital letter and end with a period.'));
      if (a.description.trim() === '') out.push(finding(alertsAnnotations, q.location, 'description is empty', 'Say what is wrong, with the value, in one or two sentences.'));
      for (const p of templateProblems(q, a.description)) out.push(finding(alertsAnnotations, q.location, `description ${p}`, 'Use {{ $value | humanize... }} and {{ $labels.<label> }} of labels the expression keeps.'));
      const r = a.runbook;
      if (!r.meaning.trim() || !r.impact.trim() || r.diagnose.length === 0 || r.mitigate.length === 0) {
        out.push(finding(alertsAnnotations, q.location, 'runbook is incomplete', 'Give its meaning, impact, diagnose steps and mitigate steps.'));
      }
    }
    return out;
  },
};
