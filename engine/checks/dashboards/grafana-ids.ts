import { finding, type Finding, type OutputCheck } from '../check';
import { requireGrafanaTarget } from '../../grafana/targets';
import { grafanaIds, isKnownUnit } from '../../grafana/known-ids';
import { emittedLocation, jsonPathText } from './emitted-location';

type Json = Record<string, unknown>;
type JsonPath = readonly (string | number)[];

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** An id in an emitted dashboard, what kind of id it is, and where. */
interface IdSite {
  readonly kind: 'unit' | 'reducer' | 'transformation';
  readonly id: unknown;
  readonly path: JsonPath;
}

/** The unit, reducer and transformation ids of one panel (and of a row's nested panels), paths from the dashboard. */
function idSites(panel: unknown, path: JsonPath): IdSite[] {
  if (!isObject(panel)) return [];
  const sites: IdSite[] = [];
  const fieldConfig = isObject(panel.fieldConfig) ? panel.fieldConfig : {};
  if (isObject(fieldConfig.defaults) && 'unit' in fieldConfig.defaults) sites.push({ kind: 'unit', id: fieldConfig.defaults.unit, path: [...path, 'fieldConfig', 'defaults', 'unit'] });
  list(fieldConfig.overrides).forEach((override, o) =>
    list(isObject(override) ? override.properties : []).forEach((property, p) => {
      if (isObject(property) && property.id === 'unit') sites.push({ kind: 'unit', id: property.value, path: [...path, 'fieldConfig', 'overrides', o, 'properties', p, 'value'] });
    }),
  );
  const options = isObject(panel.options) ? panel.options : {};
  // Where the panel plugins of the schema keep reducer ids: the value reduction, the legend's values, the table footer.
  const reducerLists: Array<[JsonPath, unknown]> = [
    [['options', 'reduceOptions', 'calcs'], isObject(options.reduceOptions) ? options.reduceOptions.calcs : undefined],
    [['options', 'legend', 'calcs'], isObject(options.legend) ? options.legend.calcs : undefined],
    [['options', 'footer', 'reducer'], isObject(options.footer) ? options.footer.reducer : undefined],
  ];
  for (const [at, ids] of reducerLists) list(ids).forEach((id, i) => sites.push({ kind: 'reducer', id, path: [...path, ...at, i] }));
  list(panel.transformations).forEach((t, i) => sites.push({ kind: 'transformation', id: isObject(t) ? t.id : undefined, path: [...path, 'transformations', i, 'id'] }));
  list(panel.panels).forEach((nested, i) => sites.push(...idSites(nested, [...path, 'panels', i])));
  return sites;
}

/**
 * Every unit, reducer and transformation id of the emitted dashboards is one the target Grafana's `@grafana/data`
 * knows (a custom unit such as `suffix:USDT` by its prefix). An unknown unit is shown as its id after the number;
 * an unknown reducer or transformation shows nothing.
 */
export const dashboardGrafanaIds: OutputCheck = {
  id: 'dashboard/grafana-ids',
  severity: 'error',
  description: "Unit, reducer and transformation ids of the emitted dashboards that the target Grafana's @grafana/data does not know.",
  reads: 'output',
  run(project, output) {
    const target = requireGrafanaTarget(project.grafana.version);
    const ids = grafanaIds(target);
    const known = {
      unit: (id: string) => isKnownUnit(id, ids),
      reducer: (id: string) => ids.reducers.includes(id),
      transformation: (id: string) => ids.transformations.includes(id),
    };
    const hints = {
      unit: `Use a unit id of Grafana ${target.line} (e.g. 'short', 'percentunit', 'currencyUSD'), or a custom unit ${ids.unitPrefixes.map((p) => `'${p}:…'`).join(', ')}.`,
      reducer: `Use a reducer of Grafana ${target.line}, e.g. 'lastNotNull', 'mean', 'max', 'sum'.`,
      transformation: `Use a transformation of Grafana ${target.line}: ${ids.transformations.slice(0, 8).join(', ')}, …`,
    };
    const out: Finding[] = [];
    for (const resolved of project.dashboards) {
      const json = output.dashboards.get(resolved.dashboard.id);
      const panels = isObject(json) ? list(json.panels) : [];
      for (const site of panels.flatMap((panel, i) => idSites(panel, ['panels', i]))) {
        if (typeof site.id === 'string' && known[site.kind](site.id)) continue;
        const { location, path } = emittedLocation(resolved, json, site.path);
        out.push(finding(dashboardGrafanaIds, location, `${jsonPathText(path)}: ${site.kind} ${JSON.stringify(site.id)} is unknown to Grafana ${target.line}'s @grafana/data`, hints[site.kind]));
      }
    }
    return out;
  },
};
