/**
 * What the live stack proves about the generated tree: every target is up, every rule group evaluates without
 * error, every recording rule returns series, every dashboard query returns data, and faults injected into the
 * simulated services raise the expected alerts and reach the receivers the routing table names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRoutingTree } from '../engine/alertmanager/config-file';
import { routeReceivers } from '../engine/alertmanager/routing';
import { sleep, waitUntil } from '../engine/live/processes';
import { defaultVariableValues, expandVariables, intervalMacros, panelQueries } from '../engine/live/panel-queries';
import type { Notification } from '../engine/live/webhook-sink';
import type { LiveStack } from './stack';
import { executionMode } from '../catalog/cdb';

export interface PanelProblem {
  readonly file: string;
  readonly dashboard: string;
  readonly panel: string;
  readonly refId: string;
  readonly query: string;
  readonly problem: string;
}

export interface FaultResult {
  readonly fault: string;
  readonly alert: string;
  /** The receiver the generated routing names for the alert's labels (what `amtool config routes test` prints). */
  readonly expectedReceiver: string;
  readonly deliveredTo: readonly string[];
  /** Seconds from injecting the fault to the alert firing in Prometheus. */
  readonly firedAfter: number;
  /** Seconds from injecting the fault to the first notification at the expected receiver. */
  readonly deliveredAfter: number;
  /** Seconds from removing the fault to the resolved notification, when the alert resolves within the run. */
  readonly resolvedAfter?: number;
}

export interface LiveReport {
  readonly targets: { readonly total: number; readonly down: readonly string[] };
  readonly ruleGroups: { readonly groups: number; readonly rules: number; readonly unhealthy: readonly string[] };
  readonly recordingRules: { readonly total: number; readonly empty: readonly string[] };
  readonly panels: { readonly total: number; readonly problems: readonly PanelProblem[] };
  readonly faults: readonly FaultResult[];
}

const seconds = (from: number) => Math.round((Date.now() - from) / 100) / 10;

/** Waits until every scrape target is up; returns the total and those still down after `timeoutMs`. */
export async function checkTargets(stack: LiveStack, timeoutMs = 30_000): Promise<LiveReport['targets']> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const targets = await stack.prometheus.targets();
    const down = targets.filter((t) => t.health !== 'up').map((t) => `${t.labels.job} ${t.labels.instance}: ${t.health} ${t.lastError}`.trim());
    if ((down.length === 0 && targets.length > 0) || Date.now() > deadline) return { total: targets.length, down };
    await sleep(500);
  }
}

/** Waits until every rule group has been evaluated, then lists each rule that is not healthy. */
export async function checkRuleGroups(stack: LiveStack, timeoutMs = 150_000): Promise<LiveReport['ruleGroups']> {
  const groups = await waitUntil(
    'every rule group to be evaluated',
    async () => {
      const all = await stack.prometheus.ruleGroups();
      return all.length > 0 && all.every((g) => g.rules.every((r) => r.health !== 'unknown')) ? all : undefined;
    },
    { timeoutMs, intervalMs: 1000 },
  );
  const unhealthy = groups.flatMap((g) =>
    g.rules.filter((r) => r.health !== 'ok' || r.lastError).map((r) => `${g.name}/${r.name}: ${r.health} ${r.lastError ?? ''}`.trim()),
  );
  const failures = await stack.prometheus.query('sum(prometheus_rule_evaluation_failures_total)');
  const failed = Number((failures.result[0] as { value?: [number, string] } | undefined)?.value?.[1] ?? 0);
  if (failed > 0) unhealthy.push(`prometheus_rule_evaluation_failures_total is ${failed}`);
  return { groups: groups.length, rules: groups.reduce((n, g) => n + g.rules.length, 0), unhealthy };
}

/**
 * Every recording rule queried by its name and labels: those that return no series. A rule still empty is given
 * one more evaluation of its group (a group evaluated before its inputs existed is empty until the next one).
 */
export async function checkRecordingRules(stack: LiveStack): Promise<LiveReport['recordingRules']> {
  const selector = (name: string, labels: Readonly<Record<string, string>> = {}) =>
    `${name}{${Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}}`;
  const isEmpty = async (query: string) => (await stack.prometheus.query(query)).result.length === 0;
  const asked = Date.now();
  const groups = await stack.prometheus.ruleGroups();
  const rules = groups.flatMap((g) => g.rules.filter((r) => r.type === 'recording').map((r) => ({ group: g, query: selector(r.name, r.labels) })));
  const empty: string[] = [];
  for (const rule of rules) {
    if (!(await isEmpty(rule.query))) continue;
    await waitUntil(
      `group ${rule.group.name} to evaluate again`,
      async () => {
        const group = (await stack.prometheus.ruleGroups()).find((g) => g.name === rule.group.name && g.file === rule.group.file);
        return group && Date.parse(group.lastEvaluation) > asked ? true : undefined;
      },
      { timeoutMs: (rule.group.interval + 15) * 1000, intervalMs: 1000 },
    );
    if (await isEmpty(rule.query)) empty.push(`${rule.query} (group ${rule.group.name})`);
  }
  return { total: rules.length, empty };
}

/**
 * Every panel query of the dashboards under `dashboardsDir`, with variables at their defaults, as a range query
 * over the last `rangeSeconds` (or an instant query where the panel asks for one): those that fail or return
 * nothing.
 */
export async function checkPanels(stack: LiveStack, dashboardsDir: string, rangeSeconds = 120): Promise<LiveReport['panels']> {
  const queries = panelQueries(dashboardsDir);
  const step = stack.intervalSeconds;
  const macros = intervalMacros(rangeSeconds, step, stack.intervalSeconds);
  const variablesByFile = new Map<string, Map<string, string>>();
  const problems: PanelProblem[] = [];
  const end = Math.floor(Date.now() / 1000);
  for (const q of queries) {
    if (!variablesByFile.has(q.file)) {
      variablesByFile.set(q.file, new Map([...macros, ...(await defaultVariableValues(join(dashboardsDir, q.file), stack.prometheus))]));
    }
    const query = expandVariables(q.expr, variablesByFile.get(q.file)!);
    const where = { file: q.file, dashboard: q.dashboard, panel: q.panel, refId: q.refId, query };
    try {
      const result = q.instant
        ? await stack.prometheus.query(query, { time: end })
        : await stack.prometheus.queryRange(query, { start: end - rangeSeconds, end, step });
      if (result.result.length === 0) problems.push({ ...where, problem: 'no data' });
    } catch (error) {
      problems.push({ ...where, problem: (error as Error).message });
    }
  }
  return { total: queries.length, problems };
}

/**
 * The receiver the generated routing sends a label set to, read from the generated alertmanager.yml with
 * engine/alertmanager (test/alertmanager-routing.test.ts holds it to amtool's answer); several receivers are
 * comma-joined, as `amtool config routes test` prints them.
 */
export function routedReceiver(generatedDir: string, labels: Readonly<Record<string, string>>): string {
  const routing = readRoutingTree(readFileSync(join(generatedDir, 'alertmanager', 'alertmanager.yml'), 'utf8'));
  return routeReceivers(routing, labels).join(',');
}

const matches = (labels: Readonly<Record<string, string>>, want: Readonly<Record<string, string>>) =>
  Object.entries(want).every(([k, v]) => labels[k] === v);

/** The first notification to `receiver` with an alert matching `labels` in `status`, after `since`. */
export function findNotification(
  notifications: readonly Notification[],
  receiver: string,
  labels: Readonly<Record<string, string>>,
  status: 'firing' | 'resolved',
  since: number,
): Notification | undefined {
  return notifications.find(
    (n) => n.receivedAt >= since && n.receiver === receiver && n.alerts.some((a) => a.status === status && matches(a.labels, labels)),
  );
}

/** Receivers that got a firing notification for `labels` since `since`. */
function receiversOf(notifications: readonly Notification[], labels: Readonly<Record<string, string>>, since: number): string[] {
  return [...new Set(notifications.filter((n) => n.receivedAt >= since && n.alerts.some((a) => a.status === 'firing' && matches(a.labels, labels))).map((n) => n.receiver))].sort();
}

interface FaultSpec {
  readonly fault: string;
  readonly alert: Readonly<Record<string, string>>;
  /** Fires with no fault injected: timed from the start of the stack. */
  readonly alwaysFiring?: boolean;
  inject(): Promise<void>;
  /** Removes the fault; undefined when the alert is not expected to resolve within the run. */
  readonly restore?: () => Promise<void>;
}

/**
 * Injects one fault and follows its alert: firing in Prometheus, then a notification at the receiver the routing
 * table names, then (if it can be restored) the resolved notification.
 */
export async function runFault(stack: LiveStack, generatedDir: string, spec: FaultSpec, timeoutMs: number): Promise<FaultResult> {
  // An alert that fires without a fault (Watchdog) is timed from the start of the stack, and its first notification
  // may come before this function runs.
  const injected = spec.alwaysFiring ? stack.startedAt : Date.now();
  await spec.inject();
  const firing = await waitUntil(
    `${spec.alert.alertname} to fire after: ${spec.fault}`,
    async () => (await stack.prometheus.alerts()).find((a) => a.state === 'firing' && matches(a.labels, spec.alert)),
    { timeoutMs, intervalMs: 500 },
  );
  // Polled every half second; an alert already firing when polling starts is timed from its activeAt.
  const firedAfter = spec.alwaysFiring ? Math.max(0, Math.round((Date.parse(firing.activeAt) - injected) / 100) / 10) : seconds(injected);
  const expectedReceiver = routedReceiver(generatedDir, firing.labels);
  const delivered = await waitUntil(
    `${spec.alert.alertname} to reach ${expectedReceiver}`,
    async () => findNotification(stack.sink.notifications, expectedReceiver, spec.alert, 'firing', injected),
    { timeoutMs: 60_000, intervalMs: 250 },
  );
  const deliveredAfter = Math.round((delivered.receivedAt - injected) / 100) / 10;
  let resolvedAfter: number | undefined;
  if (spec.restore) {
    const restored = Date.now();
    await spec.restore();
    await waitUntil(
      `${spec.alert.alertname} to resolve at ${expectedReceiver}`,
      async () => findNotification(stack.sink.notifications, expectedReceiver, spec.alert, 'resolved', restored),
      { timeoutMs: 90_000, intervalMs: 250 },
    );
    resolvedAfter = seconds(restored);
  }
  return {
    fault: spec.fault,
    alert: Object.entries(spec.alert).map(([k, v]) => (k === 'alertname' ? v : `${k}=${v}`)).join(' '),
    expectedReceiver,
    deliveredTo: receiversOf(stack.sink.notifications, spec.alert, injected),
    firedAfter,
    deliveredAfter,
    ...(resolvedAfter !== undefined ? { resolvedAfter } : {}),
  };
}

/** The faults of the CdB stack, run at once: each is followed by its own alert. */
export async function runFaults(stack: LiveStack, generatedDir: string): Promise<FaultResult[]> {
  const { simulator } = stack;
  // Long enough apart for scrapes (every few seconds) to see each drop and each return.
  const FLAP = { downMs: 8_000, periodMs: 16_000 };
  let stopFlapping: (() => Promise<void>) | undefined;
  // First the faults that fire within seconds.
  const fast: FaultSpec[] = [
    {
      fault: 'Prometheus and Alertmanager running (no fault)',
      alert: { alertname: 'Watchdog' },
      alwaysFiring: true,
      inject: async () => {},
    },
    {
      fault: 'cdb_execution switched to live mode',
      alert: { alertname: 'CdbLiveTradingDetected', service: 'cdb_execution' },
      inject: async () => simulator.setExecutionMode('live'),
    },
  ];
  // Then the faults that take minutes, at once; the mode is back to paper, so that hiding it is its own fault.
  const slow: FaultSpec[] = [
    {
      fault: 'cdb_risk stopped',
      alert: { alertname: 'CdbTargetDown', service: 'cdb_risk' },
      inject: () => simulator.stopService('cdb_risk'),
      restore: () => simulator.restartService('cdb_risk'),
    },
    {
      fault: 'cdb_execution stops exposing cdb_execution_mode',
      alert: { alertname: 'CdbPaperModeUnconfirmed', service: 'cdb_execution' },
      inject: async () => simulator.hideMetric('cdb_execution', executionMode),
      restore: async () => simulator.showMetric('cdb_execution', executionMode),
    },
    {
      fault: 'Prometheus cannot scrape itself',
      alert: { alertname: 'CdbTargetDown', service: 'cdb_prometheus' },
      inject: async () => stack.selfScrape.shut(),
      restore: async () => stack.selfScrape.open(),
    },
    {
      fault: `cdb_db_writer flapping (down ${FLAP.downMs / 1000} s in every ${FLAP.periodMs / 1000} s)`,
      alert: { alertname: 'CdbTargetFlapping', service: 'cdb_db_writer', severity: 'critical' },
      // No restore within the run: the changes stay in the alert's window (minutes) after the service settles.
      inject: async () => {
        stopFlapping = simulator.flapService('cdb_db_writer', FLAP);
      },
    },
  ];
  // CdbTargetDown waits `for: 2m`; the budget allows that plus evaluation, resend and grouping delays.
  const run = (faults: readonly FaultSpec[]) => Promise.all(faults.map((f) => runFault(stack, generatedDir, f, 200_000)));
  const results = await run(fast);
  simulator.setExecutionMode('paper');
  results.push(...(await run(slow)));
  await stopFlapping?.();
  // A restarted service's series are back after its next scrapes; the data checks come after them.
  await new Promise((r) => setTimeout(r, 3 * stack.intervalSeconds * 1000));
  return results;
}

/** The whole verification, in the order that leaves the faults' effects out of the data checks. */
export async function verifyLive(stack: LiveStack, generatedDir: string, log: (line: string) => void = () => {}): Promise<LiveReport> {
  log('waiting for every scrape target to be up');
  const targets = await checkTargets(stack);
  log(`targets: ${targets.total - targets.down.length}/${targets.total} up; injecting faults`);
  const faults = await runFaults(stack, generatedDir);
  for (const f of faults) log(`fault "${f.fault}": ${f.alert} fired after ${f.firedAfter} s, at ${f.expectedReceiver} after ${f.deliveredAfter} s`);
  log('checking rule groups');
  const ruleGroups = await checkRuleGroups(stack);
  log('querying every recording rule');
  const recordingRules = await checkRecordingRules(stack);
  log('querying every dashboard panel');
  const panels = await checkPanels(stack, join(generatedDir, 'grafana', 'provisioning', 'dashboards'));
  return { targets, ruleGroups, recordingRules, panels, faults };
}
