/**
 * The import graph, as esbuild resolves it: data flows one way. Every folder of the engine and every definition
 * and tool folder has a place in the layer order below, and a module may import only from layers below its own (a
 * folder may import from itself). No file is part of an import cycle. Type-only imports count: a type that
 * reaches up a layer couples the layers as much as a value does.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../project';

/**
 * Bottom to top. Units on one line are peers: they may not import each other. The engine is generic and imports
 * nothing of the definitions; the definitions are layered settings first, project entry last; the tools that run
 * the project sit on top.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['engine/catalog'],
  ['engine/promql'],
  ['engine/model'],
  ['engine/secrets'],
  ['engine/grafana'],
  ['engine/dashboards', 'engine/rules', 'engine/settings', 'engine/alertmanager', 'engine/conformance', 'engine/external', 'engine/live'],
  ['engine/slo'],
  ['engine/resolve'],
  ['engine/checks', 'engine/emit'],
  ['engine/report'],
  ['engine/build'],
  ['engine/diff'],
  ['config'],
  ['catalog'],
  ['recording-rules'],
  ['dashboards'],
  ['alerts'],
  ['slos'],
  ['project.ts'],
  ['simulator'],
  ['live'],
  ['scripts'],
  ['bench', 'vitest.config.ts'],
];
const level = new Map(LAYERS.flatMap((units, i) => units.map((u) => [u, i] as const)));

/** The layer unit of a project file: `engine/<folder>`, a top-level folder, or a top-level file. */
function unitOf(file: string): string {
  const parts = file.split('/');
  return parts[0] === 'engine' ? parts.slice(0, 2).join('/') : parts[0]!;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return ['node_modules', 'generated', 'test', '.git'].includes(name) ? [] : sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * esbuild erases type-only imports; read every `import type` and `export type … from` as a plain import, and keep
 * imports whose bindings go unused, so that the metafile lists every module a file names.
 */
const keepTypeImports: Plugin = {
  name: 'keep-type-imports',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, ({ path }) => ({
      loader: 'ts',
      contents: readFileSync(path, 'utf8')
        .replace(/\bimport type\b/g, 'import')
        .replace(/\bexport type (\{[^}]*\}\s*from)/g, 'export $1')
        .replace(/([{,]\s*)type\s+(?=[A-Za-z_$][\w$]*\s*[,}])/g, '$1'),
    }));
  },
};

/** Project-relative imports of every source file outside test/, from esbuild's metafile. */
async function importGraph(): Promise<Map<string, string[]>> {
  const files = sourceFiles(ROOT_DIR);
  const result = await build({
    entryPoints: files,
    absWorkingDir: ROOT_DIR,
    bundle: true,
    write: false,
    metafile: true,
    outdir: 'graph-out',
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
    plugins: [keepTypeImports],
  });
  const project = new Set(files.map((f) => relative(ROOT_DIR, f)));
  const graph = new Map<string, string[]>();
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    if (!project.has(file)) continue;
    graph.set(file, input.imports.filter((i) => !i.external && project.has(i.path)).map((i) => i.path));
  }
  return graph;
}

/** Imports that reach up a layer or sideways to a peer, as `from → to`. */
function upwardImports(graph: ReadonlyMap<string, readonly string[]>): string[] {
  return [...graph].flatMap(([file, targets]) =>
    targets.filter((target) => unitOf(target) !== unitOf(file) && !(level.get(unitOf(target))! < level.get(unitOf(file))!)).map((target) => `${file} → ${target}`),
  );
}

/** Every import cycle between files, found by depth-first search: a file met again while on the stack closes one. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const found: string[] = [];
  const visit = (file: string, stack: string[]) => {
    state.set(file, 'open');
    for (const target of graph.get(file) ?? []) {
      if (state.get(target) === 'open') found.push([...stack.slice(stack.indexOf(target)), target].join(' → '));
      else if (!state.has(target)) visit(target, [...stack, target]);
    }
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file, [file]);
  return found;
}

const graph = await importGraph();

describe('the import graph', () => {
  it('places every folder of the project in the layer order', () => {
    const unplaced = [...new Set([...graph.keys()].map(unitOf))].filter((u) => !level.has(u));
    expect(unplaced, 'add these to LAYERS in test/import-graph.test.ts, where they belong').toEqual([]);
  });

  it('imports only downwards: nothing reaches up a layer or sideways to a peer', () => {
    expect(upwardImports(graph)).toEqual([]);
  });

  it('has no cycle between files', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('catches an import upwards, one between peers, and a cycle', () => {
    const bad = new Map([
      ['engine/model/project.ts', ['engine/slo/model.ts']],
      ['engine/checks/check.ts', ['engine/emit/generated-header.ts']],
      ['alerts/a.ts', ['dashboards/common.ts']],
      ['dashboards/common.ts', ['alerts/a.ts']],
    ]);
    expect(upwardImports(bad)).toEqual([
      'engine/model/project.ts → engine/slo/model.ts',
      'engine/checks/check.ts → engine/emit/generated-header.ts',
      'dashboards/common.ts → alerts/a.ts',
    ]);
    expect(cycles(bad)).toEqual(['alerts/a.ts → dashboards/common.ts → alerts/a.ts']);
  });

  it('reads type-only imports too', () => {
    // engine/checks/check.ts imports only types of the resolve stage; the edge must be in the graph.
    expect(graph.get('engine/checks/check.ts')).toContain('engine/resolve/resolved-project.ts');
    expect(graph.get('project.ts')!.length).toBeGreaterThan(5);
  });
});
