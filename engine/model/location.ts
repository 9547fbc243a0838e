/**
 * Where a definition is: its file and its path inside the file (`dashboard "risk" › panel "Drawdown" › query 1`).
 * Findings carry a location and silences are matched against it step by step, so rewording how a location is
 * printed can never stop a silence from applying.
 */
import { fileURLToPath } from 'node:url';
import { relative, sep } from 'node:path';

/**
 * One step of a definition path: the kind of definition and its name (numbers are positions, e.g. query 1; no name
 * for a part there is one of, e.g. an inhibit rule's source).
 */
export interface LocationStep {
  readonly kind: string;
  readonly name?: string | number;
}

/** A step as definitions write it: `['panel', 'Drawdown']`, `['query', 1]` or `['source']`. */
export type Step = readonly [kind: string, name?: string | number];

export interface Location {
  /** Definition file, relative to the project root, with `/` separators. */
  readonly file: string;
  /** Definitions from the outermost in, e.g. dashboard, then panel, then query. Empty: the file as a whole. */
  readonly path: readonly LocationStep[];
}

/** A location inside `parent`: one or more steps deeper. */
export function within(parent: Location, ...steps: readonly Step[]): Location {
  return { file: parent.file, path: [...parent.path, ...steps.map(([kind, name]) => (name === undefined ? { kind } : { kind, name }))] };
}

/** A location at the top of `file`, optionally a few steps deep. */
export function locate(file: string, ...steps: readonly Step[]): Location {
  return within({ file, path: [] }, ...steps);
}

/** The path as people read it: `dashboard "risk" › panel "Drawdown" › query 1`. */
export function describePath(location: Location): string {
  return location.path.map((s) => (s.name === undefined ? s.kind : typeof s.name === 'number' ? `${s.kind} ${s.name}` : `${s.kind} "${s.name}"`)).join(' › ');
}

/** Whether `inner` is `outer` or a definition inside it (same file, `outer`'s path a prefix of `inner`'s). */
export function contains(outer: Location, inner: Location): boolean {
  if (outer.file !== inner.file || outer.path.length > inner.path.length) return false;
  return outer.path.every((s, i) => s.kind === inner.path[i]!.kind && s.name === inner.path[i]!.name);
}

/** A definition's source (an `import.meta.url` or a path) relative to the project root, with `/` separators. */
export function sourcePath(rootDir: string, source: string): string {
  const absolute = source.startsWith('file:') ? fileURLToPath(source) : source;
  return relative(rootDir, absolute).split(sep).join('/');
}
