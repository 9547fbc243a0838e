/**
 * Whether a dashboard's JSON is what a Grafana line's schema allows: the dashboard's own keys, each row, each
 * panel against its plugin's options and custom field config, and each field override property (its id names a
 * field config key, its value has that key's type).
 */
import { conformanceProblems, objectMembers, type Problem } from './conformance';
import type { GrafanaSchema } from './schema-package';
import type { Typed } from './type-scope';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const prefixed = (prefix: readonly (string | number)[], problems: readonly Problem[]): Problem[] => problems.map((p) => ({ path: [...prefix, ...p.path], message: p.message }));

/** Problems of the field override properties of a panel, whose type is `panel`. */
function overrideProblems(panelJson: Record<string, unknown>, panel: Typed): Problem[] {
  const overrides = isObject(panelJson.fieldConfig) && Array.isArray(panelJson.fieldConfig.overrides) ? panelJson.fieldConfig.overrides : [];
  const fieldConfig: Typed = { type: { kind: 'ref', name: 'FieldConfig', args: [] }, scope: panel.scope };
  const topLevel = objectMembers(fieldConfig) ?? new Map();
  const custom = topLevel.get('custom');
  const customMembers = custom ? (objectMembers({ type: custom.type, scope: custom.scope }) ?? new Map()) : new Map();
  const problems: Problem[] = [];
  overrides.forEach((override, o) => {
    const properties = isObject(override) && Array.isArray(override.properties) ? override.properties : [];
    properties.forEach((property, p) => {
      if (!isObject(property) || typeof property.id !== 'string') return;
      const path = ['fieldConfig', 'overrides', o, 'properties', p];
      const [members, key] = property.id.startsWith('custom.') ? [customMembers, property.id.slice('custom.'.length)] : [topLevel, property.id];
      const member = key === 'custom' ? undefined : members.get(key);
      if (!member) {
        problems.push({ path: [...path, 'id'], message: `override property "${property.id}" is no field config key of this panel` });
        return;
      }
      if ('value' in property) problems.push(...prefixed([...path, 'value'], conformanceProblems(property.value, { type: member.type, scope: member.scope })));
    });
  });
  return problems;
}

/** Problems of one panel (a row's nested panels included), paths from the panel. */
function panelProblems(panelJson: unknown, schema: GrafanaSchema): Problem[] {
  if (!isObject(panelJson)) return [{ path: [], message: 'a panel is not an object' }];
  if (panelJson.type === 'row') {
    const { panels, ...row } = panelJson;
    const nested = Array.isArray(panels) ? panels.flatMap((p, i) => prefixed(['panels', i], panelProblems(p, schema))) : [];
    return [...conformanceProblems(panels === undefined ? row : { ...row, panels: [] }, schema.rowPanel), ...nested];
  }
  const type = typeof panelJson.type === 'string' ? panelJson.type : '';
  const typed = schema.panel(type);
  if (!typed) return [{ path: ['type'], message: `panel type "${type}" has no schema in ${schema.packageTitle}` }];
  return [...conformanceProblems(panelJson, typed), ...overrideProblems(panelJson, typed)];
}

/** Every place where `dashboard` is not what the line's schema allows, paths from the dashboard. */
export function dashboardProblems(dashboard: unknown, schema: GrafanaSchema): Problem[] {
  if (!isObject(dashboard)) return [{ path: [], message: 'the dashboard is not an object' }];
  const { panels, ...rest } = dashboard;
  const own = conformanceProblems(panels === undefined ? rest : { ...rest, panels: [] }, schema.dashboard);
  const inPanels = Array.isArray(panels) ? panels.flatMap((p, i) => prefixed(['panels', i], panelProblems(p, schema))) : [];
  return [...own, ...inPanels];
}
