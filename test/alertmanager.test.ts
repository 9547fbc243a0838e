/**
 * The generated Alertmanager configuration: amtool check-config (Debian's prometheus-alertmanager), secrets only
 * from files, and the routing the project means, on a table of label sets and on every alert the project defines.
 * Routes are read with routedReceiver, the function the live verification uses; test/alertmanager-routing.test.ts
 * proves that it routes every such label set as `amtool config routes test` does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { resolveProject } from '../engine/resolve/resolve-project';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cdbProject } from '../project';
import { RECEIVERS } from '../config/receivers';
import { LAYERS } from '../config/layers';
import { PATHS, synthesize } from '../engine/build/synthesize';
import { stageTree } from '../engine/build/write-tree';
import { AMTOOL, findTool } from '../engine/external/tool-runner';
import { routedReceiver } from '../live/verify';

const amtool = findTool(AMTOOL);
const scratch = mkdtempSync(join(tmpdir(), 'cdb-amtool-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const tree = synthesize(resolveProject(cdbProject()));
const dir = stageTree(join(scratch, 'generated'), tree);
const CONFIG = `${PATHS.alertmanager}/alertmanager.yml`;

function run(args: string[]) {
  if (!amtool.available) throw new Error(`these tests need amtool: ${amtool.reason}`);
  return amtool.run(args, dir);
}

/** The receiver the generated routing sends a label set to (the same reading the live verification uses). */
const receiverFor = (labels: Record<string, string>): string => routedReceiver(dir, labels);

describe('alertmanager.yml', () => {
  it('passes amtool check-config', () => {
    const result = run(['check-config', CONFIG]);
    expect(result.output).toContain('SUCCESS');
    expect(result.ok).toBe(true);
  });

  it('takes every secret from a file', () => {
    const config = parse(tree.get(CONFIG)!);
    for (const r of config.receivers) {
      for (const w of r.webhook_configs ?? []) expect(w.http_config.authorization.credentials_file, r.name).toMatch(/^\/etc\/alertmanager-secrets\//);
      for (const s of r.slack_configs ?? []) {
        expect(s.api_url_file, r.name).toMatch(/^\/etc\/alertmanager-secrets\//);
        expect(s.api_url, r.name).toBeUndefined();
      }
    }
  });

  it.each([
    ['Watchdog goes to the dead man\'s switch', { alertname: 'Watchdog', severity: 'info', layer: 'system' }, RECEIVERS.deadMansSwitch],
    ['critical pages', { alertname: 'CdbRedisDown', severity: 'critical', layer: 'system', service: 'cdb_redis' }, RECEIVERS.pager],
    ['live trading pages', { alertname: 'CdbLiveTradingDetected', severity: 'critical', layer: 'paper-execution' }, RECEIVERS.pager],
    ['a risk warning opens a risk ticket', { alertname: 'CdbRiskRejectionRatioSpike', severity: 'warning', layer: 'risk' }, RECEIVERS.tickets('risk')],
    ['a database warning opens a database ticket', { alertname: 'CdbDbSlowQueries', severity: 'warning', layer: 'database' }, RECEIVERS.tickets('database')],
    ['info notifies nobody', { alertname: 'CdbSomething', severity: 'info', layer: 'risk' }, RECEIVERS.silent],
    ['a warning of an unknown layer still reaches a ticket', { alertname: 'CdbX', severity: 'warning', layer: 'elsewhere' }, RECEIVERS.tickets('system')],
    ['an alert without severity still reaches a ticket', { alertname: 'CdbX' }, RECEIVERS.tickets('system')],
  ])('%s', (_, labels, receiver) => {
    expect(receiverFor(labels)).toBe(receiver);
  });

  it('routes every defined alert by its severity and layer', () => {
    const alerts = cdbProject().alertGroups.flatMap((g) => g.alerts);
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) {
      const expected =
        a.name === 'Watchdog' ? RECEIVERS.deadMansSwitch : a.severity === 'critical' ? RECEIVERS.pager : a.severity === 'warning' ? RECEIVERS.tickets(a.labels.layer!) : RECEIVERS.silent;
      expect(receiverFor({ alertname: a.name, severity: a.severity, ...a.labels }), a.name).toBe(expected);
    }
  });

  it('has a ticket receiver for every layer', () => {
    const names = parse(tree.get(CONFIG)!).receivers.map((r: { name: string }) => r.name);
    for (const l of LAYERS) expect(names).toContain(RECEIVERS.tickets(l.id));
  });
});
