/**
 * The scale-out path, live: the simulated stack's Prometheus remote-writes to a VictoriaMetrics single node, and
 * vmalert evaluates the generated rules against it and notifies the same Alertmanager. Switching the execution
 * mode to live must fire CdbLiveTradingDetected on both engines with the same labels, and vmalert's recording
 * rules must land in VictoriaMetrics.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../project';
import { waitUntil } from '../engine/live/processes';
import { PrometheusApi, type ActiveAlert } from '../engine/live/prometheus-api';
import { startLiveStack, type LiveStack } from '../live/stack';
import { LIVE_TRADING_SIGNS, SIGN_LABEL } from '../alerts/paper-execution/live-trading-detected';
import { rulesForVmalert, startVictoriaMetrics, startVmalert, type VictoriaMetrics, type Vmalert } from '../live/victoria-metrics';

const generatedDir = join(ROOT_DIR, 'generated');
const scratch = mkdtempSync(join(tmpdir(), 'cdb-live-vm-'));
let vm: VictoriaMetrics | undefined;
let vmalert: Vmalert | undefined;
let stack: LiveStack | undefined;
let dropped: string[] = [];

beforeAll(async () => {
  vm = await startVictoriaMetrics(join(scratch, 'vm-data'));
  stack = await startLiveStack({ generatedDir, remoteWriteUrl: vm.remoteWriteUrl });
  dropped = rulesForVmalert(join(generatedDir, 'prometheus', 'rules'), join(scratch, 'rules'));
  vmalert = await startVmalert({ rulesDir: join(scratch, 'rules'), victoriaMetricsUrl: vm.url, alertmanagerUrl: stack.alertmanagerUrl, evaluationInterval: '2s' });
  stack.simulator.setExecutionMode('live');
}, 60_000);

afterAll(async () => {
  await vmalert?.stop();
  await stack?.stop();
  await vm?.stop();
  rmSync(scratch, { recursive: true, force: true });
}, 30_000);

/** The firing alert of that name; for CdbLiveTradingDetected, the instance of the live-mode sign (it has one per sign). */
const firing = async (api: PrometheusApi, alertname: string): Promise<ActiveAlert | undefined> =>
  (await api.alerts()).find(
    (a) => a.state === 'firing' && a.labels.alertname === alertname && (alertname !== 'CdbLiveTradingDetected' || a.labels[SIGN_LABEL] === LIVE_TRADING_SIGNS.modeActive('live')),
  );

/** Labels without the `alertgroup` label vmalert adds. */
const comparable = (labels: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(labels).filter(([k]) => k !== 'alertgroup'));

describe('VictoriaMetrics and vmalert on the generated rules', () => {
  it('drops only keep_firing_for, which vmalert 1.79 does not know', () => {
    expect(dropped).toEqual(['CdbLiveTradingDetected']);
  });

  it('fires CdbLiveTradingDetected on vmalert with the labels Prometheus gives it', async () => {
    const onPrometheus = await waitUntil('CdbLiveTradingDetected on Prometheus', () => firing(stack!.prometheus, 'CdbLiveTradingDetected'), { timeoutMs: 60_000 });
    const onVmalert = await waitUntil('CdbLiveTradingDetected on vmalert', () => firing(vmalert!.api, 'CdbLiveTradingDetected'), { timeoutMs: 90_000 });
    expect(comparable(onVmalert.labels)).toEqual(comparable(onPrometheus.labels));
    expect(onVmalert.labels.alertgroup).toBe('cdb-paper-execution-alerts');
  }, 120_000);

  it('delivers vmalert\'s alert through the generated routing to the pager', async () => {
    const notification = await waitUntil(
      'a notification of vmalert\'s CdbLiveTradingDetected',
      async () => stack!.sink.notifications.find((n) => n.alerts.some((a) => a.labels.alertname === 'CdbLiveTradingDetected' && a.labels.alertgroup !== undefined)),
      { timeoutMs: 60_000 },
    );
    expect(notification.receiver).toBe('cdb-pager');
  }, 70_000);

  it('writes the results of the recording rules to VictoriaMetrics', async () => {
    const victoria = new PrometheusApi(vm!.url);
    const series = await waitUntil(
      'a recording-rule result in VictoriaMetrics',
      async () => {
        // Prometheus' own results arrive by remote write with its external labels; vmalert's have none.
        const result = (await victoria.query('exchange_channel:cdb_ws_messages_received:rate5m{system=""}')).result;
        return result.length > 0 ? result : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(series.map((s) => s.metric.channel).sort()).toEqual(['klines', 'orderbook', 'ticker', 'trades']);
    const groups = await vmalert!.api.ruleGroups();
    expect(groups.length).toBe((await stack!.prometheus.ruleGroups()).length);
  }, 70_000);
});
