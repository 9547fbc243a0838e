/**
 * The "tests affected" section of the markdown report: per alert, what happened to its rule and which of its
 * promtool scenarios were added, removed or changed, so that a threshold change is read next to the scenarios
 * that prove it. The diff compares scenarios and does not run them; the section says so.
 */
import type { AlertScenarios, ScenariosDiff } from './scenario-types';
import { code, fieldLine, plural, section } from './markdown-text';
import { cmp } from './values';

/** Said at the top of the section: whether scenarios pass is promtool's call, not the diff's, but for certain failures. */
export const NOT_RUN_NOTE =
  '_Scenarios are compared, not run: the build runs every one under promtool. The diff names a failure only when it is certain (❌: a scenario expects a removed alert to fire)._';

/** The alert's line: what happened to its rule, its scenario counts, and a warning when the two disagree. */
function alertLine(a: AlertScenarios): string {
  const files = [...new Set([...a.added, ...a.removed, ...a.changed].map((s) => s.file))].sort(cmp);
  const rule = a.rule === null ? 'rule unchanged' : `rule ${a.rule}`;
  const threshold = a.threshold ? `, threshold ${code(a.threshold.before)} → ${code(a.threshold.after)}` : '';
  const counts = [
    ...(a.added.length > 0 ? [`${a.added.length} added`] : []),
    ...(a.removed.length > 0 ? [`${a.removed.length} removed`] : []),
    ...(a.changed.length > 0 ? [`${a.changed.length} changed`] : []),
    `${a.unchanged} unchanged`,
  ];
  const touched = a.added.length + a.removed.length + a.changed.length;
  // A rule that changed while none of its scenarios did is proved only by scenarios written for the old rule.
  const warning =
    touched > 0 || (a.rule !== 'changed' && a.rule !== 'added')
      ? ''
      : a.unchanged === 0
        ? ' ⚠️ no scenario tests it'
        : ' ⚠️ no scenario changed with the rule';
  const where = files.length > 0 ? ` (${files.join(', ')})` : '';
  return `- **${a.alert}**${a.ruleFile ? ` in ${a.ruleFile}` : ''}: ${rule}${threshold}; scenarios${where}: ${counts.join(', ')}${warning}`;
}

/** The folded section; nothing when no scenario, scenario file or alert rule changed. */
export function scenariosSection(t: ScenariosDiff): string[] {
  const lines: string[] = [];
  for (const a of t.alerts) {
    lines.push(alertLine(a));
    for (const s of a.added) lines.push(`  - ➕ ${s.scenario}`);
    for (const s of a.removed) lines.push(`  - ➖ ${s.scenario}`);
    for (const s of a.changed) lines.push(s.before === undefined ? `  - 🔁 ${s.scenario} (${s.parts.join(', ')})` : `  - 🔁 ${s.before} → ${s.scenario} (${s.parts.join(', ')})`);
    for (const s of a.failing) lines.push(`  - ❌ ${code(s.name)} (${s.file}) expects it to fire: promtool will fail it`);
  }
  for (const f of t.filesAdded) lines.push(`- ➕ scenario file ${f}`);
  for (const f of t.filesRemoved) lines.push(`- ➖ scenario file ${f}`);
  for (const f of t.filesChanged) lines.push(`- 🔁 scenario file ${f.file}`, ...f.changes.map((c) => fieldLine(c)));
  if (lines.length === 0) return [];
  const total = (list: 'added' | 'removed' | 'changed') => t.alerts.reduce((n, a) => n + a[list].length, 0);
  const title = `Tests affected (${plural(t.alerts.length, 'alert')}; scenarios: ${total('added')} added, ${total('removed')} removed, ${total('changed')} changed)`;
  return section(title, [NOT_RUN_NOTE, '', ...lines]);
}
