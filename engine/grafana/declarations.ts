/**
 * Reads the type declarations `@grafana/schema` ships (`.d.ts` files generated from Grafana's CUE schemas) into
 * plain data: interfaces with their members, type aliases and enums. The generated files use a small part of
 * TypeScript (interfaces with `extends`, unions, literals, `Array<T>`, `Record<K, V>`, object literals,
 * namespace imports); anything else in a statement is skipped whole, and a type this reader cannot express is
 * read as `unknown` and listed in `unsupported`, so that a test can tell when a new package needs more of it.
 */

/** A type expression. */
export type TypeNode =
  | { readonly kind: 'keyword'; readonly name: 'string' | 'number' | 'boolean' | 'unknown' | 'any' | 'null' | 'undefined' | 'object' | 'never' }
  | { readonly kind: 'literal'; readonly value: string | number | boolean }
  /** A named type, `namespace` set for `common.X`; `member` for an enum member `Mode.Fixed`. */
  | { readonly kind: 'ref'; readonly name: string; readonly namespace?: string; readonly member?: string; readonly args: readonly TypeNode[] }
  | { readonly kind: 'array'; readonly element: TypeNode }
  | { readonly kind: 'union'; readonly members: readonly TypeNode[] }
  | { readonly kind: 'intersection'; readonly members: readonly TypeNode[] }
  /** An object type; `index` is the type of keys not listed (`Record<string, T>`, `[key: string]: T`). */
  | { readonly kind: 'object'; readonly members: ReadonlyMap<string, Member>; readonly index?: TypeNode };

export interface Member {
  readonly optional: boolean;
  readonly type: TypeNode;
}

export type Declaration =
  | { readonly kind: 'interface'; readonly name: string; readonly extends: readonly TypeNode[]; readonly members: ReadonlyMap<string, Member> }
  | { readonly kind: 'alias'; readonly name: string; readonly type: TypeNode }
  | { readonly kind: 'enum'; readonly name: string; readonly members: ReadonlyMap<string, string | number> };

/** The declarations of one file. */
export interface DeclarationFile {
  readonly declarations: ReadonlyMap<string, Declaration>;
  /** Namespace imports (`import * as common from '@grafana/schema'`): local name → module. */
  readonly namespaces: ReadonlyMap<string, string>;
  /** Type syntax read as `unknown`, with the declaration it is in. */
  readonly unsupported: readonly string[];
}

export const UNKNOWN: TypeNode = { kind: 'keyword', name: 'unknown' };

type Token = { readonly kind: 'name' | 'string' | 'number' | 'punct'; readonly text: string };

/**
 * One token at a time, by one sticky expression: whitespace and comments (skipped), strings, numbers, names,
 * `=>`, and any other single character.
 */
const TOKEN = /(\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(-?[0-9][0-9_]*(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)|([A-Za-z_$][A-Za-z0-9_$]*)|(=>|[\s\S])/y;

/** The tokens of a declaration file, without whitespace and comments. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null && m[0] !== ''; m = TOKEN.exec(text)) {
    if (m[1] !== undefined) continue;
    if (m[2] !== undefined || m[3] !== undefined) tokens.push({ kind: 'string', text: (m[2] ?? m[3]!).replace(/\\(.)/g, '$1') });
    else if (m[4] !== undefined) tokens.push({ kind: 'number', text: m[4] });
    else if (m[5] !== undefined) tokens.push({ kind: 'name', text: m[5] });
    else tokens.push({ kind: 'punct', text: m[6]! });
  }
  return tokens;
}

const KEYWORDS = new Set(['string', 'number', 'boolean', 'unknown', 'any', 'null', 'undefined', 'object', 'never']);

class Reader {
  private pos = 0;
  private where = '';
  readonly declarations = new Map<string, Declaration>();
  readonly namespaces = new Map<string, string>();
  readonly unsupported: string[] = [];

  constructor(private readonly tokens: readonly Token[]) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }
  private is(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t !== undefined && (t.kind === 'punct' || t.kind === 'name') && t.text === text;
  }
  private next(): Token {
    const t = this.tokens[this.pos++];
    if (!t) throw new Error('unexpected end of declarations');
    return t;
  }
  private expect(text: string): void {
    const t = this.next();
    if (t.text !== text) throw new Error(`expected "${text}" but found "${t.text}" in ${this.where || 'the file'}`);
  }
  private eat(text: string): boolean {
    if (!this.is(text)) return false;
    this.pos++;
    return true;
  }

  /** Skips to the end of the statement: past its `;` at depth 0, or past a block that closes it. */
  private skipStatement(): void {
    let depth = 0;
    while (this.pos < this.tokens.length) {
      const t = this.next();
      if (t.kind !== 'punct') continue;
      if (t.text === '{' || t.text === '(' || t.text === '[') depth++;
      else if (t.text === '}' || t.text === ')' || t.text === ']') {
        depth--;
        if (depth === 0 && t.text === '}' && !this.is('.') && !this.is('|') && !this.is('&') && !this.is('[')) {
          this.eat(';');
          return;
        }
      } else if (t.text === ';' && depth === 0) return;
    }
  }

  readFile(): void {
    while (this.pos < this.tokens.length) {
      const start = this.pos;
      try {
        this.statement();
      } catch (error) {
        this.unsupported.push(`${this.where || 'statement'}: ${(error as Error).message}`);
        this.pos = start;
        this.skipStatement();
      }
      this.where = '';
    }
  }

  private statement(): void {
    if (this.is('import')) {
      this.next();
      if (this.eat('*') && this.eat('as')) {
        const local = this.next().text;
        this.expect('from');
        this.namespaces.set(local, this.next().text);
        this.eat(';');
      } else this.skipStatement();
      return;
    }
    while (this.is('export') || this.is('declare')) this.next();
    if (this.is('{') || this.is('*') || this.is('default')) return this.skipStatement();
    if (this.is('interface')) return this.interfaceDeclaration();
    if (this.is('type') && this.peek(1)?.kind === 'name') return this.aliasDeclaration();
    if (this.is('enum') || (this.is('const') && this.is('enum', 1))) return this.enumDeclaration();
    this.skipStatement();
  }

  private interfaceDeclaration(): void {
    this.expect('interface');
    const name = this.next().text;
    this.where = `interface ${name}`;
    if (this.is('<')) throw new Error('generic interfaces are not read');
    const bases: TypeNode[] = [];
    if (this.eat('extends')) {
      do bases.push(this.typeReference());
      while (this.eat(','));
    }
    const members = this.objectMembers();
    this.declarations.set(name, { kind: 'interface', name, extends: bases, members: members.members });
    if (members.index) this.unsupported.push(`${this.where}: index signature`);
  }

  private aliasDeclaration(): void {
    this.expect('type');
    const name = this.next().text;
    this.where = `type ${name}`;
    if (this.is('<')) throw new Error('generic aliases are not read');
    this.expect('=');
    const type = this.type();
    this.eat(';');
    this.declarations.set(name, { kind: 'alias', name, type });
  }

  private enumDeclaration(): void {
    this.eat('const');
    this.expect('enum');
    const name = this.next().text;
    this.where = `enum ${name}`;
    this.expect('{');
    const members = new Map<string, string | number>();
    let nextValue = 0;
    while (!this.eat('}')) {
      const key = this.next().text;
      let value: string | number = nextValue;
      if (this.eat('=')) {
        const t = this.next();
        if (t.kind === 'string') value = t.text;
        else if (t.kind === 'number') value = Number(t.text);
        else throw new Error(`enum member ${key} has a computed value`);
      }
      if (typeof value === 'number') nextValue = value + 1;
      members.set(key, value);
      this.eat(',');
    }
    this.declarations.set(name, { kind: 'enum', name, members });
  }

  /** `{ a?: T; b: U; [key: string]: V }`. */
  private objectMembers(): { members: Map<string, Member>; index?: TypeNode } {
    this.expect('{');
    const members = new Map<string, Member>();
    let index: TypeNode | undefined;
    while (!this.eat('}')) {
      this.eat('readonly');
      if (this.eat('[')) {
        this.next();
        this.expect(':');
        this.type();
        this.expect(']');
        this.expect(':');
        index = this.type();
      } else {
        const key = this.next();
        if (key.kind === 'punct') throw new Error(`unexpected "${key.text}" in an object type`);
        const optional = this.eat('?');
        if (this.is('(') || this.is('<')) throw new Error(`method ${key.text} in an object type`);
        this.expect(':');
        members.set(key.text, { optional, type: this.type() });
      }
      if (!this.eat(';')) this.eat(',');
    }
    return index ? { members, index } : { members };
  }

  /** A union of intersections. */
  type(): TypeNode {
    this.eat('|');
    const members = [this.intersection()];
    while (this.eat('|')) members.push(this.intersection());
    return members.length === 1 ? members[0]! : { kind: 'union', members };
  }

  private intersection(): TypeNode {
    this.eat('&');
    const members = [this.postfix()];
    while (this.eat('&')) members.push(this.postfix());
    return members.length === 1 ? members[0]! : { kind: 'intersection', members };
  }

  private postfix(): TypeNode {
    let type = this.primary();
    while (this.is('[') && this.is(']', 1)) {
      this.pos += 2;
      type = { kind: 'array', element: type };
    }
    return type;
  }

  private primary(): TypeNode {
    const t = this.peek();
    if (!t) throw new Error('unexpected end of a type');
    if (t.kind === 'punct' && t.text === '(') {
      this.next();
      const inner = this.type();
      this.expect(')');
      return inner;
    }
    if (t.kind === 'punct' && t.text === '{') {
      const { members, index } = this.objectMembers();
      return index ? { kind: 'object', members, index } : { kind: 'object', members };
    }
    if (t.kind === 'string') {
      this.next();
      return { kind: 'literal', value: t.text };
    }
    if (t.kind === 'number') {
      this.next();
      return { kind: 'literal', value: Number(t.text) };
    }
    if (t.kind === 'name' && (t.text === 'true' || t.text === 'false')) {
      this.next();
      return { kind: 'literal', value: t.text === 'true' };
    }
    if (t.kind === 'name' && KEYWORDS.has(t.text) && !this.is('.', 1)) {
      this.next();
      return { kind: 'keyword', name: t.text as 'string' };
    }
    if (t.kind === 'name' && (t.text === 'typeof' || t.text === 'keyof')) throw new Error(`"${t.text}" types are not read`);
    if (t.kind === 'name') return this.typeReference();
    throw new Error(`unexpected "${t.text}" in a type`);
  }

  /** `Name`, `ns.Name`, `Enum.Member`, with type arguments; `Array<T>` and `Record<K, V>` become their shapes. */
  private typeReference(): TypeNode {
    const parts = [this.next().text];
    while (this.eat('.')) parts.push(this.next().text);
    const args: TypeNode[] = [];
    if (this.eat('<')) {
      do args.push(this.type());
      while (this.eat(','));
      this.expect('>');
    }
    if (parts.length === 1 && parts[0] === 'Array' && args.length === 1) return { kind: 'array', element: args[0]! };
    if (parts.length === 1 && parts[0] === 'Record' && args.length === 2) return { kind: 'object', members: new Map(), index: args[1]! };
    if (parts.length === 1) return { kind: 'ref', name: parts[0]!, args };
    // `a.B` is a namespace import's type or an enum's member; which one is decided when resolved.
    if (parts.length === 2) return { kind: 'ref', name: parts[1]!, namespace: parts[0]!, args };
    return { kind: 'ref', name: parts[1]!, namespace: parts[0]!, member: parts[2]!, args };
  }
}

/** The declarations of a `.d.ts` file's text. */
export function readDeclarations(text: string): DeclarationFile {
  const reader = new Reader(tokenize(text));
  reader.readFile();
  return { declarations: reader.declarations, namespaces: reader.namespaces, unsupported: reader.unsupported };
}
