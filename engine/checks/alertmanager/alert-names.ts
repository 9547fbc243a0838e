import type { MatcherModel, RouteModel } from '../../model/alertmanager';
import { finding, type Check, type Finding } from '../check';

/** Alert names a matcher on `alertname` refers to, when it is a literal or an alternation of literals. */
function namedAlerts(m: MatcherModel): string[] {
  if (m.label !== 'alertname') return [];
  if (m.op === '=' || m.op === '!=') return [m.value];
  return /^[a-zA-Z0-9_:|]+$/.test(m.value) ? m.value.split('|') : [];
}

function routeMatchers(route: RouteModel, path: string): Array<{ where: string; matchers: readonly MatcherModel[] }> {
  return [
    { where: path, matchers: route.matchers ?? [] },
    ...(route.routes ?? []).flatMap((r, i) => routeMatchers(r, `${path} › route ${i + 1}`)),
  ];
}

/** Routes and inhibition rules may only name alerts the project defines: a typo there silently routes nothing. */
export const alertmanagerAlertNames: Check = {
  id: 'alertmanager/alert-names',
  severity: 'error',
  description: 'Routes or inhibition rules that match alert names no alert of the project has.',
  run(ctx) {
    const am = ctx.project.alertmanager;
    const defined = new Set(ctx.project.alertGroups.flatMap((g) => g.alerts.map((a) => a.name)));
    const file = ctx.fileOf(am.source);
    const sites = [
      ...routeMatchers(am.route, 'route'),
      ...am.inhibitRules.flatMap((r, i) => [
        { where: `inhibit rule ${i + 1} › source`, matchers: r.source },
        { where: `inhibit rule ${i + 1} › target`, matchers: r.target },
      ]),
    ];
    const out: Finding[] = [];
    for (const site of sites) {
      for (const m of site.matchers) {
        for (const name of namedAlerts(m)) {
          if (!defined.has(name)) {
            out.push(finding(alertmanagerAlertNames, { file, definition: `alertmanager ${site.where}` }, `matches alertname "${name}", which no alert defines`, 'Fix the name or remove it from the matcher.'));
          }
        }
      }
    }
    return out;
  },
};
