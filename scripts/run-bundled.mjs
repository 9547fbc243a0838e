/**
 * Runs a TypeScript script of this repository as one esbuild bundle, rebuilt only when one of its sources changed.
 *
 * `npm run build:observability` runs in CI on every push; loading its ~200 TypeScript modules one by one through
 * tsx's loader costs more than the build itself. The bundle (in node_modules/.cache, never committed) is written
 * with a list of its inputs and their size and mtime; the next run checks those and runs the bundle directly, or
 * rebuilds it first. Every definition file keeps its own `import.meta.url`, so generated headers still name it.
 *
 * The bundle is CommonJS, minified but for its identifiers, and run as a `vm.Script` with a V8 code cache written
 * after its first run: parsing and compiling the ~2 MB of definitions and libraries took as long as a third of
 * the build, and Node 20 caches no compiled code for ES modules. A script with top-level await cannot be
 * CommonJS; it is bundled as an ES module and imported, without a code cache.
 *
 * A new bundle is written only for sources that type-check: before it, TypeScript (the native compiler) checks
 * the project files the bundle is made of, incrementally, and a type error stops the run with the file, line and
 * message. An error thrown while the script runs is reported at its TypeScript file and line, through the
 * bundle's source map: one short message, never a dump of bundle code.
 *
 * Usage: node scripts/run-bundled.mjs <script.ts> [arguments of the script]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire, SourceMap } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';

const ROOT = resolve(import.meta.dirname, '..');
/** Where bundles live; RUN_BUNDLED_CACHE moves them (tests that build a copy of the repository). */
const CACHE = process.env.RUN_BUNDLED_CACHE ?? join(ROOT, 'node_modules', '.cache', 'run-bundled');
/** Bumped when the way bundles are made changes, so older bundles are rebuilt. */
const FORMAT = 4;

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: node scripts/run-bundled.mjs <script.ts> [arguments]');
  process.exit(2);
}
const entry = resolve(script);
const name = relative(ROOT, entry).replace(/[\\/]/g, '__').replace(/\.ts$/, '');
const manifest = join(CACHE, `${name}.inputs.json`);
/** The bundle's file: `.cjs`, or `.mjs` for a script with top-level await. */
const bundleFile = (format) => join(CACHE, `${name}.${format === 'cjs' ? 'cjs' : 'mjs'}`);
const codeCache = join(CACHE, `${name}.cjs.v8-cache`);
/** The command name in messages: `build-observability` for scripts/build-observability.ts. */
const command = basename(entry, '.ts');

/** Prints `message` as the command's one error and exits 1. */
function fail(message) {
  process.stderr.write(`${command}: ${message}\n`);
  process.exit(1);
}

/** The module format of the bundle when this launcher made it from inputs that are all unchanged, else undefined. */
function fresh() {
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(manifest, 'utf8'));
  } catch {
    return undefined;
  }
  if (recorded.format !== FORMAT || recorded.node !== process.version) return undefined;
  for (const [file, size, mtime] of recorded.inputs) {
    try {
      const s = statSync(join(ROOT, file));
      if (s.size !== size || s.mtimeMs !== mtime) return undefined;
    } catch {
      return undefined;
    }
  }
  return recorded.module;
}

/** Bundles `entry` with esbuild in `format`; throws esbuild's error when the script cannot be bundled so. */
async function bundleAs(format) {
  const { build } = await import('esbuild');
  return build({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format,
    target: 'node20',
    outfile: bundleFile(format),
    write: false,
    metafile: true,
    sourcemap: 'linked',
    // Smaller source to read and hash. Identifiers stay, so stack traces read as the source does; esbuild's
    // keepNames would instead wrap every closure, on every call, in a naming helper.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'silent',
    // Packages written in CommonJS call require(); an ES module bundle gets it from createRequire.
    banner: format === 'esm' ? { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" } : {},
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
}

/** esbuild's errors as `file:line:column: text`, one per line. */
function bundleErrors(error) {
  const errors = error?.errors ?? [];
  if (errors.length === 0) return String(error?.message ?? error);
  return errors.map((e) => (e.location ? `${e.location.file}:${e.location.line}:${e.location.column + 1}: ${e.text}` : e.text)).join('\n');
}

/**
 * Type-checks the project's TypeScript files among `inputs` (and what they import) with the native compiler,
 * incrementally; returns the errors as `file:line:column: message (TSnnnn)` lines, or an empty string.
 */
function typeErrors(inputs) {
  const files = inputs.filter((f) => f.endsWith('.ts') && !f.startsWith('node_modules/'));
  const config = join(CACHE, `${name}.tsconfig.json`);
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(config, JSON.stringify({ extends: relative(CACHE, join(ROOT, 'tsconfig.json')), include: [], files: files.map((f) => relative(CACHE, join(ROOT, f))) }));
  const tsc = join(dirname(fileURLToPath(import.meta.resolve('typescript/package.json'))), 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', config, '--noEmit', '--incremental', '--tsBuildInfoFile', join(CACHE, `${name}.tsbuildinfo`), '--pretty', 'false'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status === 0) return '';
  const lines = `${r.stdout}${r.stderr}`.trim().split('\n');
  return lines
    .map((line) => {
      const m = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
      return m ? `${relative(ROOT, resolve(ROOT, m[1]))}:${m[2]}:${m[3]}: ${m[5]} (${m[4]})` : line;
    })
    .join('\n');
}

/** Bundles `entry` and records its inputs; the bundle and its list are swapped in by rename. Returns the format. */
async function rebuild() {
  let format = 'cjs';
  let result;
  try {
    try {
      result = await bundleAs('cjs');
    } catch (error) {
      if (!String(error?.message).includes('Top-level await')) throw error;
      format = 'esm';
      result = await bundleAs('esm');
    }
  } catch (error) {
    fail(`the definitions do not compile; nothing was written:\n${bundleErrors(error)}`);
  }
  const types = typeErrors(Object.keys(result.metafile.inputs));
  if (types) fail(`type errors; nothing was written (fix them, or run \`npm run typecheck\` for the whole project):\n${types}`);
  const inputs = Object.keys(result.metafile.inputs).map((file) => {
    const s = statSync(join(ROOT, file));
    return [file, s.size, s.mtimeMs];
  });
  mkdirSync(CACHE, { recursive: true });
  const suffix = `.${process.pid}.tmp`;
  for (const out of result.outputFiles) writeFileSync(out.path + suffix, out.contents);
  writeFileSync(manifest + suffix, JSON.stringify({ format: FORMAT, node: process.version, module: format, inputs }));
  // The code cache belongs to the previous bundle; V8 would reject it, but a stale one is never worth reading.
  rmSync(codeCache, { force: true });
  for (const out of result.outputFiles) renameSync(out.path + suffix, out.path);
  renameSync(manifest + suffix, manifest);
  return format;
}

/**
 * Runs the CommonJS bundle from its code cache. Without a usable cache, the cache is written when the process
 * exits: by then V8 has compiled every function the build ran, and all of them go into the cache.
 */
function runWithCodeCache(bundle) {
  let cachedData;
  try {
    cachedData = readFileSync(codeCache);
  } catch {
    cachedData = undefined;
  }
  const source = readFileSync(bundle, 'utf8');
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', () => {
      const suffix = `.${process.pid}.tmp`;
      try {
        writeFileSync(codeCache + suffix, script.createCachedData());
        renameSync(codeCache + suffix, codeCache);
      } catch {
        // A cache that cannot be written only costs the next run its compile time.
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
}

/**
 * Stack frames of the bundle read as the TypeScript they were bundled from, through its source map (loaded only
 * when an error's stack is asked for).
 */
function mapStackTraces(bundle) {
  let map;
  const original = (file, line, column) => {
    if (file !== bundle) return undefined;
    map ??= new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
    const entry = map.findEntry(line - 1, column - 1);
    if (!entry?.originalSource) return undefined;
    return { file: relative(ROOT, resolve(dirname(bundle), entry.originalSource.replace(/^file:\/\//, ''))), line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  };
  Error.prepareStackTrace = (error, frames) => {
    const lines = frames.map((f) => {
      const at = original(f.getFileName(), f.getLineNumber(), f.getColumnNumber());
      const where = at ? `${at.file}:${at.line}:${at.column}` : `${f.getFileName()}:${f.getLineNumber()}:${f.getColumnNumber()}`;
      return `    at ${f.getFunctionName() ? `${f.getFunctionName()} (${where})` : where}`;
    });
    return [`${error.name}: ${error.message}`, ...lines].join('\n');
  };
}

/**
 * An error the script did not handle: its message and where in the project's own code it was thrown (the first
 * frame outside node_modules), instead of Node's dump of the bundle's source line.
 */
function reportCrash(error) {
  // A definition the engine refused as it loaded (the catalog): its message says where and what to do.
  if (error?.name === 'CatalogError') fail(error.message);
  const stack = String(error?.stack ?? error).split('\n');
  const own = stack.find((line) => /^\s+at .*\.ts:\d+:\d+\)?$/.test(line) && !line.includes('node_modules/'));
  const where = own ? ` (at ${own.trim().replace(/^at /, '')})` : '';
  fail(`${error?.name ?? 'Error'}: ${error?.message ?? error}${where}\nThis is a bug in a definition or in the generator; the output was not changed.`);
}

const format = fresh() ?? (await rebuild());
process.argv = [process.argv[0], entry, ...args];
mapStackTraces(bundleFile(format));
process.on('uncaughtException', reportCrash);
process.on('unhandledRejection', reportCrash);
if (format === 'cjs') runWithCodeCache(bundleFile(format));
else await import(pathToFileURL(bundleFile(format)).href);
