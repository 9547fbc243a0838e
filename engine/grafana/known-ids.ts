/**
 * The ids Grafana's `@grafana/data` knows, per target line: value format (unit) ids and the prefixes of custom
 * units (`suffix:USDT`), field reducer ids, and transformation ids. Importing `@grafana/data` costs more than a
 * whole build, so the lists are copies in known-ids/<line>.json; test/grafana-known-ids.test.ts takes them from
 * the pinned package again and fails when a copy differs (`-u` rewrites it).
 */
import ids116 from './known-ids/11.6.json';
import ids124 from './known-ids/12.4.json';
import type { GrafanaTarget } from './targets';

export interface GrafanaIds {
  /** Ids of `getValueFormats()`. */
  readonly units: readonly string[];
  /** Prefixes `getValueFormat` reads a custom unit by: `suffix` for `suffix:USDT`. */
  readonly unitPrefixes: readonly string[];
  /** Ids of `fieldReducers`. */
  readonly reducers: readonly string[];
  /** Values of `DataTransformerID`. */
  readonly transformations: readonly string[];
}

const BY_LINE: Readonly<Record<string, GrafanaIds>> = { '11.6': ids116, '12.4': ids124 };

/** The ids `target`'s line knows. */
export function grafanaIds(target: GrafanaTarget): GrafanaIds {
  const ids = BY_LINE[target.line];
  if (!ids) throw new Error(`no id lists for Grafana ${target.line}: add engine/grafana/known-ids/${target.line}.json`);
  return ids;
}

/** Whether Grafana shows `unit` as a unit: a known id, or a custom unit with a known prefix and a text. */
export function isKnownUnit(unit: string, ids: GrafanaIds): boolean {
  if (ids.units.includes(unit)) return true;
  const colon = unit.indexOf(':');
  return colon > 0 && colon < unit.length - 1 && ids.unitPrefixes.includes(unit.slice(0, colon));
}
