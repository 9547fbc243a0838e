/**
 * Silences: a definition may turn one check off for itself, with a written reason. Findings are matched to the
 * silences of their definition and of every definition containing it (a dashboard's silences cover its panels).
 */
import type { ProjectModel } from '../model/project';
import { sourcePath } from '../emit/generated-header';
import type { Check, Finding } from './check';

interface SilenceSite {
  readonly file: string;
  readonly definition: string;
  readonly silences: ReadonlyArray<{ readonly check: string; readonly reason: string }>;
}

/** Every definition of the project that silences something, with its definition path as findings name it. */
function silenceSites(project: ProjectModel): SilenceSite[] {
  const file = (source: string) => sourcePath(project.rootDir, source);
  const sites: SilenceSite[] = [];
  for (const d of project.dashboards) {
    if (d.silence) sites.push({ file: file(d.source), definition: `dashboard "${d.id}"`, silences: d.silence });
    for (const r of d.rows) {
      for (const p of r.panels) {
        if (p.silence) sites.push({ file: file(d.source), definition: `dashboard "${d.id}" › panel "${p.title}"`, silences: p.silence });
      }
    }
  }
  for (const g of project.ruleGroups) {
    for (const r of g.rules) {
      if (r.kind === 'recording' && r.silence) sites.push({ file: file(g.source), definition: `rule group "${g.name}" › recording rule "${r.record}"`, silences: r.silence });
    }
  }
  for (const g of project.alertGroups) {
    for (const a of g.alerts) {
      if (a.silence) sites.push({ file: file(a.source), definition: `alert group "${g.name}" › alert "${a.name}"`, silences: a.silence });
    }
  }
  return sites;
}

const covers = (site: string, definition: string) => definition === site || definition.startsWith(`${site} › `);

/**
 * Marks findings a definition has silenced (`silencedBecause`), and adds a `checks/silence` finding for every
 * silence without a reason or naming a check that does not exist.
 */
export function applySilences(project: ProjectModel, findings: readonly Finding[], checks: readonly Check[], allCheckIds: ReadonlySet<string>): Finding[] {
  const sites = silenceSites(project);
  const problems: Finding[] = [];
  for (const site of sites) {
    for (const s of site.silences) {
      const where = { checkId: 'checks/silence', severity: 'error' as const, file: site.file, definition: site.definition };
      if (s.reason.trim().length < 10) problems.push({ ...where, message: `silences ${s.check} without a reason`, hint: 'Say in a sentence why the check does not apply here.' });
      if (!allCheckIds.has(s.check)) problems.push({ ...where, message: `silences ${s.check}, which is not a check`, hint: `Use one of: ${[...allCheckIds].sort().join(', ')}.` });
    }
  }
  void checks;
  const silenced = findings.map((f) => {
    const site = sites.find((x) => x.file === f.file && covers(x.definition, f.definition) && x.silences.some((s) => s.check === f.checkId && s.reason.trim().length >= 10));
    const reason = site?.silences.find((s) => s.check === f.checkId)?.reason;
    return reason ? { ...f, silencedBecause: reason } : f;
  });
  return [...silenced, ...problems];
}
