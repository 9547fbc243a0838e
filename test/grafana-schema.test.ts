/**
 * Reading `@grafana/schema` (engine/grafana): the declaration reader on the TypeScript the package's generated
 * files use, the value conformance on it, and, on the pinned package of every target line, that the reader
 * understands every type a dashboard can reach (a name it cannot resolve or a syntax it skips would let any value
 * pass there) and that the line's `schemaVersion` is the one its package gives a new dashboard.
 */
import { describe, expect, it } from 'vitest';
import { readDeclarations, type TypeNode } from '../engine/grafana/declarations';
import { conformanceProblems } from '../engine/grafana/conformance';
import { interfaceMembers, resolveRef, typeText, type Scope, type Typed } from '../engine/grafana/type-scope';
import { grafanaSchema } from '../engine/grafana/schema-package';
import { GRAFANA_TARGETS, grafanaTarget } from '../engine/grafana/targets';

const COMMON = `
/** A doc comment. */
export declare enum Mode { Fixed = "fixed", Auto = "auto" }
export declare enum Sync { Off = 0, Crosshair = 1 }
export interface Base { id: string; }
export type Placement = ('top' | 'bottom');
`;

const PANEL = `
import * as common from '@grafana/schema';
export declare const pluginVersion = "11.6.0-pre";
export interface Options extends common.Base {
  mode?: common.Mode;
  placement: common.Placement;
  sync: common.Sync;
  calcs: Array<string>;
  steps?: number[];
  range: { from: (number | null); to?: number };
  labels?: Record<string, string>;
  kind: common.Mode.Fixed;
}
export declare const defaultOptions: Partial<Options>;
`;

function scopes(): Typed {
  const common: Scope = { title: 'common', file: readDeclarations(COMMON), modules: new Map() };
  const panel: Scope = { title: 'panel', file: readDeclarations(PANEL), modules: new Map([['@grafana/schema', common]]) };
  return { type: { kind: 'ref', name: 'Options', args: [] }, scope: panel };
}

const valid = { id: 'a', mode: 'auto', placement: 'top', sync: 1, calcs: ['max'], steps: [1, 2], range: { from: null }, labels: { a: 'b' }, kind: 'fixed' };

describe('the declaration reader', () => {
  it('reads interfaces, their bases, enums, aliases, literals, arrays, records and object types', () => {
    const options = scopes();
    const found = resolveRef(options.type as Extract<TypeNode, { kind: 'ref' }>, options.scope);
    expect(found && 'declaration' in found && [...interfaceMembers(found)!.keys()]).toEqual(['id', 'mode', 'placement', 'sync', 'calcs', 'steps', 'range', 'labels', 'kind']);
    expect(options.scope.file.unsupported).toEqual([]);
  });

  it('records what it cannot read instead of guessing', () => {
    expect(readDeclarations('export interface G<T> { a: T; }\nexport type K = keyof Base;\nexport interface Ok { a: string; }').unsupported).toEqual([
      'interface G: generic interfaces are not read',
      'type K: "keyof" types are not read',
    ]);
  });

  it('accepts a value of the declared types', () => {
    expect(conformanceProblems(valid, scopes())).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown key', { ...valid, sparkline: true }, 'sparkline: unknown key "sparkline": Options has calcs, id, kind, labels, mode, placement, range, steps, sync'],
    ['a value outside an enum', { ...valid, mode: 'manual' }, 'mode: "manual" is not a Mode: "fixed", "auto"'],
    ['a number where a string literal union is declared', { ...valid, placement: 1 }, "placement: 1 is not 'top' | 'bottom'"],
    ['a numeric enum given as text', { ...valid, sync: 'crosshair' }, 'sync: "crosshair" is not a Sync: 0, 1'],
    ['an array item of the wrong type', { ...valid, steps: [1, '2'] }, 'steps.1: "2" is not number'],
    ['a string where an array is declared', { ...valid, calcs: 'max' }, 'calcs: "max" is not Array<string>'],
    ['an unknown key in an object type', { ...valid, range: { from: 1, step: 2 } }, 'range.step: unknown key "step": {…} has from, to'],
    ['a record value of the wrong type', { ...valid, labels: { a: 1 } }, 'labels.a: 1 is not string'],
    ['another member of the enum than the one declared', { ...valid, kind: 'auto' }, 'kind: "auto" is not common.Mode.Fixed ("fixed")'],
  ])('reports %s', (_, value, expected) => {
    expect(conformanceProblems(value, scopes()).map((p) => `${p.path.join('.')}: ${p.message}`)).toEqual([expected]);
  });
});

/** Names the types reachable from `roots` use that nothing declares, and skipped syntax in the scopes read. */
function unreadable(roots: readonly Typed[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const walk = (type: TypeNode, scope: Scope): void => {
    switch (type.kind) {
      case 'array':
        return walk(type.element, scope);
      case 'union':
      case 'intersection':
        return type.members.forEach((m) => walk(m, scope));
      case 'object':
        type.members.forEach((m) => walk(m.type, scope));
        if (type.index) walk(type.index, scope);
        return;
      case 'ref': {
        const found = resolveRef(type, scope);
        if (!found) problems.push(`${scope.title}: ${typeText(type)} is declared nowhere`);
        if (!found || 'literal' in found) return;
        const key = `${found.scope.title}/${found.declaration.name}`;
        if (seen.has(key)) return;
        seen.add(key);
        if (found.declaration.kind === 'alias') walk(found.declaration.type, found.scope);
        if (found.declaration.kind === 'interface') for (const m of interfaceMembers(found, problems)!.values()) walk(m.type, m.scope);
        return;
      }
      default:
        return;
    }
  };
  for (const root of roots) walk(root.type, root.scope);
  return problems;
}

/** Panel plugins of the core Grafana lines; each line must have a schema for every one of them. */
const PANEL_TYPES = ['timeseries', 'stat', 'gauge', 'bargauge', 'table', 'text', 'piechart', 'barchart', 'state-timeline', 'status-history', 'heatmap', 'histogram', 'logs', 'news', 'dashlist', 'annolist'];

describe.each(GRAFANA_TARGETS)('the pinned @grafana/schema of Grafana $line', (target) => {
  const schema = grafanaSchema(target);

  it('has a schema for every core panel plugin, and every type a dashboard reaches is read', () => {
    const panels = PANEL_TYPES.map((t) => schema.panel(t));
    expect(PANEL_TYPES.filter((_, i) => panels[i] === undefined)).toEqual([]);
    expect(unreadable([schema.dashboard, schema.rowPanel, ...panels.map((p) => p!)])).toEqual([]);
    expect(schema.scopes().flatMap((s) => s.file.unsupported.map((u) => `${s.title}: ${u}`))).toEqual([]);
  });

  it("gives new dashboards the line's schemaVersion", async () => {
    const runtime = (await import(target.schemaPackage)) as { defaultDashboard: { schemaVersion: number } };
    expect(runtime.defaultDashboard.schemaVersion).toBe(target.schemaVersion);
  });

  it('is the package of the line it is pinned for', () => {
    expect(schema.packageTitle).toMatch(new RegExp(`^@grafana/schema ${target.line.replace('.', '\\.')}\\.\\d+$`));
  });
});

describe('target versions', () => {
  it('take any patch of a pinned line and nothing else', () => {
    expect(['11.6.0', '11.6.14', '12.4.10', '12.4.0'].map((v) => grafanaTarget(v)?.line)).toEqual(['11.6', '11.6', '12.4', '12.4']);
    expect(['12.1.0', '11.6', 'latest', '13.2.3', '011.6.0x'].map((v) => grafanaTarget(v))).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
