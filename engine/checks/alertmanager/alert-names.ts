import type { MatcherModel, RouteModel } from '../../model/alertmanager';
import { finding, type Check, type Finding } from '../check';
import { within, type Location } from '../../model/location';

/** Alert names a matcher on `alertname` refers to, when it is a literal or an alternation of literals. */
function namedAlerts(m: MatcherModel): string[] {
  if (m.label !== 'alertname') return [];
  if (m.op === '=' || m.op === '!=') return [m.value];
  return /^[a-zA-Z0-9_:|]+$/.test(m.value) ? m.value.split('|') : [];
}

function routeMatchers(route: RouteModel, at: Location): Array<{ at: Location; matchers: readonly MatcherModel[] }> {
  return [{ at, matchers: route.matchers ?? [] }, ...(route.routes ?? []).flatMap((r, i) => routeMatchers(r, within(at, ['route', i + 1])))];
}

/** Routes and inhibition rules may only name alerts the project defines: a typo there silently routes nothing. */
export const alertmanagerAlertNames: Check = {
  id: 'alertmanager/alert-names',
  severity: 'error',
  description: 'Routes or inhibition rules that match alert names no alert of the project has.',
  run(ctx) {
    const am = ctx.alertmanager;
    const defined = new Set(ctx.alertGroups.flatMap((g) => g.alerts.map((a) => a.name)));
    const file = ctx.alertmanagerLocation;
    const sites = [
      ...routeMatchers(am.route, within(file, ['route'])),
      ...am.inhibitRules.flatMap((r, i) => [
        { at: within(file, ['inhibit rule', i + 1], ['source']), matchers: r.source },
        { at: within(file, ['inhibit rule', i + 1], ['target']), matchers: r.target },
      ]),
    ];
    const out: Finding[] = [];
    for (const site of sites) {
      for (const m of site.matchers) {
        for (const name of namedAlerts(m)) {
          if (!defined.has(name)) {
            out.push(finding(alertmanagerAlertNames, site.at, `matches alertname "${name}", which no alert defines`, 'Fix the name or remove it from the matcher.'));
          }
        }
      }
    }
    return out;
  },
};
