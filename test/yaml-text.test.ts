/**
 * The direct YAML writer against the `yaml` package: the same bytes for every shape and string the project writes,
 * for tricky strings at every depth, and for the whole CdB tree and a 100-service synthetic system.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resolveProject } from '../engine/resolve/resolve-project';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { packageText, yamlText } from '../engine/emit/yaml-text';
import { synthesize } from '../engine/build/synthesize';
import { cdbProject } from '../project';
import { syntheticProject } from '../bench/synthetic-project';

const ROOT = resolve(import.meta.dirname, '..');

/** Strings the package writes plain, quoted, or not as strings at all, and a few it writes as block scalars. */
const STRINGS = [
  'plain', 'with space', 'a: b', 'a:b', 'a #b', 'a#b', '#x', '- x', '-', '-x', '?', '? x', '?x', ':x', 'x:', ' x', 'x ',
  '', 'true', 'True', 'FALSE', 'yes', 'no', 'null', 'Null', '~', '1', '-1', '+1', '0.5', '1e3', '.5', '1.', '0x1F', '0o17',
  '.inf', '-.Inf', '.nan', '1_000', '99.5', '5m', '0+1x10', '1h30m', '{{ $labels.x }}', '[a]', 'a]', 'a,b', '{a}',
  "it's", '"q"', "'q'", '&a', '*a', '!t', '|x', '>x', '%x', '@x', '`x`', '---', '--- x', '...', 'a---', 'tab\there',
  'ctl\u0001', 'é ü ✓', '\u{1F600}', 'a\\b', 'line\nbreak', 'trailing\n', '\nleading', 'x\n\ny',
  'a "b" c', "a 'b' c", 'a \'b\' "c"', '"', "'", '"a: b"', "x: 'y'", 'a: "b\\c"', ' "x"', '{{ "x" }}', 'x\u2028y', 'nb\u00a0sp',
  'rate(x[5m]) > 0.5', 'sum by (a) (x{b="c", d=~"e|f"})', 'x{a!~"^(b|c)$"} # not a comment', 'a: {{ $value | humanize }}',
];

describe('the direct YAML writer', () => {
  it('writes every test string as the yaml package does, as a key and as a value at every depth', () => {
    for (const s of STRINGS) {
      const values: unknown[] = [
        { k: s },
        { [s || 'empty']: 1 },
        { a: { b: s, c: [s, { d: s }] } },
        { a: [[s, s], [], {}], b: [{ [s || 'e']: s, x: null }] },
        { a: [{ b: [{ c: s }] }] },
      ];
      for (const v of values) expect(yamlText(v), JSON.stringify(v)).toBe(packageText(v));
    }
  });

  it('writes numbers, booleans, null, empty collections and nested sequences as the yaml package does', () => {
    const v = { n: [0, -0, 1, -2.5, 1e21, 1e-7, 0.1 + 0.2, Number.MAX_SAFE_INTEGER], b: [true, false], z: null, e: [], o: {}, s: [[[1]], [{}], [[]]], '200': 'x' };
    expect(yamlText(v)).toBe(packageText(v));
  });

  it('hands values it does not write plainly to the yaml package', () => {
    for (const v of [{ a: undefined, b: 1 }, { a: Number.NaN }, { a: -Infinity }, { a: new Map([['x', 1]]) }, [1, 2], 'top', {}, { d: new Date(0) }]) {
      expect(yamlText(v)).toBe(packageText(v));
    }
  });

  const trees = {
    'the CdB tree': () => synthesize(resolveProject(cdbProject())),
    'a synthetic system of 100 services': () => synthesize(resolveProject(syntheticProject(100, ROOT))),
  };
  for (const [name, tree] of Object.entries(trees)) {
    it(`writes ${name} as the yaml package would`, () => {
      let files = 0;
      for (const [path, text] of tree()) {
        // The Alertmanager file carries comments, written through the package's document model.
        if (!path.endsWith('.yml') || path.endsWith('alertmanager.yml')) continue;
        const body = text.slice(text.indexOf('\n') + 1);
        const value: unknown = parse(body);
        expect(body, path).toBe(packageText(value));
        expect(yamlText(value), path).toBe(body);
        files++;
      }
      expect(files).toBeGreaterThan(10);
    });
  }

  it('keeps no string it had the package render once the call has returned', () => {
    // In a child process with a collector the test can call: 2,000 distinct 8 KB strings with both quote kinds
    // (which the package renders), one call each. A cache kept between calls would hold them all, over 30 MB.
    const writer = pathToFileURL(resolve(ROOT, 'engine/emit/yaml-text.ts')).href;
    const code = [
      `import { yamlText } from ${JSON.stringify(writer)};`,
      'globalThis.gc();',
      'const before = process.memoryUsage().heapUsed;',
      "for (let i = 0; i < 2000; i++) yamlText({ k: `'a' \"b\" ${i} ${'x'.repeat(8000)}` });",
      'globalThis.gc();',
      'process.stdout.write(String(process.memoryUsage().heapUsed - before));',
    ].join('\n');
    const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    expect(Number(child.stdout) / 2 ** 20).toBeLessThan(8);
  });
});
