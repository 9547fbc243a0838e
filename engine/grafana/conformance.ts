/**
 * Whether a JSON value is what a declared type allows: every key known to its interface (or allowed by an index
 * signature) and every value of the declared type, literal or enum member. Missing keys are not problems:
 * Grafana fills a missing key with its default, but ignores or misreads an unknown or mistyped one.
 */
import type { Member, TypeNode } from './declarations';
import { interfaceMembers, resolveRef, typeText, type Scope, type Typed } from './type-scope';

/** One place where the value is not what the type allows. */
export interface Problem {
  /** JSON path from the value checked: keys and array positions. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

type Path = readonly (string | number)[];

/** The keys an object type allows, each with the scope its type is read in. */
interface Shape {
  readonly title: string;
  readonly members: ReadonlyMap<string, Member & { readonly scope: Scope }>;
  readonly index?: Typed;
}

/** A value as a short piece of JSON, for messages. */
function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The shape of an object type (an object literal, an interface, an alias of one, an intersection of them). */
function shapeOf(typed: Typed): Shape | undefined {
  const { type, scope } = typed;
  if (type.kind === 'object') {
    const members = new Map([...type.members].map(([name, m]) => [name, { ...m, scope }] as const));
    return type.index ? { title: typeText(type), members, index: { type: type.index, scope } } : { title: typeText(type), members };
  }
  if (type.kind === 'ref') {
    const found = resolveRef(type, scope);
    if (!found || !('declaration' in found)) return undefined;
    if (found.declaration.kind === 'alias') return shapeOf({ type: found.declaration.type, scope: found.scope });
    const members = interfaceMembers(found);
    return members ? { title: found.declaration.name, members } : undefined;
  }
  if (type.kind === 'intersection') {
    const parts = type.members.map((m) => shapeOf({ type: m, scope }));
    if (parts.some((p) => p === undefined)) return undefined;
    const members = new Map(parts.flatMap((p) => [...p!.members]));
    const index = parts.find((p) => p!.index)?.index;
    return index ? { title: typeText(type), members, index } : { title: typeText(type), members };
  }
  return undefined;
}

function checkObject(value: unknown, shape: Shape, path: Path, out: Problem[]): void {
  if (!isObject(value)) {
    out.push({ path, message: `${show(value)} is not an object (${shape.title})` });
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const member = shape.members.get(key);
    if (member) check(child, { type: member.type, scope: member.scope }, [...path, key], out);
    else if (shape.index) check(child, shape.index, [...path, key], out);
    else out.push({ path: [...path, key], message: `unknown key "${key}": ${shape.title} has ${[...shape.members.keys()].sort().join(', ')}` });
  }
}

function check(value: unknown, typed: Typed, path: Path, out: Problem[]): void {
  const { type, scope } = typed;
  const mismatch = (expected: string) => out.push({ path, message: `${show(value)} is not ${expected}` });
  switch (type.kind) {
    case 'keyword': {
      const ok = {
        string: () => typeof value === 'string',
        number: () => typeof value === 'number',
        boolean: () => typeof value === 'boolean',
        null: () => value === null,
        undefined: () => value === undefined,
        object: () => typeof value === 'object' && value !== null,
        unknown: () => true,
        any: () => true,
        never: () => false,
      }[type.name]();
      if (!ok) mismatch(type.name);
      return;
    }
    case 'literal':
      if (value !== type.value) mismatch(typeText(type));
      return;
    case 'array':
      if (!Array.isArray(value)) mismatch(typeText(type));
      else value.forEach((item, i) => check(item, { type: type.element, scope }, [...path, i], out));
      return;
    case 'object':
    case 'intersection': {
      const shape = shapeOf(typed);
      if (shape) checkObject(value, shape, path, out);
      else type.kind === 'intersection' && type.members.forEach((m) => check(value, { type: m, scope }, path, out));
      return;
    }
    case 'ref': {
      const found = resolveRef(type, scope);
      // A name nothing declares is left to the coverage test of the schema reader, never guessed at here.
      if (!found) return;
      if ('literal' in found) {
        if (value !== found.literal) mismatch(`${typeText(type)} (${show(found.literal)})`);
        return;
      }
      const { declaration } = found;
      if (declaration.kind === 'enum') {
        const values = [...declaration.members.values()];
        if (!values.includes(value as string | number)) mismatch(`a ${declaration.name}: ${values.map((v) => show(v)).join(', ')}`);
      } else if (declaration.kind === 'alias') check(value, { type: declaration.type, scope: found.scope }, path, out);
      else checkObject(value, shapeOf(typed)!, path, out);
      return;
    }
    case 'union': {
      const attempts = type.members.map((member) => {
        const problems: Problem[] = [];
        check(value, { type: member, scope }, path, problems);
        return problems;
      });
      if (attempts.some((p) => p.length === 0)) return;
      // Report against the member the value comes closest to: one whose problems lie inside the value (its kind
      // matched), with the fewest of them; when no member's kind matches, the value is simply not the union.
      const inside = attempts.filter((p) => p.some((problem) => problem.path.length > path.length));
      if (inside.length === 0) mismatch(typeText(type));
      else out.push(...inside.reduce((best, p) => (p.length < best.length ? p : best)));
      return;
    }
  }
}

/** Every place where `value` is not what `typed` allows. */
export function conformanceProblems(value: unknown, typed: Typed): Problem[] {
  const out: Problem[] = [];
  check(value, typed, [], out);
  return out;
}

/** The members of an object type (with those it extends), or undefined when the type is no object type. */
export function objectMembers(typed: Typed): ReadonlyMap<string, Member & { readonly scope: Scope }> | undefined {
  return shapeOf(typed)?.members;
}
