/** Serialisation helpers that give byte-identical output for equal data, whatever the construction order. */

/** A deep copy with object keys sorted; arrays keep their order; `undefined` members are dropped. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined && typeof v !== 'function') out[key] = sortKeysDeep(v);
    }
    return out;
  }
  return value;
}

/** JSON with sorted keys, two-space indentation and a final newline. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeysDeep(value), null, 2)}\n`;
}
