/**
 * Runs every generated alert scenario with the real promtool (`promtool test rules`). A failure prints promtool's
 * report, which names the alert and the scenario ("CdbZeroActivitySignals: signals stop for 25h").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { resolveProject } from '../engine/resolve/resolve-project';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cdbProject } from '../project';
import { PATHS, synthesize } from '../engine/build/synthesize';
import { stageTree } from '../engine/build/write-tree';
import { findTool, PROMTOOL } from '../engine/external/tool-runner';

const promtool = findTool(PROMTOOL);
const scratch = mkdtempSync(join(tmpdir(), 'cdb-scenarios-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const tree = synthesize(resolveProject(cdbProject()));
const dir = stageTree(join(scratch, 'generated'), tree);
const testFiles = [...tree.keys()].filter((p) => p.startsWith(`${PATHS.ruleTests}/`));

describe('alert scenarios under promtool', () => {
  it('exist for every layer and SLO with alerts', () => {
    const layersWithAlerts = resolveProject(cdbProject()).alertGroups.filter((g) => g.alerts.length > 0).map((g) => `${PATHS.ruleTests}/${g.file}.test.yml`);
    expect(testFiles.sort()).toEqual(layersWithAlerts.sort());
  });

  // Two at a time (the machines have two cores); a day-long scenario file takes up to a minute under load.
  it.concurrent.each(testFiles)('%s passes', { timeout: 300_000 }, async (file) => {
    if (!promtool.available) throw new Error(`these tests need promtool: ${promtool.reason}`);
    const result = await promtool.runAsync(['test', 'rules', file], dir);
    expect(result.ok, result.output).toBe(true);
    expect(result.output).toContain('SUCCESS');
  });
});
