/**
 * promtool (the real one from Debian's prometheus package) on the generated output. promtool is required: the
 * README's setup and .ci/run install it, so a missing promtool fails here instead of skipping.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { resolveProject } from '../engine/resolve/resolve-project';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findTool, PROMTOOL } from '../engine/external/tool-runner';
import { cdbProject } from '../project';
import { PATHS, synthesize } from '../engine/build/synthesize';
import { stageTree } from '../engine/build/write-tree';

const promtool = findTool(PROMTOOL);
const scratch = mkdtempSync(join(tmpdir(), 'cdb-promtool-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(args: string[], cwd: string) {
  if (!promtool.available) throw new Error(`these tests need promtool: ${promtool.reason}`);
  return promtool.run(args, cwd);
}

describe('promtool on the generated Claire de Binare tree', () => {
  const tree = synthesize(resolveProject(cdbProject()));
  const dir = stageTree(join(scratch, 'generated'), tree);
  const ruleFiles = [...tree.keys()].filter((p) => p.startsWith(`${PATHS.rules}/`));

  it('accepts every rule file', () => {
    expect(ruleFiles.length).toBeGreaterThanOrEqual(6);
    const result = run(['check', 'rules', ...ruleFiles], dir);
    expect(result.output).not.toMatch(/FAILED/);
    expect(result.ok).toBe(true);
    expect(result.output).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('accepts prometheus.yml with the rule files it references', () => {
    const result = run(['check', 'config', `${PATHS.prometheus}/prometheus.yml`], dir);
    expect(result.ok, result.output).toBe(true);
    expect(result.output).toContain(`SUCCESS: ${ruleFiles.length} rule files found`);
  });
});

describe('promtool catches what our checks would not', () => {
  it('rejects a rule file with a bad expression (proving the check can fail)', () => {
    const dir = join(scratch, 'broken');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'bad.yml'), 'groups:\n  - name: bad\n    rules:\n      - record: job:x:sum\n        expr: sum by (job) (rate(x[5m])\n');
    const result = run(['check', 'rules', 'bad.yml'], dir);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/FAILED|unclosed|parse error/i);
  });
});
