/**
 * The semantic diff as a pull-request comment: a short summary first, then one folded `<details>` block per
 * section. Nothing changed → one line.
 */
import { dashboardsSection } from './markdown-dashboards';
import { scenariosSection } from './markdown-scenarios';
import { code, fieldLine, plural, section } from './markdown-text';
import { diffCounts, isEmptyDiff, type ObservabilityDiff } from './types';

/** The whole report when nothing changed. */
export const NO_CHANGE = 'No observability change.';

const num = (n: number | null) => (n === null ? '?' : String(n));
const pct = (n: number | null) => (n === null ? '?' : `${Number((n * 100).toPrecision(10))} %`);

/** The report as markdown: the summary line, then one folded section per kind of change that has any. */
export function renderMarkdown(diff: ObservabilityDiff): string {
  if (isEmptyDiff(diff)) return `${NO_CHANGE}\n`;
  const out: string[] = ['### Observability diff', ''];
  const counts = diffCounts(diff).filter(([, n]) => n > 0);
  out.push(counts.map(([kind, n]) => `${n} ${kind}`).join(' · '), '');
  if (diff.warnings.length > 0) out.push(`⚠️ ${plural(diff.warnings.length, 'generated file')} could not be parsed.`, '');

  const a = diff.alerts;
  const alertLines: string[] = [];
  for (const x of a.added) alertLines.push(`- ➕ **${x.key}** (${x.file}) → ${x.receivers.join(', ') || '_no receiver_'}: ${code(x.expr)}`);
  for (const x of a.removed) alertLines.push(`- ➖ **${x.key}** (${x.file}), routed to ${x.receivers.join(', ') || '_no receiver_'}`);
  for (const x of a.renamed) {
    alertLines.push(`- ✏️ renamed **${x.from}** → **${x.to}** [${x.severity}] (${x.file})`);
    for (const c of x.changes) alertLines.push(fieldLine(c));
  }
  for (const x of a.changed) {
    alertLines.push(`- 🔁 **${x.key}** (${x.file})`);
    for (const c of x.changes) alertLines.push(fieldLine(c));
  }
  out.push(...section(`Alerts (${a.added.length} added, ${a.removed.length} removed, ${a.renamed.length} renamed, ${a.changed.length} changed)`, alertLines));
  out.push(...scenariosSection(diff.scenarios));

  const s = diff.slos;
  const sloLines: string[] = [];
  for (const x of s.added) sloLines.push(`- ➕ **${x.name}** (${x.id}): objective ${pct(x.objective)} over ${num(x.periodDays)}d, budget ${num(x.errorBudgetMinutes)} min`);
  for (const x of s.removed) sloLines.push(`- ➖ **${x.name}** (${x.id})`);
  for (const x of s.changed) {
    sloLines.push(
      `- 🔁 **${x.name}** (${x.id}): objective ${pct(x.before.objective)} → ${pct(x.after.objective)}, period ${num(x.before.periodDays)}d → ${num(x.after.periodDays)}d, error budget ${num(x.before.errorBudgetMinutes)} → ${num(x.after.errorBudgetMinutes)} min of full outage per period`,
    );
    for (const t of x.tiers)
      sloLines.push(`  - ${t.tier}: error-ratio threshold ${num(t.thresholdBefore)} → ${num(t.thresholdAfter)} (burn-rate factor ${num(t.factorBefore)} → ${num(t.factorAfter)})`);
  }
  out.push(...section(`SLOs (${s.added.length} added, ${s.removed.length} removed, ${s.changed.length} changed)`, sloLines));

  const r = diff.recordingRules;
  const deps = (list: readonly { kind: string; name: string }[]) =>
    list.length === 0 ? [] : [`  - used by: ${list.map((d) => `${d.kind} ${code(d.name)}`).join(', ')}`];
  const ruleLines: string[] = [];
  for (const x of r.added) ruleLines.push(`- ➕ ${code(x.key)} (${x.file}): ${code(x.expr)}`, ...deps(x.dependents));
  for (const x of r.removed) ruleLines.push(`- ➖ ${code(x.key)} (${x.file})`, ...deps(x.dependents));
  for (const x of r.changed) ruleLines.push(`- 🔁 ${code(x.key)} (${x.file}): ${code(x.exprBefore)} → ${code(x.expr)}`, ...deps(x.dependents));
  out.push(...section(`Recording rules (${r.added.length} added, ${r.removed.length} removed, ${r.changed.length} changed)`, ruleLines));

  out.push(...dashboardsSection(diff.dashboards));

  const m = diff.alertmanager;
  const amLines: string[] = [];
  for (const x of m.routesAdded) amLines.push(`- ➕ route ${code(x.path)} → ${x.receiver}`);
  for (const x of m.routesRemoved) amLines.push(`- ➖ route ${code(x.path)} → ${x.receiver}`);
  for (const x of m.routesChanged) {
    amLines.push(`- 🔁 route ${code(x.path)}`);
    for (const c of x.changes) amLines.push(fieldLine(c));
  }
  for (const x of m.receiversAdded) amLines.push(`- ➕ receiver ${x}`);
  for (const x of m.receiversRemoved) amLines.push(`- ➖ receiver ${x}`);
  for (const x of m.receiversChanged) {
    amLines.push(`- 🔁 receiver ${x.name}`);
    for (const c of x.changes) amLines.push(fieldLine(c));
  }
  const eq = (e: readonly string[]) => (e.length === 0 ? '' : ` with equal (${e.join(', ')})`);
  for (const x of m.inhibitRulesAdded) amLines.push(`- ➕ inhibition: ${code(x.source)} mutes ${code(x.target)}${eq(x.equal)}`);
  for (const x of m.inhibitRulesRemoved) amLines.push(`- ➖ inhibition: ${code(x.source)} mutes ${code(x.target)}${eq(x.equal)}`);
  for (const x of m.inhibitRulesChanged)
    amLines.push(`- 🔁 inhibition: ${code(x.source)} mutes ${code(x.target)}: equal (${x.equalBefore.join(', ')}) → (${x.equalAfter.join(', ')})`);
  out.push(...section('Alertmanager routes, receivers and inhibitions', amLines));

  const o = diff.otherFiles;
  const otherLines = [...o.added.map((p) => `- ➕ ${p}`), ...o.removed.map((p) => `- ➖ ${p}`), ...o.changed.map((p) => `- 🔁 ${p}`)];
  out.push(...section('Other generated files', otherLines));
  out.push(...section('Warnings', diff.warnings.map((w) => `- ${w}`)));

  while (out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}
