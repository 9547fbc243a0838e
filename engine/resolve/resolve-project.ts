/**
 * The resolve stage: definitions in, the resolved project out, made once per build. Everything later stages need
 * that is derived from the definitions is derived here, so that no check or emitter recomputes another's work.
 */
import type { ProjectDefinitions } from '../model/project';
import type { RuleGroupModel } from '../model/rules';
import { locate, sourcePath, within, type Location } from '../model/location';
import { layoutDashboard } from '../dashboards/layout';
import { dashboardUid } from '../dashboards/stable-ids';
import { validateSlos } from '../slo/validate';
import { expandSlo } from '../slo/rules';
import { alertRule, type LinkBase } from './alert-rules';
import { querySites } from './query-sites';
import { alertEvidence } from './evidence';
import { createPromqlMemo } from '../promql/analyze';
import type { ResolvedAlertGroup, ResolvedDashboard, ResolvedProject, SilenceSite } from './resolved-project';

/**
 * Resolves a project's definitions. Throws SloDefinitionError (engine/slo/validate.ts) when an SLO is invalid;
 * everything else a definition can get wrong is for the checks to report.
 */
export function resolveProject(definitions: ProjectDefinitions): ResolvedProject {
  const { dashboards: dashboardDefinitions, ruleGroups, alertGroups: alertGroupDefinitions, slos: sloSpecs, sloConventions, ...settings } = definitions;
  const fileOf = (source: string) => sourcePath(definitions.rootDir, source);
  const uidOf = (id: string) => dashboardUid(definitions.uidPrefix, id);

  const slos = validateSlos(sloSpecs, fileOf);
  const expanded = slos.map((slo) => expandSlo(slo, sloConventions));
  const recordingGroups = [...ruleGroups, ...expanded.flatMap((e) => e.recordingGroups)];

  const links: LinkBase = { ...definitions.links, uidPrefix: definitions.uidPrefix };
  const alertGroups: ResolvedAlertGroup[] = [...alertGroupDefinitions, ...expanded.map((e) => e.alertGroup)].map((group) => ({
    ...group,
    alerts: group.alerts.map((a) => ({ ...a, rule: alertRule(links, a), location: locate(fileOf(a.source), ['alert group', group.name], ['alert', a.name]) })),
  }));
  const alertRuleGroups = alertGroups.map(
    (g): RuleGroupModel => ({ name: g.name, file: g.file, ...(g.interval ? { interval: g.interval } : {}), source: g.source, rules: g.alerts.map((a) => a.rule) }),
  );

  const dashboards: ResolvedDashboard[] = dashboardDefinitions.map((dashboard) => ({
    dashboard,
    location: locate(fileOf(dashboard.source), ['dashboard', dashboard.id]),
    uid: uidOf(dashboard.id),
    rows: layoutDashboard(dashboard),
  }));

  const promqlMemo = createPromqlMemo();
  const { queries, recordedLabels } = querySites({ catalog: definitions.catalog, dashboards, recordingGroups, alertGroups, fileOf, memo: promqlMemo });

  const analyses = new Map(queries.filter((q) => q.kind === 'rule' || q.kind === 'alert').map((q) => [q.expr, q.analysis]));
  const evidence = alertEvidence({
    catalog: definitions.catalog,
    alerts: alertGroups.flatMap((g) => g.alerts),
    recordingGroups,
    analysisOf: (expr) => analyses.get(expr),
    memo: promqlMemo,
  });

  return {
    ...settings,
    dashboards,
    recordingGroups,
    alertGroups,
    ruleGroups: [...recordingGroups, ...alertRuleGroups],
    slos: slos.map((slo) => ({ slo, location: locate(fileOf(slo.source), ['SLO', slo.id]) })),
    queries,
    recordedLabels,
    silences: silenceSites(dashboards, recordingGroups, alertGroups, fileOf),
    promqlMemo,
    evidence,
    configLocation: locate(fileOf(definitions.sources.config)),
    alertmanagerLocation: locate(fileOf(definitions.alertmanager.source), ['alertmanager']),
    fileOf,
    uidOf,
  };
}

/** Every definition that silences something, at the location its findings have. */
function silenceSites(
  dashboards: readonly ResolvedDashboard[],
  recordingGroups: readonly RuleGroupModel[],
  alertGroups: readonly ResolvedAlertGroup[],
  fileOf: (source: string) => string,
): SilenceSite[] {
  const sites: SilenceSite[] = [];
  const add = (location: Location, silences: SilenceSite['silences'] | undefined) => {
    if (silences && silences.length > 0) sites.push({ location, silences });
  };
  for (const { dashboard, location } of dashboards) {
    add(location, dashboard.silence);
    for (const row of dashboard.rows) for (const panel of row.panels) add(within(location, ['panel', panel.title]), panel.silence);
  }
  for (const group of recordingGroups) {
    for (const rule of group.rules) {
      if (rule.kind === 'recording') add(locate(fileOf(group.source), ['rule group', group.name], ['recording rule', rule.record]), rule.silence);
    }
  }
  for (const group of alertGroups) for (const alert of group.alerts) add(alert.location, alert.silence);
  return sites;
}
