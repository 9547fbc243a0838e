/** docs/alerts.md: the runbook, one section per alert, which each alert's `runbook_url` points at. */
import type { ProjectModel } from '../model/project';
import type { AlertModel } from '../model/alerts';
import { linkAnnotations, runbookAnchor } from '../build/rule-groups';
import { generatedNote, sourcePath } from './generated-header';

function section(project: ProjectModel, a: AlertModel): string[] {
  const links = linkAnnotations(project, a);
  const lines = [
    `### ${a.name}`,
    '',
    `**${a.severity}** · ${Object.entries(a.labels)
      .map(([k, v]) => `\`${k}=${v}\``)
      .join(' · ')}${a.for ? ` · fires after ${a.for}` : ' · fires at once'}${a.keepFiringFor ? ` · keeps firing ${a.keepFiringFor}` : ''}`,
    '',
    `${a.summary}`,
    '',
    '```promql',
    a.expr,
    '```',
    '',
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
    `**Proven by** ${a.scenarios.length} promtool scenario${a.scenarios.length === 1 ? '' : 's'}: ${a.scenarios
      .map((s) => `${s.name} (${s.expect.length === 0 ? 'quiet' : 'fires'})`)
      .join('; ')}.`,
    '',
  ];
  return lines;
}

/** Markdown text of the runbook. */
export function emitRunbookDoc(project: ProjectModel): string {
  const sources = project.alertGroups.map((g) => sourcePath(project.rootDir, g.source));
  const lines = [`<!-- ${generatedNote(sources)} -->`, '', `# ${project.name} alert runbook`, ''];
  lines.push('| alert | severity | layer group |', '|---|---|---|');
  for (const g of project.alertGroups) for (const a of g.alerts) lines.push(`| [${a.name}](#${runbookAnchor(a.name)}) | ${a.severity} | ${g.title} |`);
  lines.push('');
  for (const g of project.alertGroups) {
    lines.push(`## ${g.title}`, '');
    for (const a of g.alerts) lines.push(...section(project, a));
  }
  return lines.join('\n');
}
