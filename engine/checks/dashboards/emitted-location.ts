/**
 * Where a place in a dashboard's emitted JSON comes from: the definition of the panel, row or variable it belongs
 * to (found by the panel's stable id or the variable's name), and the JSON path from there, for messages.
 */
import { within, type Location } from '../../model/location';
import type { ResolvedDashboard } from '../../resolve/resolved-project';

type JsonPath = readonly (string | number)[];

/** `options.legend.calcs[0]` for a JSON path. */
export function jsonPathText(path: JsonPath): string {
  return path.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('') || '(the whole object)';
}

const at = (json: unknown, key: string | number): unknown => (typeof json === 'object' && json !== null ? (json as Record<string | number, unknown>)[key] : undefined);

/** The definition a JSON path of `resolved`'s emitted `json` belongs to, and the path inside it. */
export function emittedLocation(resolved: ResolvedDashboard, json: unknown, path: JsonPath): { location: Location; path: JsonPath } {
  const { location } = resolved;
  if (path[0] === 'panels' && typeof path[1] === 'number') {
    const id = at(at(at(json, 'panels'), path[1]), 'id');
    const row = resolved.rows.find((r) => r.id === id);
    if (row) return { location: within(location, ['row', row.row.title]), path: path.slice(2) };
    const panel = resolved.rows.flatMap((r) => r.panels).find((p) => p.id === id);
    if (panel) return { location: within(location, ['panel', panel.panel.title]), path: path.slice(2) };
  }
  if (path[0] === 'templating' && path[1] === 'list' && typeof path[2] === 'number') {
    const name = at(at(at(at(json, 'templating'), 'list'), path[2]), 'name');
    if (typeof name === 'string') return { location: within(location, ['variable', name]), path: path.slice(3) };
  }
  return { location, path };
}
