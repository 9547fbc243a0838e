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

/**
 * A JSON path as a chain from the leaf up, so that descending into a key costs one small object; it becomes an
 * array only for a problem.
 */
interface Path {
  readonly up: Path | undefined;
  readonly step: string | number;
  readonly depth: number;
}

const ROOT: Path | undefined = undefined;
const down = (path: Path | undefined, step: string | number): Path => ({ up: path, step, depth: (path?.depth ?? 0) + 1 });
const depthOf = (path: Path | undefined) => path?.depth ?? 0;

function pathArray(path: Path | undefined): (string | number)[] {
  const steps: (string | number)[] = [];
  for (let p = path; p; p = p.up) steps.push(p.step);
  return steps.reverse();
}

/** A problem found while checking, its path still a chain. */
interface PendingProblem {
  readonly path: Path | undefined;
  readonly message: string;
}

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

/** Shapes made once per type and scope: the same panel types are checked over and over. */
const shapesMade = new WeakMap<TypeNode, WeakMap<Scope, Shape | null>>();

/** The shape of an object type (an object literal, an interface, an alias of one, an intersection of them). */
function shapeOf(typed: Typed): Shape | undefined {
  const made = shapesMade.get(typed.type)?.get(typed.scope);
  if (made !== undefined) return made ?? undefined;
  const shape = makeShape(typed);
  if (!shapesMade.has(typed.type)) shapesMade.set(typed.type, new WeakMap());
  shapesMade.get(typed.type)!.set(typed.scope, shape ?? null);
  return shape;
}

function makeShape(typed: Typed): Shape | undefined {
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

function checkObject(value: unknown, shape: Shape, path: Path | undefined, out: PendingProblem[]): void {
  if (!isObject(value)) {
    out.push({ path, message: `${show(value)} is not an object (${shape.title})` });
    return;
  }
  for (const key in value) {
    const member = shape.members.get(key);
    // A member carries its type and scope: it is the Typed to check against.
    if (member) check(value[key], member, down(path, key), out);
    else if (shape.index) check(value[key], shape.index, down(path, key), out);
    else out.push({ path: down(path, key), message: `unknown key "${key}": ${shape.title} has ${[...shape.members.keys()].sort().join(', ')}` });
  }
}

/** Whether `value` is of a keyword type. */
function isOfKeyword(value: unknown, name: Extract<TypeNode, { kind: 'keyword' }>['name']): boolean {
  switch (name) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'undefined':
      return typeof value === name;
    case 'null':
      return value === null;
    case 'object':
      return typeof value === 'object' && value !== null;
    case 'unknown':
    case 'any':
      return true;
    case 'never':
      return false;
  }
}

/** Adds the problem that `value` is not of the `expected` type. */
function mismatch(value: unknown, expected: string, path: Path | undefined, out: PendingProblem[]): void {
  out.push({ path, message: `${show(value)} is not ${expected}` });
}

function check(value: unknown, typed: Typed, path: Path | undefined, out: PendingProblem[]): void {
  const { type, scope } = typed;
  switch (type.kind) {
    case 'keyword':
      if (!isOfKeyword(value, type.name)) mismatch(value, type.name, path, out);
      return;
    case 'literal':
      if (value !== type.value) mismatch(value, typeText(type), path, out);
      return;
    case 'array':
      if (!Array.isArray(value)) mismatch(value, typeText(type), path, out);
      else value.forEach((item, i) => check(item, { type: type.element, scope }, down(path, i), out));
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
        if (value !== found.literal) mismatch(value, `${typeText(type)} (${show(found.literal)})`, path, out);
        return;
      }
      const { declaration } = found;
      if (declaration.kind === 'enum') {
        const values = [...declaration.members.values()];
        if (!values.includes(value as string | number)) mismatch(value, `a ${declaration.name}: ${values.map((v) => show(v)).join(', ')}`, path, out);
      } else if (declaration.kind === 'alias') check(value, { type: declaration.type, scope: found.scope }, path, out);
      else checkObject(value, shapeOf(typed)!, path, out);
      return;
    }
    case 'union': {
      const attempts = type.members.map((member) => {
        const problems: PendingProblem[] = [];
        check(value, { type: member, scope }, path, problems);
        return problems;
      });
      if (attempts.some((p) => p.length === 0)) return;
      // Report against the member the value comes closest to: one whose problems lie inside the value (its kind
      // matched), with the fewest of them; when no member's kind matches, the value is simply not the union.
      const inside = attempts.filter((p) => p.some((problem) => depthOf(problem.path) > depthOf(path)));
      if (inside.length === 0) mismatch(value, typeText(type), path, out);
      else out.push(...inside.reduce((best, p) => (p.length < best.length ? p : best)));
      return;
    }
  }
}

/** Every place where `value` is not what `typed` allows. */
export function conformanceProblems(value: unknown, typed: Typed): Problem[] {
  const out: PendingProblem[] = [];
  check(value, typed, ROOT, out);
  return out.map((f) => ({ path: pathArray(f.path), message: f.message }));
}

/** The members of an object type (with those it extends), or undefined when the type is no object type. */
export function objectMembers(typed: Typed): ReadonlyMap<string, Member & { readonly scope: Scope }> | undefined {
  return shapeOf(typed)?.members;
}
