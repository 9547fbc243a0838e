/**
 * A project's settings: its schema's defaults, merged with a deployment's override file (`--config <file.yaml>`)
 * before any definition is made. Every key of the file is validated by the schema; an unknown key, a wrong type or
 * a value out of range is an error naming the file, the line, the key and what is accepted.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node } from 'yaml';
import { z } from 'zod';

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
  if (parsed.success) return parsed.data;
  const where = (path: readonly PropertyKey[]) => `${file}:${lineOf(doc.contents, path, lines) ?? 1}: ${path.map(String).join('.') || '(file)'}`;
  throw new SettingsError(`${file} is invalid; nothing was written:\n  - ${problems(parsed.error, schema, where).join('\n  - ')}`);
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
