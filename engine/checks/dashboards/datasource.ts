import { finding, type Check, type Finding } from '../check';
import { within } from '../../model/location';

/** Grafana's rule for a datasource uid. */
const UID = /^[a-zA-Z0-9_-]{1,40}$/;
/** Placeholders of a dashboard exported "for sharing externally" (`${DS_PROMETHEUS}`), resolved only on import. */
const IMPORT_PLACEHOLDER = /\$\{?DS_[A-Za-z0-9_]*\}?/;
/** The variable the emitter points every panel and variable at; a dashboard variable of that name would shadow it. */
const RESERVED_VARIABLE = 'datasource';

/** `text` with PromQL string literals blanked out, so label values never count as datasource references. */
function outsideStrings(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, (s) => ' '.repeat(s.length));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Grafana's provisioning rules for the project's datasource, and queries that do not depend on which datasource the
 * `${datasource}` variable points at. The emitter renders every panel and variable with `${datasource}`.
 */
export const dashboardDatasource: Check = {
  id: 'dashboard/datasource',
  severity: 'error',
  description:
    'A provisioned datasource Grafana rejects (empty name, invalid uid, non-http(s) URL), queries that hard-code a datasource, and variables shadowing $datasource.',
  run(ctx) {
    const out: Finding[] = [];
    const ds = ctx.datasource;
    const where = within(ctx.configLocation, ['datasource', ds.name]);
    if (ds.name.trim() === '') out.push(finding(dashboardDatasource, where, 'datasource has no name', 'Name the datasource; Grafana refuses to provision one without a name.'));
    if (!UID.test(ds.uid)) {
      out.push(
        finding(
          dashboardDatasource,
          where,
          `uid "${ds.uid}" is not 1 to 40 characters of [a-zA-Z0-9_-]`,
          'Use a short uid of letters, digits, "-" and "_"; dashboards reference the datasource by it.',
        ),
      );
    }
    let url: URL | undefined;
    try {
      url = new URL(ds.url);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
      out.push(finding(dashboardDatasource, where, `url "${ds.url}" is not an http(s) URL`, 'Give the Prometheus URL as Grafana reaches it, e.g. http://prometheus:9090.'));
    }

    // A uid is written in no PromQL outside a string; outside strings it can only be a hard-coded datasource.
    const hardCodedUid = UID.test(ds.uid) ? new RegExp(`(?<![A-Za-z0-9_:-])${escapeRegExp(ds.uid)}(?![A-Za-z0-9_:-])`) : undefined;
    for (const q of ctx.queries) {
      if (q.kind !== 'panel' && q.kind !== 'variable') continue;
      const placeholder = IMPORT_PLACEHOLDER.exec(q.expr);
      if (placeholder) {
        out.push(
          finding(
            dashboardDatasource,
            q.location,
            `contains the import placeholder ${placeholder[0]}, which provisioning never resolves: ${q.expr}`,
            'Remove it: provisioned dashboards select their datasource through the ${datasource} variable.',
          ),
        );
      }
      if (hardCodedUid?.test(outsideStrings(q.expr))) {
        out.push(
          finding(
            dashboardDatasource,
            q.location,
            `hard-codes the datasource uid "${ds.uid}": ${q.expr}`,
            'Remove it: the emitter points every query at the ${datasource} variable, whose default is the provisioned datasource.',
          ),
        );
      }
    }

    for (const { dashboard, location } of ctx.dashboards) {
      for (const v of dashboard.variables) {
        if (v.name !== RESERVED_VARIABLE) continue;
        out.push(
          finding(
            dashboardDatasource,
            within(location, ['variable', v.name]),
            `variable "${v.name}" shadows the datasource variable every panel uses`,
            'Rename the variable; "datasource" is reserved for the datasource picker the emitter adds.',
          ),
        );
      }
    }
    return out;
  },
};
