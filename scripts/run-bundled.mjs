/**
 * Runs a TypeScript script of this repository as one esbuild bundle, rebuilt only when one of its sources changed.
 *
 * `npm run build:observability` runs in CI on every push; loading its ~200 TypeScript modules one by one through
 * tsx's loader costs more than the build itself. The bundle (in node_modules/.cache, never committed) is written
 * with a list of its inputs and their size and mtime; the next run checks those and imports the bundle directly, or
 * rebuilds it first. Every definition file keeps its own `import.meta.url`, so generated headers still name it.
 *
 * Usage: node scripts/run-bundled.mjs <script.ts> [arguments of the script]
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const CACHE = join(ROOT, 'node_modules', '.cache', 'run-bundled');
/** Bumped when the way bundles are made changes, so older bundles are rebuilt. */
const FORMAT = 1;

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: node scripts/run-bundled.mjs <script.ts> [arguments]');
  process.exit(2);
}
const entry = resolve(script);
const name = relative(ROOT, entry).replace(/[\\/]/g, '__').replace(/\.ts$/, '');
const bundle = join(CACHE, `${name}.mjs`);
const manifest = join(CACHE, `${name}.inputs.json`);

/** Whether the bundle was made by this launcher from inputs that are all unchanged. */
function fresh() {
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(manifest, 'utf8'));
  } catch {
    return false;
  }
  if (recorded.format !== FORMAT || recorded.node !== process.version) return false;
  for (const [file, size, mtime] of recorded.inputs) {
    try {
      const s = statSync(join(ROOT, file));
      if (s.size !== size || s.mtimeMs !== mtime) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Bundles `entry` with esbuild and records its inputs; the bundle and its list are swapped in by rename. */
async function rebuild() {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundle,
    write: false,
    metafile: true,
    sourcemap: 'linked',
    logLevel: 'error',
    // Packages written in CommonJS call require(); an ES module bundle gets it from createRequire.
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
    plugins: [
      {
        name: 'own-import-meta',
        setup(b) {
          b.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
            if (/[\\/]node_modules[\\/]/.test(path)) return undefined;
            const text = await readFile(path, 'utf8');
            return {
              loader: 'ts',
              contents: text
                .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href))
                .replaceAll('import.meta.dirname', JSON.stringify(dirname(path))),
            };
          });
        },
      },
    ],
  });
  const inputs = Object.keys(result.metafile.inputs).map((file) => {
    const s = statSync(join(ROOT, file));
    return [file, s.size, s.mtimeMs];
  });
  mkdirSync(CACHE, { recursive: true });
  const suffix = `.${process.pid}.tmp`;
  for (const out of result.outputFiles) writeFileSync(out.path + suffix, out.contents);
  writeFileSync(manifest + suffix, JSON.stringify({ format: FORMAT, node: process.version, inputs }));
  for (const out of result.outputFiles) renameSync(out.path + suffix, out.path);
  renameSync(manifest + suffix, manifest);
}

if (!fresh()) await rebuild();
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(bundle).href);
