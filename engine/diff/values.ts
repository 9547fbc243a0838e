/** Small value helpers every section of the diff shares: reading YAML/JSON values, sorting, comparing fields. */
import type { FieldChange } from './field-change';

/** A parsed JSON or YAML value. */
export type Json = unknown;
/** A parsed mapping. */
export type Obj = Record<string, unknown>;

/** Whether `v` is a mapping (not an array, not null). */
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A scalar as text; null for absent. */
export const str = (v: unknown): string | null => (v === undefined || v === null ? null : typeof v === 'string' ? v : String(v));
/** Code-unit order, the same on every machine and locale. */
export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** A comparator by a string key. */
export const byKey = <T>(key: (t: T) => string) => (a: T, b: T) => cmp(key(a), key(b));

/** Canonical JSON: object keys sorted, so two equal values always serialise the same. */
export function canonicalJson(value: Json): string {
  return JSON.stringify(sortKeys(value));
}

/** `value` with the keys of every mapping in it sorted. */
export function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isObj(value)) {
    const out: Obj = {};
    for (const k of Object.keys(value).sort(cmp)) out[k] = sortKeys(value[k]);
    return out;
  }
  return value;
}

/** A number without floating-point noise (0.1 × 3 → 0.3). */
export function round(n: number): number {
  return Number(n.toPrecision(10));
}

/** The change of one field, or nothing when it did not change. */
export function fieldChange(field: string, before: string | null, after: string | null): FieldChange[] {
  return before === after ? [] : [{ field, before, after }];
}

/** The changed keys of two mappings, as `prefix.key` fields. */
export function mapChanges(prefix: string, before: Obj, after: Obj): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(cmp);
  return keys.flatMap((k) => fieldChange(`${prefix}.${k}`, str(before[k]), str(after[k])));
}

/** A value as text for a field change: strings as they are, anything else as canonical JSON; null for absent. */
export function jsonOrNull(v: unknown): string | null {
  if (v === undefined) return null;
  return typeof v === 'string' ? v : canonicalJson(v);
}

/** A mapping of labels or annotations, keys sorted, values as text. */
export const stringRecord = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (isObj(v)) for (const k of Object.keys(v).sort(cmp)) out[k] = String(v[k]);
  return out;
};

/** Labels as one comparable text: `a="1",b="2"`, keys sorted. */
export const labelText = (labels: Readonly<Record<string, string>>) =>
  Object.keys(labels)
    .sort(cmp)
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',');
