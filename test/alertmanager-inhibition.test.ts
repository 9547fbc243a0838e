/**
 * The generated inhibition rules on a real Alertmanager 0.25 (Debian's prometheus-alertmanager), started on
 * 127.0.0.1 with the generated routing and inhibitions and every receiver emptied so that nothing is sent.
 * Alerts are posted through the API; the API reports which ones the inhibitions mute.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolveProject } from '../engine/resolve/resolve-project';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { cdbProject } from '../project';
import { PATHS, synthesize } from '../engine/build/synthesize';
import { findOnPath } from '../engine/external/find-tool';
import { freePort } from '../engine/live/processes';

const scratch = mkdtempSync(join(tmpdir(), 'cdb-am-inhibit-'));
let alertmanager: ChildProcess | undefined;
let base = '';

beforeAll(async () => {
  const binary = findOnPath('alertmanager') ?? findOnPath('prometheus-alertmanager');
  if (!binary) throw new Error('this test needs alertmanager: apt-get install prometheus-alertmanager');
  const config = parse(synthesize(resolveProject(cdbProject())).get(`${PATHS.alertmanager}/alertmanager.yml`)!);
  config.receivers = config.receivers.map((r: { name: string }) => ({ name: r.name }));
  writeFileSync(join(scratch, 'alertmanager.yml'), stringify(config));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  alertmanager = spawn(binary, [
    `--config.file=${join(scratch, 'alertmanager.yml')}`,
    `--storage.path=${join(scratch, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=',
  ]);
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/-/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('alertmanager did not become ready within 10 s');
}, 20_000);

afterAll(async () => {
  if (alertmanager && alertmanager.exitCode === null) {
    const exited = new Promise((resolve) => alertmanager!.once('exit', resolve));
    alertmanager.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    alertmanager.kill('SIGKILL');
  }
  rmSync(scratch, { recursive: true, force: true });
});

type Labels = Record<string, string>;

async function send(alerts: object[]): Promise<void> {
  const response = await fetch(`${base}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alerts) });
  expect(response.ok).toBe(true);
}

/**
 * Posts firing alerts and returns each one's state, keyed `alertname/service/slo_id/severity`; then resolves them,
 * so that they mute nothing in the next test.
 */
async function post(...alerts: Labels[]): Promise<Map<string, string>> {
  const run = Math.random().toString(36).slice(2);
  const tagged = alerts.map((labels) => ({ labels: { ...labels, test_run: run }, annotations: {} }));
  await send(tagged);
  await new Promise((r) => setTimeout(r, 300));
  const listed = (await (await fetch(`${base}/api/v2/alerts?filter=test_run%3D%22${run}%22`)).json()) as Array<{ labels: Labels; status: { state: string } }>;
  await send(tagged.map((a) => ({ ...a, endsAt: new Date().toISOString() })));
  await new Promise((r) => setTimeout(r, 100));
  expect(listed).toHaveLength(alerts.length);
  return new Map(listed.map((a) => [`${a.labels.alertname}/${a.labels.service}/${a.labels.slo_id ?? ''}/${a.labels.severity}`, a.status.state]));
}

const alert = (alertname: string, severity: string, service: string, extra: Labels = {}): Labels => ({ alertname, severity, service, layer: 'x', ...extra });

describe('inhibition rules on a real Alertmanager', () => {
  it('a down service mutes its symptoms but not its Zero-Activity, risk, live-trading or crash alerts', async () => {
    const states = await post(
      alert('CdbTargetDown', 'critical', 'cdb_core'),
      alert('CdbSignalLatencyHigh', 'warning', 'cdb_core'),
      alert('CdbHealthEndpointFailing', 'critical', 'cdb_core'),
      alert('CdbZeroActivitySignals', 'critical', 'cdb_core'),
      alert('CdbContainerRestarting', 'warning', 'cdb_core'),
      alert('CdbSignalErrorRatioHigh', 'warning', 'cdb_risk'),
    );
    expect(states.get('CdbSignalLatencyHigh/cdb_core//warning')).toBe('suppressed');
    expect(states.get('CdbHealthEndpointFailing/cdb_core//critical')).toBe('suppressed');
    expect(states.get('CdbZeroActivitySignals/cdb_core//critical')).toBe('active');
    expect(states.get('CdbContainerRestarting/cdb_core//warning')).toBe('active');
    expect(states.get('CdbSignalErrorRatioHigh/cdb_risk//warning')).toBe('active');
  });

  it('a failing health check never mutes the drawdown or live-trading alerts', async () => {
    const states = await post(
      alert('CdbHealthEndpointFailing', 'critical', 'cdb_risk'),
      alert('CdbDrawdownOverLimit', 'critical', 'cdb_risk'),
      alert('CdbRiskRejectionRatioSpike', 'warning', 'cdb_risk'),
      alert('CdbHealthEndpointFailing', 'critical', 'cdb_execution'),
      alert('CdbLiveTradingDetected', 'critical', 'cdb_execution'),
    );
    expect(states.get('CdbDrawdownOverLimit/cdb_risk//critical')).toBe('active');
    expect(states.get('CdbRiskRejectionRatioSpike/cdb_risk//warning')).toBe('suppressed');
    expect(states.get('CdbLiveTradingDetected/cdb_execution//critical')).toBe('active');
  });

  it('Redis down mutes the health checks failing because of it', async () => {
    const states = await post(alert('CdbRedisDown', 'critical', 'cdb_redis'), alert('CdbHealthEndpointFailing', 'critical', 'cdb_ws'));
    expect(states.get('CdbHealthEndpointFailing/cdb_ws//critical')).toBe('suppressed');
    expect(states.get('CdbRedisDown/cdb_redis//critical')).toBe('active');
  });

  it('no outage mutes the alerts that tell lost evidence or a flapping, full or blind target', async () => {
    const states = await post(
      alert('CdbTargetDown', 'critical', 'cdb_ws'),
      alert('CdbHealthEndpointFailing', 'critical', 'cdb_ws'),
      alert('CdbRedisDown', 'critical', 'cdb_redis'),
      alert('CdbPostgresDown', 'critical', 'cdb_postgres'),
      alert('CdbBlackboxExporterDown', 'critical', 'cdb_blackbox_exporter'),
      alert('CdbHealthUnknown', 'critical', 'cdb_ws'),
      alert('CdbTargetFlapping', 'critical', 'cdb_ws'),
      alert('CdbExporterMetricsMissing', 'critical', 'cdb_redis'),
      alert('CdbExporterMetricsMissing', 'critical', 'cdb_postgres'),
      alert('CdbBusPublishCounterMissing', 'critical', 'cdb_redis'),
      alert('CdbDiskNearlyFull', 'critical', 'host'),
    );
    for (const a of ['CdbHealthUnknown/cdb_ws', 'CdbTargetFlapping/cdb_ws', 'CdbExporterMetricsMissing/cdb_redis', 'CdbExporterMetricsMissing/cdb_postgres', 'CdbBusPublishCounterMissing/cdb_redis', 'CdbDiskNearlyFull/host']) {
      expect(states.get(`${a}//critical`), a).toBe('active');
    }
  });

  it('stale market data mutes the Zero-Activity alerts downstream', async () => {
    const states = await post(alert('CdbMarketDataStale', 'critical', 'cdb_ws'), alert('CdbZeroActivityPaperTrades', 'critical', 'cdb_execution'));
    expect(states.get('CdbZeroActivityPaperTrades/cdb_execution//critical')).toBe('suppressed');
  });

  it('a paging SLO tier mutes the ticket tiers of the same SLO only', async () => {
    const states = await post(
      alert('CdbSloBurnRatePageFast', 'critical', 'cdb_core', { slo_id: 'a', slo_tier: 'page-fast' }),
      alert('CdbSloBurnRateTicketFast', 'warning', 'cdb_core', { slo_id: 'a', slo_tier: 'ticket-fast' }),
      alert('CdbSloBurnRateTicketFast', 'warning', 'cdb_core', { slo_id: 'b', slo_tier: 'ticket-fast' }),
    );
    expect(states.get('CdbSloBurnRateTicketFast/cdb_core/a/warning')).toBe('suppressed');
    expect(states.get('CdbSloBurnRateTicketFast/cdb_core/b/warning')).toBe('active');
  });

  it('a critical alert mutes the warning of the same alert and service', async () => {
    const states = await post(
      alert('CdbPostgresNearMaxConnections', 'critical', 'cdb_postgres'),
      alert('CdbPostgresNearMaxConnections', 'warning', 'cdb_postgres'),
    );
    expect(states.get('CdbPostgresNearMaxConnections/cdb_postgres//critical')).toBe('active');
    expect(states.get('CdbPostgresNearMaxConnections/cdb_postgres//warning')).toBe('suppressed');
  });
});
