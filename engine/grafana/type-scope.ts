/**
 * Where a declared type's names are looked up: a declaration file with the files its namespace imports name. A
 * type is always read together with its scope, because a panel's options (one file) extend the common types
 * (another file) by `common.X`.
 */
import type { Declaration, DeclarationFile, Member, TypeNode } from './declarations';

/** A declaration file and the scopes of the modules it imports. */
export interface Scope {
  /** What the file is, for messages: `stat panel options`. */
  readonly title: string;
  readonly file: DeclarationFile;
  /** Scope of each imported module, by module name (`@grafana/schema`). */
  readonly modules: ReadonlyMap<string, Scope>;
}

/** A type with the scope its names are read in. */
export interface Typed {
  readonly type: TypeNode;
  readonly scope: Scope;
}

/** A declaration with the scope it was found in. */
export interface Found {
  readonly declaration: Declaration;
  readonly scope: Scope;
}

/** The scope a namespace import names, in `scope`. */
function namespaceScope(scope: Scope, namespace: string): Scope | undefined {
  const module = scope.file.namespaces.get(namespace);
  return module === undefined ? undefined : scope.modules.get(module);
}

/** A declaration by name in `scope`. */
export function declarationIn(scope: Scope, name: string): Found | undefined {
  const declaration = scope.file.declarations.get(name);
  return declaration ? { declaration, scope } : undefined;
}

/**
 * What a reference names: a declaration (with its scope), or the literal value of an enum member
 * (`MappingType.ValueToText`, `common.Mode.Fixed`); undefined when nothing in reach declares it.
 */
export function resolveRef(ref: Extract<TypeNode, { kind: 'ref' }>, scope: Scope): Found | { readonly literal: string | number } | undefined {
  const enumMember = (found: Found | undefined, member: string) => {
    if (found?.declaration.kind !== 'enum') return undefined;
    const value = found.declaration.members.get(member);
    return value === undefined ? undefined : { literal: value };
  };
  if (ref.namespace === undefined) return declarationIn(scope, ref.name);
  const imported = namespaceScope(scope, ref.namespace);
  if (imported) {
    const found = declarationIn(imported, ref.name);
    return ref.member === undefined ? found : enumMember(found, ref.member);
  }
  return enumMember(declarationIn(scope, ref.namespace), ref.name);
}

/** The members of each interface in each scope, made once: a dashboard check asks for the same ones thousands of times. */
const membersMade = new WeakMap<Declaration, WeakMap<Scope, ReadonlyMap<string, Member & { readonly scope: Scope }>>>();

/**
 * Every member of an interface, its own and those it extends (nearest declaration wins), each with the scope its
 * type is read in; undefined for a declaration that is no interface. `unresolved` collects bases nothing declares
 * (only while the members are first made).
 */
export function interfaceMembers(found: Found, unresolved: string[] = []): ReadonlyMap<string, Member & { readonly scope: Scope }> | undefined {
  const { declaration, scope } = found;
  if (declaration.kind !== 'interface') return undefined;
  const made = membersMade.get(declaration)?.get(scope);
  if (made) return made;
  const members = new Map<string, Member & { readonly scope: Scope }>();
  for (const base of declaration.extends) {
    const resolved = base.kind === 'ref' ? resolveRef(base, scope) : undefined;
    const inherited = resolved && 'declaration' in resolved ? interfaceMembers(resolved, unresolved) : undefined;
    if (!inherited) {
      unresolved.push(`${declaration.name} extends ${typeText(base)}`);
      continue;
    }
    for (const [name, member] of inherited) members.set(name, member);
  }
  for (const [name, member] of declaration.members) members.set(name, { ...member, scope });
  if (!membersMade.has(declaration)) membersMade.set(declaration, new WeakMap());
  membersMade.get(declaration)!.set(scope, members);
  return members;
}

/** A type as TypeScript writes it, shortened: unions of many literals list the first few. */
export function typeText(type: TypeNode): string {
  switch (type.kind) {
    case 'keyword':
      return type.name;
    case 'literal':
      return typeof type.value === 'string' ? `'${type.value}'` : String(type.value);
    case 'ref':
      return [type.namespace, type.name, type.member].filter((p) => p !== undefined).join('.');
    case 'array':
      return `Array<${typeText(type.element)}>`;
    case 'union': {
      const parts = type.members.map(typeText);
      return parts.length > 6 ? `${parts.slice(0, 6).join(' | ')} | …` : parts.join(' | ');
    }
    case 'intersection':
      return type.members.map(typeText).join(' & ');
    case 'object':
      return type.members.size === 0 && type.index ? `Record<string, ${typeText(type.index)}>` : '{…}';
  }
}
