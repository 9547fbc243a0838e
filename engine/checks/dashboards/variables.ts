import { finding, type Check, type Finding } from '../check';
import type { QuerySite } from '../../resolve/resolved-project';
import { within } from '../../model/location';
import type { DashboardModel } from '../../model/dashboard';

/**
 * Variables Grafana defines on every dashboard: its global macros, and the `datasource` variable the emitter adds.
 * Anything else a query uses must be a variable of the dashboard.
 */
export const BUILT_IN_VARIABLES: ReadonlySet<string> = new Set([
  '__rate_interval',
  '__rate_interval_ms',
  '__interval',
  '__interval_ms',
  '__range',
  '__range_s',
  '__range_ms',
  '__from',
  '__to',
  '__dashboard',
  '__org',
  '__user',
  '__timezone',
  'datasource',
]);

/**
 * Variable references as Grafana interpolates them: `$name`, `${name}`, `${name:format}`, `${name.field}` and the
 * deprecated `[[name]]`. Names starting with a digit (`$1` in label_replace) are capture groups, not variables.
 */
const REFERENCE = /\$\{([A-Za-z0-9_]+)(?:[.:][^}]*)?\}|\$([A-Za-z0-9_]+)|\[\[([A-Za-z0-9_]+)(?::[^\]]*)?\]\]/g;

/** Names of the variables `text` references, in order of first use. */
export function variableReferences(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(REFERENCE)) {
    const name = m[1] ?? m[2] ?? m[3]!;
    if (!/^[0-9]/.test(name)) names.add(name);
  }
  return [...names];
}

/** Panel queries use only variables the dashboard defines (or Grafana's built-ins); every variable is used. */
export const dashboardVariables: Check = {
  id: 'dashboard/variables',
  severity: 'error',
  description: 'Panel queries using a $variable the dashboard does not define, and (as a warning) variables no panel query uses.',
  run(ctx) {
    const out: Finding[] = [];
    const sitesByDashboard = new Map<DashboardModel, QuerySite[]>();
    for (const q of ctx.queries) {
      if ((q.kind !== 'panel' && q.kind !== 'variable') || !q.dashboard) continue;
      sitesByDashboard.set(q.dashboard, [...(sitesByDashboard.get(q.dashboard) ?? []), q]);
    }
    for (const { dashboard, location } of ctx.dashboards) {
      const defined = new Set(dashboard.variables.map((v) => v.name));
      const used = new Set<string>();
      for (const site of sitesByDashboard.get(dashboard) ?? []) {
        // A variable's own series referring to it does not count as a use.
        const self = site.variable;
        for (const name of variableReferences(site.expr)) {
          if (name !== self) used.add(name);
          if (defined.has(name) || BUILT_IN_VARIABLES.has(name)) continue;
          out.push(
            finding(
              dashboardVariables,
              site.location,
              `uses $${name}, which the dashboard does not define: ${site.expr}`,
              `Add a variable named "${name}" to the dashboard or fix the name; defined here: ${[...defined].sort().join(', ') || 'none'} (besides Grafana's $__rate_interval, $__interval, $__range and $datasource).`,
            ),
          );
        }
      }
      for (const v of dashboard.variables) {
        if (used.has(v.name)) continue;
        out.push(
          finding(
            { id: dashboardVariables.id, severity: 'warning' },
            within(location, ['variable', v.name]),
            `variable "${v.name}" is used by no panel query or other variable`,
            `Filter the panels it is meant for with it (e.g. ${v.labelName}=~"$${v.name}"), or remove the variable.`,
          ),
        );
      }
    }
    return out;
  },
};
