/**
 * A project's settings: its schema's defaults, merged with a deployment's override file (`--config <file.yaml>`)
 * before any definition is made. Every key of the file is validated by the schema; an unknown key, a wrong type or
 * a value out of range is an error naming the file, the line, the key and what is accepted.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node } from 'yaml';
import { z } from 'zod';
import { secretsIn, type ValueKind } from '../secrets/detect';
import { settingKind } from './values';

/** Settings the build cannot use; the message names the file, line and key of every problem. Nothing was written. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

/**
 * The settings of `schema`: its defaults, with the values of the YAML file `file` when one is given. Throws
 * SettingsError for a file that is not YAML or does not fit the schema, and for defaults the schema rejects
 * (`defaultsSource` is where those are written).
 */
export function loadSettings<S extends z.ZodType>(schema: S, options: { readonly file?: string; readonly defaultsSource: string }): z.output<S> {
  if (!options.file) {
    const parsed = schema.safeParse({});
    if (parsed.success) return parsed.data;
    throw new SettingsError(`the default settings in ${options.defaultsSource} are invalid:\n  - ${problems(parsed.error, schema, (path) => `${options.defaultsSource}: ${path.join('.')}`).join('\n  - ')}`);
  }
  const file = options.file;
  const text = readFileSync(file, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) {
    throw new SettingsError(
      `${file} is not valid YAML; nothing was written:\n${doc.errors.map((e) => `  - ${file}:${e.linePos?.[0]?.line ?? '?'}: ${e.message.split('\n')[0]}`).join('\n')}`,
    );
  }
  const parsed = schema.safeParse(doc.toJS() ?? {});
  const where = (path: readonly PropertyKey[]) => `${file}:${lineOf(doc.contents, path, lines) ?? 1}: ${path.map(String).join('.') || '(file)'}`;
  if (!parsed.success) throw new SettingsError(`${file} is invalid; nothing was written:\n  - ${problems(parsed.error, schema, where).join('\n  - ')}`);
  const secrets = secretsInFile(doc.toJS() ?? {}, schema).map(
    (s) => `${where(s.path)} contains what looks like a secret: ${s.found.join('; ')}; put it into a file the container reads (credentialsFile, apiUrlFile) and name only the file here`,
  );
  if (secrets.length > 0) throw new SettingsError(`${file} holds secrets, which must never be in git or in generated/; nothing was written:\n  - ${secrets.join('\n  - ')}`);
  return parsed.data;
}

/** How the secret detectors read a setting of each kind. */
const SECRET_KIND: Partial<Record<string, ValueKind>> = { url: 'webhook', file: 'file', 'host-port': 'target' };

/** Every string of the settings file that looks like it holds a secret, with its key path. */
function secretsInFile(value: unknown, schema: z.ZodType | undefined, path: readonly PropertyKey[] = []): Array<{ path: readonly PropertyKey[]; found: string[] }> {
  if (typeof value === 'string') {
    const found = secretsIn(value, (schema && SECRET_KIND[settingKind(schema) ?? '']) ?? 'text');
    return found.length > 0 ? [{ path, found }] : [];
  }
  const node = unwrap(schema);
  if (Array.isArray(value)) return value.flatMap((v, i) => secretsInFile(v, node instanceof z.ZodArray ? (node.element as z.ZodType) : undefined, [...path, i]));
  if (value && typeof value === 'object') {
    const shape = node instanceof z.ZodObject ? (node.shape as Record<string, z.ZodType>) : {};
    return Object.entries(value).flatMap(([k, v]) => secretsInFile(v, shape[k], [...path, k]));
  }
  return [];
}

/** One line per problem: where, then what is wrong (with the accepted keys for an unknown one). */
function problems(error: z.ZodError, schema: z.ZodType, where: (path: readonly PropertyKey[]) => string): string[] {
  return error.issues.flatMap((issue) => {
    if (issue.code !== 'unrecognized_keys') return [`${where(issue.path)}: ${issue.message}`];
    const accepted = keysAt(schema, issue.path);
    return issue.keys.map((key) => `${where([...issue.path, key])}: unknown key${accepted ? `; accepted here: ${accepted.join(', ')}` : ''}`);
  });
}

/** The keys the object schema at `path` accepts, when the schema there is an object. */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] | undefined {
  let node: z.ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (!(node instanceof z.ZodObject)) return undefined;
    node = unwrap((node.shape as Record<string, z.ZodType>)[String(segment)]);
  }
  return node instanceof z.ZodObject ? Object.keys(node.shape) : undefined;
}

/** The schema inside defaults, prefaults, optionals and pipes. */
export function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let node = schema;
  for (;;) {
    if (node instanceof z.ZodDefault || node instanceof z.ZodPrefault || node instanceof z.ZodOptional) node = node.unwrap() as z.ZodType;
    else if (node instanceof z.ZodPipe) node = node.in as z.ZodType;
    else return node;
  }
}

/** The line of the deepest key of `path` present in the YAML document. */
function lineOf(contents: unknown, path: readonly PropertyKey[], lines: LineCounter): number | undefined {
  let node: unknown = contents;
  let offset: number | undefined = (contents as Node | null)?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment];
      offset = (node as Node).range?.[0] ?? offset;
    } else break;
  }
  return offset === undefined ? undefined : lines.linePos(offset).line;
}
