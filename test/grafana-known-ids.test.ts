/**
 * The id lists the check `dashboard/grafana-ids` judges by (engine/grafana/known-ids/<line>.json) are what each
 * target line's pinned `@grafana/data` knows: its value formats, its custom unit prefixes (tried on its own
 * `getValueFormat`), its field reducers and its transformation ids. The package's modules are bundled with esbuild
 * and imported as they are: Node cannot import the package itself (it expects a browser and a bundler). When a
 * package is moved to another version, `npx vitest run test/grafana-known-ids.test.ts -u` rewrites the copies.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { GRAFANA_TARGETS, type GrafanaTarget } from '../engine/grafana/targets';
import { grafanaIds, isKnownUnit, type GrafanaIds } from '../engine/grafana/known-ids';

interface FormattedValue {
  readonly text: string;
  readonly prefix?: string;
  readonly suffix?: string;
}

interface GrafanaDataModules {
  getValueFormats(): Array<{ submenu: Array<{ value: string }> }>;
  getValueFormat(id: string): (value: number) => FormattedValue;
  fieldReducers: { list(): Array<{ id: string }> };
  DataTransformerID: Record<string, string>;
}

/** Prefixes a custom unit may have in some Grafana line; the package decides which its line reads. */
const CANDIDATE_UNIT_PREFIXES = ['prefix', 'suffix', 'si', 'count', 'currency', 'time', 'bool', 'locale', 'percent'];

/** The modules of `target`'s `@grafana/data` that hold the id registries, bundled and imported. */
async function grafanaData(target: GrafanaTarget): Promise<GrafanaDataModules> {
  const dir = dirname(createRequire(import.meta.url).resolve(`${target.dataPackage}/package.json`));
  const entry = [
    "export { getValueFormats, getValueFormat } from './dist/esm/valueFormats/valueFormats.mjs';",
    "export { fieldReducers } from './dist/esm/transformations/fieldReducer.mjs';",
    "export { DataTransformerID } from './dist/esm/transformations/transformers/ids.mjs';",
  ].join('\n');
  const bundle = await build({ stdin: { contents: entry, resolveDir: dir, sourcefile: join(dir, 'ids-entry.mjs'), loader: 'js' }, bundle: true, write: false, platform: 'node', format: 'esm', logLevel: 'silent' });
  // The date formats read the browser's language when first built; Node 20 has no navigator.
  (globalThis as { navigator?: unknown }).navigator ??= { language: 'en-US', languages: ['en-US'] };
  const scratch = mkdtempSync(join(tmpdir(), 'grafana-data-'));
  try {
    const file = join(scratch, `${target.line}.mjs`);
    writeFileSync(file, bundle.outputFiles[0]!.text);
    return (await import(pathToFileURL(file).href)) as GrafanaDataModules;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Whether `getValueFormat` reads `prefix:` as a custom unit. An id it does not know it shows whole, as a suffix
 * (`1 nope:USDT`); a prefix it reads it takes away, or fails on a text that is no valid argument.
 */
function readsPrefix(data: GrafanaDataModules, prefix: string): boolean {
  try {
    const shown = data.getValueFormat(`${prefix}:USDT`)(1);
    return ![shown.text, shown.prefix ?? '', shown.suffix ?? ''].some((part) => part.includes(`${prefix}:`));
  } catch {
    return true;
  }
}

async function extractIds(target: GrafanaTarget): Promise<GrafanaIds> {
  const data = await grafanaData(target);
  const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();
  return {
    units: sorted(data.getValueFormats().flatMap((category) => category.submenu.map((unit) => unit.value))),
    unitPrefixes: CANDIDATE_UNIT_PREFIXES.filter((p) => readsPrefix(data, p)).sort(),
    reducers: sorted(data.fieldReducers.list().map((r) => r.id)),
    transformations: sorted(Object.values(data.DataTransformerID)),
  };
}

describe.each(GRAFANA_TARGETS)('the id lists of Grafana $line', (target) => {
  it("are those of the line's pinned @grafana/data", { timeout: 60_000 }, async () => {
    const ids = await extractIds(target);
    expect(ids.units.length).toBeGreaterThan(200);
    expect(ids.reducers).toContain('lastNotNull');
    expect(ids.unitPrefixes).toContain('suffix');
    await expect(`${JSON.stringify(ids, null, 2)}\n`).toMatchFileSnapshot(`../engine/grafana/known-ids/${target.line}.json`);
  });

  it('tell known units from unknown ones', () => {
    const ids = grafanaIds(target);
    expect(['percentunit', 'currencyUSD', 'suffix: USDT', 'si:W'].map((u) => isKnownUnit(u, ids))).toEqual([true, true, true, true]);
    expect(['usdt', 'suffix:', 'nope:USDT', ':x'].map((u) => isKnownUnit(u, ids))).toEqual([false, false, false, false]);
  });
});
