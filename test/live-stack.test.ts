/**
 * The generated tree on a live stack (live/stack.ts): real Prometheus, Alertmanager, Redis, PostgreSQL and the
 * Debian exporters on 127.0.0.1, scraping the simulated CdB services. One verification run (under four
 * minutes: CdbTargetDown waits `for: 2m`) feeds every assertion below.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../project';
import { renderLiveReport } from '../live/render-report';
import { missingBinaries, startLiveStack, type LiveStack } from '../live/stack';
import { verifyLive, type LiveReport } from '../live/verify';

const generatedDir = join(ROOT_DIR, 'generated');
let stack: LiveStack | undefined;
let report: LiveReport;

beforeAll(async () => {
  const missing = missingBinaries();
  if (missing.length > 0) throw new Error(`the live stack needs: apt-get install -y ${missing.join(' ')}`);
  const started = Date.now();
  stack = await startLiveStack({ generatedDir });
  report = await verifyLive(stack, generatedDir);
  process.stderr.write(renderLiveReport(report, (Date.now() - started) / 1000));
}, 300_000);

afterAll(async () => {
  await stack?.stop();
}, 30_000);

describe('live stack', () => {
  it('scrapes every target of the generated scrape config, all up', () => {
    // 6 services, Prometheus, Grafana, Alertmanager, 4 exporters, cAdvisor, 8 health probes.
    expect(report.targets.total).toBe(21);
    expect(report.targets.down).toEqual([]);
  });

  it('evaluates every rule group without errors', () => {
    expect(report.ruleGroups.groups).toBeGreaterThan(20);
    expect(report.ruleGroups.unhealthy).toEqual([]);
  });

  it('gets at least one series from every recording rule', () => {
    expect(report.recordingRules.total).toBeGreaterThan(100);
    expect(report.recordingRules.empty).toEqual([]);
  });

  it('gets data for every dashboard panel query, variables at their defaults', () => {
    expect(report.panels.total).toBeGreaterThan(150);
    expect(report.panels.problems).toEqual([]);
  });

  it('delivers Watchdog to the dead man\'s switch at once', () => {
    const watchdog = report.faults.find((f) => f.alert === 'Watchdog')!;
    expect(watchdog.expectedReceiver).toBe('cdb-deadmansswitch');
    expect(watchdog.deliveredTo).toEqual(['cdb-deadmansswitch']);
    expect(watchdog.deliveredAfter).toBeLessThan(30);
  });

  it('pages when execution switches to live', () => {
    const live = report.faults.find((f) => f.alert.startsWith('CdbLiveTradingDetected'))!;
    expect(live.expectedReceiver).toBe('cdb-pager');
    expect(live.deliveredTo).toEqual(['cdb-pager']);
    expect(live.deliveredAfter).toBeLessThan(30);
  });

  it('fires CdbTargetDown for a stopped service after its 2m, delivers it where routed, and resolves on restart', () => {
    const down = report.faults.find((f) => f.alert === 'CdbTargetDown service=cdb_risk')!;
    expect(down.firedAfter).toBeGreaterThanOrEqual(120);
    expect(down.firedAfter).toBeLessThan(150);
    expect(down.expectedReceiver).toBe('cdb-pager');
    expect(down.deliveredTo).toEqual(['cdb-pager']);
    expect(down.resolvedAfter).toBeLessThan(60);
  });

  it('pages when cdb_execution stops exposing its mode, and resolves once it exposes it again', () => {
    const unconfirmed = report.faults.find((f) => f.alert.startsWith('CdbPaperModeUnconfirmed'))!;
    // The series goes stale at the next scrape; the alert then waits its 1m.
    expect(unconfirmed.firedAfter).toBeGreaterThanOrEqual(60);
    expect(unconfirmed.firedAfter).toBeLessThan(90);
    expect(unconfirmed.deliveredTo).toEqual(['cdb-pager']);
    expect(unconfirmed.resolvedAfter).toBeLessThan(60);
  });

  it('pages when Prometheus cannot scrape itself, though it keeps running', () => {
    const blind = report.faults.find((f) => f.alert === 'CdbTargetDown service=cdb_prometheus')!;
    expect(blind.firedAfter).toBeGreaterThanOrEqual(120);
    expect(blind.deliveredTo).toEqual(['cdb-pager']);
    expect(blind.resolvedAfter).toBeLessThan(60);
  });

  it('pages a flapping trading-path service that CdbTargetDown never sees', () => {
    const flapping = report.faults.find((f) => f.alert.startsWith('CdbTargetFlapping'))!;
    expect(flapping.expectedReceiver).toBe('cdb-pager');
    expect(flapping.deliveredTo).toEqual(['cdb-pager']);
    // Six changes of up within the window: three drops and returns, one every 16 s.
    expect(flapping.firedAfter).toBeLessThan(120);
  });

  it('never notifies a receiver that has no notifier', () => {
    expect(stack!.sink.notifications.filter((n) => n.receiver === 'cdb-silent')).toEqual([]);
    expect(stack!.sink.notifications.length).toBeGreaterThan(0);
  });
});
