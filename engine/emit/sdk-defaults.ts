/**
 * Defaults the foundation SDK's builders write into every dashboard that no target Grafana should get: keys the
 * target's schema does not know, and keys that change what a newer Grafana shows. They are taken out of the built
 * JSON here, in one place, so that the emitter states only what the definitions decide; the check
 * `dashboard/schema-keys` holds what remains to the target's `@grafana/schema`.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Link keys: `placement` (`inControlsMenu`) is unknown to 11.6, and from 12.x on it moves the link (the project's
 * dashboard dropdown) out of the dashboard's header into the controls menu.
 */
const LINK_KEYS = ['placement'];

/** Variable keys: `auto`, `auto_count` and `auto_min` belong to interval variables only. */
const VARIABLE_KEYS = ['auto', 'auto_count', 'auto_min'];

/**
 * Table options: the hidden `footer` is 11.x's default anyway, and 12.x moved the footer into the field config,
 * where an options key is unknown.
 */
const TABLE_OPTION_KEYS = ['footer'];

function without(object: Json, keys: readonly string[]): Json {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
}

const withoutIn = (list: unknown, keys: readonly string[]): unknown => (Array.isArray(list) ? list.map((item) => (isObject(item) ? without(item, keys) : item)) : list);

function panelWithoutSdkDefaults(panel: unknown): unknown {
  if (!isObject(panel)) return panel;
  const out: Json = { ...panel };
  if ('links' in out) out.links = withoutIn(out.links, LINK_KEYS);
  if (out.type === 'table' && isObject(out.options)) out.options = without(out.options, TABLE_OPTION_KEYS);
  if (Array.isArray(out.panels)) out.panels = out.panels.map(panelWithoutSdkDefaults);
  return out;
}

/** The dashboard JSON the SDK built, without the SDK's defaults that no target Grafana should get. */
export function withoutSdkDefaults(dashboard: Json): Json {
  const out: Json = { ...dashboard };
  if ('links' in out) out.links = withoutIn(out.links, LINK_KEYS);
  if (isObject(out.templating)) out.templating = { ...out.templating, list: withoutIn(out.templating.list, VARIABLE_KEYS) };
  if (Array.isArray(out.panels)) out.panels = out.panels.map(panelWithoutSdkDefaults);
  return out;
}
