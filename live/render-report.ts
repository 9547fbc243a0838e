/** The live verification report as markdown: counts, each problem, and the fault timings. */
import type { LiveReport } from './verify';

export function liveReportProblems(report: LiveReport): string[] {
  return [
    ...report.targets.down.map((t) => `target down: ${t}`),
    ...report.ruleGroups.unhealthy.map((r) => `rule not healthy: ${r}`),
    ...report.recordingRules.empty.map((r) => `recording rule returns no series: ${r}`),
    ...report.panels.problems.map((p) => `panel "${p.panel}" (${p.refId}) of dashboard "${p.dashboard}" (${p.file}): ${p.problem}: ${p.query}`),
    ...report.faults.filter((f) => !f.deliveredTo.includes(f.expectedReceiver)).map((f) => `${f.alert} did not reach ${f.expectedReceiver}`),
  ];
}

export function renderLiveReport(report: LiveReport, elapsedSeconds: number): string {
  const problems = liveReportProblems(report);
  const lines = [
    `## Live verification: ${problems.length === 0 ? 'passed' : `${problems.length} problem(s)`} in ${elapsedSeconds.toFixed(0)} s`,
    '',
    '| check | checked | failed |',
    '|---|---|---|',
    `| scrape targets up | ${report.targets.total} | ${report.targets.down.length} |`,
    `| rules healthy (${report.ruleGroups.groups} groups) | ${report.ruleGroups.rules} | ${report.ruleGroups.unhealthy.length} |`,
    `| recording rules returning series | ${report.recordingRules.total} | ${report.recordingRules.empty.length} |`,
    `| dashboard panel queries returning data | ${report.panels.total} | ${report.panels.problems.length} |`,
    '',
    '| fault | alert | routed to | delivered to | fired after | delivered after | resolved after restore |',
    '|---|---|---|---|---|---|---|',
    ...report.faults.map(
      (f) =>
        `| ${f.fault} | ${f.alert} | ${f.expectedReceiver} | ${f.deliveredTo.join(', ')} | ${f.firedAfter} s | ${f.deliveredAfter} s | ${f.resolvedAfter !== undefined ? `${f.resolvedAfter} s` : '–'} |`,
    ),
  ];
  if (problems.length > 0) lines.push('', '### Problems', '', ...problems.map((p) => `- ${p}`));
  return `${lines.join('\n')}\n`;
}
