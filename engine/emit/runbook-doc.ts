/** docs/alerts.md: the runbook, one section per alert, which each alert's `runbook_url` points at. */
import type { ResolvedProject } from '../resolve/resolved-project';
import type { ResolvedAlert } from '../resolve/resolved-alert';
import { runbookAnchor } from '../resolve/alert-rules';
import { generatedNote } from './generated-header';
import { evidenceLines } from './runbook-evidence';
import type { AlertEvidence } from '../resolve/evidence';

/** One line per rule of the name: severity, labels, timing, then its expression. */
function ruleLines(a: ResolvedAlert): string[] {
  const labels = Object.entries(a.labels).map(([k, v]) => `\`${k}=${v}\``);
  const timing = `${a.for ? `fires after ${a.for}` : 'fires at once'}${a.keepFiringFor ? `, keeps firing ${a.keepFiringFor}` : ''}`;
  return [`**${a.severity}** · ${[...labels, timing].join(' · ')}`, '', '```promql', a.expr, '```', ''];
}

/** The section of an alert name; `rules` are its rules (one per severity where there are several). */
function section(rules: readonly ResolvedAlert[], evidence: readonly AlertEvidence[]): string[] {
  const a = rules[0]!;
  const dashboardUrl = a.rule.annotations.dashboard_url;
  const scenarios = rules.flatMap((r) => r.scenarios);
  const lines = [
    ...(a.runbookAnchor ? [`<a id="${a.runbookAnchor}"></a>`, ''] : []),
    `### ${a.name}${a.runbookAnchor ? ` (${a.runbookAnchor.replace(`${a.name.toLowerCase()}-`, '')})` : ''}`,
    '',
    `${a.summary}`,
    '',
    ...rules.flatMap(ruleLines),
    `**What it means.** ${a.runbook.meaning}`,
    '',
    `**Impact on the trading block.** ${a.runbook.impact}`,
    '',
    '**Diagnose.**',
    '',
    ...a.runbook.diagnose.map((step, i) => `${i + 1}. ${step}`),
    ...(dashboardUrl ? [`${a.runbook.diagnose.length + 1}. Open the dashboard panel: ${dashboardUrl}`] : []),
    '',
    '**Mitigate.**',
    '',
    ...a.runbook.mitigate.map((step, i) => `${i + 1}. ${step}`),
    '',
    ...evidenceLines(evidence.filter((e) => rules.includes(e.alert))),
    `**Proven by** ${scenarios.length} promtool scenario${scenarios.length === 1 ? '' : 's'}: ${scenarios
      .map((s) => `${s.name} (${s.expect.length === 0 ? 'quiet' : 'fires'})`)
      .join('; ')}.`,
    '',
  ];
  return lines;
}

/** Alerts grouped by runbook section (their name, or their own anchor), in order of first appearance. */
function byName(alerts: readonly ResolvedAlert[]): ResolvedAlert[][] {
  const groups = new Map<string, ResolvedAlert[]>();
  for (const a of alerts) groups.set(runbookAnchor(a), [...(groups.get(runbookAnchor(a)) ?? []), a]);
  return [...groups.values()];
}

/** Markdown text of the runbook. */
export function emitRunbookDoc(project: ResolvedProject): string {
  const sources = project.alertGroups.map((g) => project.fileOf(g.source));
  const lines = [`<!-- ${generatedNote(sources)} -->`, '', `# ${project.name} alert runbook`, ''];
  lines.push('| alert | severity | layer |', '|---|---|---|');
  for (const g of project.alertGroups) {
    for (const rules of byName(g.alerts)) {
      lines.push(`| [${rules[0]!.name}](#${runbookAnchor(rules[0]!)}) | ${rules.map((r) => r.severity).join(', ')} | ${g.title} |`);
    }
  }
  lines.push('');
  for (const g of project.alertGroups) {
    lines.push(`## ${g.title}`, '');
    for (const rules of byName(g.alerts)) lines.push(...section(rules, project.evidence));
  }
  return lines.join('\n');
}
