/** Stable identifiers derived from names, so that reordering or inserting panels never renumbers the others. */

/** 32-bit FNV-1a hash of a string's UTF-16 code units. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A panel id in 1..999999 derived from the dashboard id and the panel (or row) key. */
export function stablePanelId(dashboardId: string, key: string): number {
  return (fnv1a32(`${dashboardId}/${key}`) % 999_999) + 1;
}

/** Query refIds in order: A..Z, then AA, AB, ... */
export function refId(index: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return index < 26 ? letters[index]! : refId(Math.floor(index / 26) - 1) + letters[index % 26]!;
}

/** A file and URL friendly slug: lower case, `[a-z0-9-]`. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The Grafana uid of a dashboard: the project prefix and the dashboard id. */
export function dashboardUid(uidPrefix: string, dashboardId: string): string {
  return `${uidPrefix}${dashboardId}`;
}
