/** Reads a generated tree back from disk, in the same shape synthesis returns. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { GeneratedTree } from './synthesize';

/** Every file under `dir` (path relative to it, with `/`) → content; empty when `dir` does not exist. */
export function readTree(dir: string): GeneratedTree {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p).split(sep).join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** How `committed` differs from `built`: files whose content differs, files missing from it, files only in it. */
export function treeDrift(committed: GeneratedTree, built: GeneratedTree): { stale: string[]; missing: string[]; extra: string[] } {
  const stale = [...built.keys()].filter((p) => committed.has(p) && committed.get(p) !== built.get(p));
  const missing = [...built.keys()].filter((p) => !committed.has(p));
  const extra = [...committed.keys()].filter((p) => !built.has(p));
  return { stale, missing, extra };
}
