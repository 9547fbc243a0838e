/**
 * Atomic replacement of the output directory: the new tree is written beside it, checked there, and swapped in
 * with two renames. A failure before the swap leaves the old tree exactly as it was.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { GeneratedTree } from './synthesize';

/** Writes `tree` into a fresh staging directory next to `outDir` and returns its path. */
export function stageTree(outDir: string, tree: GeneratedTree): string {
  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(outDir)}.staging-`));
  for (const [path, content] of tree) {
    const target = join(staging, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return staging;
}

/** Replaces `outDir` with the staged directory. */
export function swapIn(staging: string, outDir: string): void {
  const previous = `${staging}.previous`;
  if (existsSync(outDir)) renameSync(outDir, previous);
  try {
    renameSync(staging, outDir);
  } catch (error) {
    if (existsSync(previous)) renameSync(previous, outDir);
    throw error;
  }
  rmSync(previous, { recursive: true, force: true });
}

/** Removes a staging directory after a failed build. */
export function discardStaging(staging: string): void {
  rmSync(staging, { recursive: true, force: true });
}
