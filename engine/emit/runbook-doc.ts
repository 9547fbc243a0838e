/** docs/alerts.md: the runbook, one section per alert, which each alert's `runbook_url` points at. */
import type { ProjectModel } from '../model/project';
import type { AlertModel } from '../model/alerts';
import { linkAnnotations, runbookAnchor } from '../build/rule-groups';
import { generatedNote, sourcePath } from './generated-header';

/** One line per rule of the name: severity, labels, timing, then its expression. */
function ruleLines(a: AlertModel): string[] {
  const labels = Object.entries(a.labels).map(([k, v]) => `\`${k}=${v}\``);
  const timing = `${a.for ? `fires after ${a.for}` : 'fires at once'}${a.keepFiringFor ? `, keeps firing ${a.keepFiringFor}` : ''}`;
  return [`**${a.severity}** · ${[...labels, timing].join(' · ')}`, '', '```promql', a.expr, '```', ''];
}

/** The section of an alert name; `rules` are its rules (one per severity where there are several). */
function section(project: ProjectModel, rules: readonly AlertModel[]): string[] {
  const a = rules[0]!;
  const links = linkAnnotations(project, a);
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
    ...(links.dashboard_url ? [`${a.runbook.diagnose.length + 1}. Open the dashboard panel: ${links.dashboard_url}`] : []),
    '',
    '**Mitigate.**',
    '',
    ...a.runbook.mitigate.map((step, i) => `${i + 1}. ${step}`),
    '',
    `**Proven by** ${scenarios.length} promtool scenario${scenarios.length === 1 ? '' : 's'}: ${scenarios
      .map((s) => `${s.name} (${s.expect.length === 0 ? 'quiet' : 'fires'})`)
      .join('; ')}.`,
    '',
  ];
  return lines;
}

/** Alerts grouped by runbook section (their name, or their own anchor), in order of first appearance. */
function byName(alerts: readonly AlertModel[]): AlertModel[][] {
  const groups = new Map<string, AlertModel[]>();
  for (const a of alerts) groups.set(runbookAnchor(a), [...(groups.get(runbookAnchor(a)) ?? []), a]);
  return [...groups.values()];
}

/** Markdown text of the runbook. */
export function emitRunbookDoc(project: ProjectModel): string {
  const sources = project.alertGroups.map((g) => sourcePath(project.rootDir, g.source));
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
    for (const rules of byName(g.alerts)) lines.push(...section(project, rules));
  }
  return lines.join('\n');
}
