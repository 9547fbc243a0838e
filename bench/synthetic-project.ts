/**
 * Synthetic systems of any number of services, in the shapes of the CdB definitions, for the scaling benchmark.
 *
 * Every synthetic service is a copy of the CdB signal engine: its catalog metrics renamed with the service's
 * prefix (`cdb_signals_generated_total` → `svc0042_signals_generated_total`), its seven recording rules, a layer
 * dashboard with the same rows, three alerts with scenarios (error ratio, latency, zero activity) in the service's
 * rule file, and one latency SLO. The system adds `up` and `prometheus_ready`, one scrape job per service, the generic SLO dashboard and
 * Alertmanager routing by severity. Everything is built with the engine's public factories, as the CdB definitions
 * are, so the build sees what it would see from a real system of that size.
 */
import { defineCatalog } from '../engine/catalog/catalog';
import { metric, type Metric, type MetricType } from '../engine/catalog/metric';
import { dashboard, labelValuesVariable, row } from '../engine/dashboards/dashboard';
import { NEUTRAL, query, stat, table, thresholds, timeseries } from '../engine/dashboards/panels';
import type { ProjectDefinitions, ScrapeJobModel } from '../engine/model/project';
import type { AlertModel } from '../engine/model/alerts';
import type { RuleGroupModel } from '../engine/model/rules';
import { matcher, type AlertmanagerModel } from '../engine/model/alertmanager';
import {
  absentOverTime,
  buckets,
  div,
  eq,
  gt,
  histogramQuantile,
  increase,
  lt,
  matchesRegex,
  max,
  min,
  mul,
  or,
  rate,
  select,
  sub,
  sum,
  time,
  unless,
} from '../engine/promql';
import { recordingRule, ruleGroup } from '../engine/rules/recording-rule';
import { alert, alertGroup, scenario, series } from '../engine/rules/alert';
import { slo } from '../engine/slo/model';
import type { SloSpec } from '../engine/model/slo';
import { sloDashboard, BURN_RATE_PANEL } from '../engine/slo/dashboard';
import { lastSignalTimestamp, signalErrors, signalEvaluations, signalProcessingDuration, signalsGenerated } from '../catalog/cdb/signal-engine';

const SOURCE = import.meta.url;
const FOLDER = 'Synthetic services';
const SLO_DASHBOARD = 'slo';
/** Seconds without a signal that make a Zero-Activity Incident, as for CdB. */
const ZERO_ACTIVITY_SECONDS = 24 * 3600;

/** `svc0042`: the name, scrape job, metric prefix, layer and rule file of synthetic service `i`. */
export function serviceName(i: number): string {
  return `svc${String(i).padStart(4, '0')}`;
}

/** The catalog metrics of one synthetic service: the CdB signal engine's, renamed with the service prefix. */
function serviceMetrics(name: string) {
  const renamed = <L extends string, T extends MetricType>(m: Metric<string, L, T>): Metric<string, L, T> =>
    metric({ ...m, name: m.name.replace(/^cdb_/, `${name}_`), exposedBy: [name] });
  return {
    evaluations: renamed(signalEvaluations),
    generated: renamed(signalsGenerated),
    duration: renamed(signalProcessingDuration),
    errors: renamed(signalErrors),
    lastSignal: renamed(lastSignalTimestamp),
  };
}

type ServiceMetrics = ReturnType<typeof serviceMetrics>;

/** The seven recording rules of the CdB signal engine, for one service. */
function serviceRules(name: string, m: ServiceMetrics) {
  const signalsRate = recordingRule(`strategy:${name}_signals_generated:rate5m`, sum.by(['strategy'], rate(select(m.generated).over('5m'))));
  const evaluationsRate = recordingRule(`strategy:${name}_signal_evaluations:rate5m`, sum.by(['strategy'], rate(select(m.evaluations).over('5m'))));
  const errorsRate = recordingRule(`strategy:${name}_signal_errors:rate5m`, sum.by(['strategy'], rate(select(m.errors).over('5m'))));
  const errorRatio = recordingRule(`strategy:${name}_signal_errors:ratio_rate5m`, div(select(errorsRate), select(evaluationsRate)));
  const durationBuckets = recordingRule(
    `strategy_le:${name}_signal_processing_duration_seconds_bucket:rate5m`,
    sum.by(['strategy', 'le'], rate(buckets(m.duration).over('5m'))),
  );
  const durationP99 = recordingRule(`strategy:${name}_signal_processing_duration_seconds:p99_rate5m`, histogramQuantile(0.99, select(durationBuckets)));
  const lastSignalAge = recordingRule(`job:${name}_last_signal_age_seconds:min`, sub(time(), max.by(['job'], select(m.lastSignal))));
  return { signalsRate, evaluationsRate, errorsRate, errorRatio, durationBuckets, durationP99, lastSignalAge };
}

type ServiceRules = ReturnType<typeof serviceRules>;

/** The layer dashboard of one service, with the rows of the CdB signal-engine dashboard. */
function serviceDashboard(name: string, m: ServiceMetrics, r: ServiceRules) {
  const selected = { strategy: matchesRegex('$strategy') };
  const latencyThresholds = thresholds('green', [0.5, 'orange'], [1, 'red']);
  return dashboard({
    id: name,
    title: `Service ${name}`,
    description: `Synthetic service ${name}: signals, evaluations and errors, processing latency and time since the last signal.`,
    folder: FOLDER,
    tags: ['layer', name],
    variables: [labelValuesVariable({ name: 'strategy', label: 'Strategy', series: select(m.generated), labelName: 'strategy' })],
    rows: [
      row('Activity', [
        stat({
          title: 'Time since last signal',
          description: 'Time since the service last generated a signal, any strategy; red at a day.',
          unit: 's',
          width: 6,
          colorMode: 'background',
          queries: [min(select(r.lastSignalAge))],
          thresholds: thresholds('green', [6 * 3600, 'orange'], [ZERO_ACTIVITY_SECONDS, 'red']),
        }),
        stat({
          title: 'Signals in the last 24 hours',
          description: 'Signals of the selected strategies in the last 24 hours.',
          unit: 'short',
          width: 6,
          queries: [sum(increase(select(m.generated, selected).over('24h')))],
          thresholds: thresholds('red', [1, 'green']),
        }),
        stat({ title: 'Signals per second', description: 'Signals per second of the selected strategies.', unit: 'ops', width: 4, queries: [sum(select(r.signalsRate, selected))], fixedColor: NEUTRAL }),
        stat({
          title: 'Worst error ratio',
          description: 'Share of evaluations that failed, for the worst selected strategy.',
          unit: 'percentunit',
          width: 4,
          queries: [max(select(r.errorRatio, selected))],
          thresholds: thresholds('green', [0.01, 'orange'], [0.05, 'red']),
        }),
        stat({
          title: 'Slowest p99 latency',
          description: '99th percentile of processing time, for the slowest selected strategy.',
          unit: 's',
          width: 4,
          queries: [max(select(r.durationP99, selected))],
          thresholds: latencyThresholds,
        }),
      ]),
      row('Signals', [
        timeseries({ title: 'Signals per second by strategy', description: 'Signals per second of each strategy.', unit: 'ops', queries: [query(select(r.signalsRate, selected), '{{strategy}}')] }),
        timeseries({
          title: 'Signals per second by side',
          description: 'Buy and sell signals per second.',
          unit: 'ops',
          stacked: true,
          queries: [query(sum.by(['side'], rate(select(m.generated, selected).over('$__rate_interval'))), '{{side}}')],
        }),
      ]),
      row('Evaluations and errors', [
        timeseries({ title: 'Evaluations per second by strategy', description: 'Evaluations per second of each strategy.', unit: 'ops', width: 8, queries: [query(select(r.evaluationsRate, selected), '{{strategy}}')] }),
        timeseries({ title: 'Error ratio by strategy', description: 'Share of each strategy\'s evaluations that failed.', unit: 'percentunit', width: 8, min: 0, queries: [query(select(r.errorRatio, selected), '{{strategy}}')] }),
        timeseries({
          title: 'Errors per second by kind',
          description: 'Failed evaluations per second by error kind.',
          unit: 'ops',
          width: 8,
          stacked: true,
          queries: [query(sum.by(['error'], rate(select(m.errors, selected).over('$__rate_interval'))), '{{error}}')],
        }),
      ]),
      row('Processing latency', [
        timeseries({
          title: 'Processing latency p50 / p90 / p99',
          description: 'Processing time of the selected strategies together, at three percentiles.',
          unit: 's',
          width: 12,
          queries: [0.5, 0.9, 0.99].map((phi) => query(histogramQuantile(phi, sum.by(['le'], select(r.durationBuckets, selected))), `p${Math.round(phi * 100)}`)),
          thresholds: latencyThresholds,
          thresholdsStyle: 'dashed',
        }),
        timeseries({ title: 'Processing latency p99 by strategy', description: '99th percentile of each strategy\'s processing time.', unit: 's', width: 12, queries: [query(select(r.durationP99, selected), '{{strategy}}')], thresholds: latencyThresholds, thresholdsStyle: 'dashed' }),
      ]),
      row('Last signal', [
        timeseries({ title: 'Time since last signal by strategy', description: 'Time since each strategy last generated a signal.', unit: 's', queries: [query(sub(time(), select(m.lastSignal, selected)), '{{strategy}}')] }),
        table({ title: 'Last signal per strategy', description: 'When each strategy last generated a signal.', unit: 'dateTimeAsIso', queries: [query(mul(max.by(['strategy'], select(m.lastSignal, selected)), 1000), '{{strategy}}')] }),
      ]),
    ],
    source: SOURCE,
  });
}

/** `Svc0042`: the alert-name part of a service. */
const camel = (name: string) => name[0]!.toUpperCase() + name.slice(1);

const runbook = (what: string) => ({
  meaning: `${what} for longer than the alert's pending period.`,
  impact: 'The service\'s decisions are missing or late, so the results of the block for it are incomplete.',
  diagnose: ['Open the service dashboard linked from the alert and compare the affected strategy with the others.'],
  mitigate: ['Roll back the last deploy of the service if the problem started with it.'],
});

/** The error-ratio, latency and zero-activity alerts of one service, each with scenarios. */
function serviceAlerts(name: string, m: ServiceMetrics, r: ServiceRules): AlertModel[] {
  const target = { job: name, instance: `${name}:8000`, service: name };
  const labels = { layer: name, service: name };
  const evaluations = (strategy: string, perMinute: number, minutes = 40) => series(select(m.evaluations, { ...target, strategy }), `0+${perMinute}x${minutes}`);
  const errors = (strategy: string, perMinute: number, minutes = 40) => series(select(m.errors, { ...target, strategy, error: 'exception' }), `0+${perMinute}x${minutes}`);
  const errorDescription = (strategy: string, share: string) => `Strategy ${strategy} failed ${share} of its evaluations over the last 5 minutes.`;
  const errorRatioHigh = alert({
    name: `Syn${camel(name)}SignalErrorRatioHigh`,
    expr: gt(select(r.errorRatio), 0.05),
    for: '10m',
    severity: 'warning',
    labels,
    summary: 'A strategy fails on a large share of its evaluations.',
    description: errorDescription('{{ $labels.strategy }}', '{{ $value | humanizePercentage }}'),
    dashboard: { dashboard: name, panel: 'Error ratio by strategy' },
    runbook: runbook('More than 5 % of one strategy\'s evaluations failed'),
    source: SOURCE,
    scenarios: [
      scenario('one strategy failing 10 % of evaluations fires', {
        input: [evaluations('momentum', 600), errors('momentum', 60)],
        at: '30m',
        fires: [{ labels: { strategy: 'momentum' }, description: errorDescription('momentum', '10%') }],
      }),
      scenario('4 % errors stay quiet', { input: [evaluations('momentum', 600), errors('momentum', 24)], at: '30m', fires: 'quiet' }),
      scenario('an idle strategy stays quiet', { input: [evaluations('momentum', 0), errors('momentum', 0)], at: '30m', fires: 'quiet' }),
    ],
  });

  const bounds = [...m.duration.buckets!, Number.POSITIVE_INFINITY];
  const decisions = (strategy: string, seconds: number, minutes = 40) =>
    bounds.map((le) => series(buckets(m.duration, { ...target, strategy, le: le === Number.POSITIVE_INFINITY ? '+Inf' : String(le) }), `0+${seconds <= le ? 10 : 0}x${minutes}`));
  const latencyDescription = (strategy: string, p99: string) => `99 % of strategy ${strategy}'s decisions took up to ${p99} over the last 5 minutes.`;
  const latencyHigh = alert({
    name: `Syn${camel(name)}SignalLatencyHigh`,
    expr: gt(select(r.durationP99), 1),
    for: '10m',
    severity: 'warning',
    labels,
    summary: 'A strategy takes too long to turn market data into a decision.',
    description: latencyDescription('{{ $labels.strategy }}', '{{ $value | humanizeDuration }}'),
    dashboard: { dashboard: name, panel: 'Processing latency p99 by strategy' },
    runbook: runbook('The 99th percentile of one strategy\'s processing time is above 1 s'),
    source: SOURCE,
    scenarios: [
      scenario('decisions taking 2 seconds fire', {
        input: decisions('momentum', 2),
        at: '30m',
        fires: [{ labels: { strategy: 'momentum' }, description: latencyDescription('momentum', '2.485s') }],
      }),
      scenario('decisions taking 0.8 seconds stay quiet', { input: decisions('momentum', 0.8), at: '30m', fires: 'quiet' }),
    ],
  });

  const noEvents = or(eq(sum(increase(select(m.generated).over('24h'))), 0), mul(absentOverTime(select(m.generated).over('24h')), 0));
  const recentEvent = lt(sub(time(), max(select(m.lastSignal))), ZERO_ACTIVITY_SECONDS);
  const zeroDescription = (count: string) => `${count} trading signals in the last 24h: a Zero-Activity Incident.`;
  const signals = (values: string) => series(select(m.generated, { ...target, strategy: 'momentum', side: 'buy' }), values);
  const zeroActivity = alert({
    name: `Syn${camel(name)}ZeroActivitySignals`,
    expr: unless(noEvents, recentEvent, { on: [] }),
    for: '5m',
    severity: 'critical',
    labels,
    summary: 'No trading signal for 24 hours: Zero-Activity Incident.',
    description: zeroDescription('{{ $value | humanize }}'),
    dashboard: { dashboard: name, panel: 'Time since last signal' },
    runbook: runbook('The service generated no signal for 24 hours'),
    source: SOURCE,
    scenarios: [
      scenario('signals stop for 25h', { input: [signals('0+1x60 60x1560')], at: '26h', fires: [{ labels: {}, description: zeroDescription('0') }] }),
      scenario('signals every minute stay quiet', { input: [signals('0+1x1800')], at: '30h', fires: 'quiet' }),
    ],
  });
  // A benchmark fixture: its scenarios and guards measure what the build costs for a system of this size, not how
  // each alert behaves at its edges, which the CdB definitions prove.
  const FIXTURE = 'benchmark fixture: the CdB definitions pin alert behaviour; these alerts measure build cost';
  const classes = { check: 'alerts/scenario-classes', reason: FIXTURE };
  return [
    { ...errorRatioHigh, silence: [classes] },
    { ...latencyHigh, silence: [classes] },
    { ...zeroActivity, silence: [classes, { check: 'alerts/evidence-loss', reason: FIXTURE }] },
  ];
}

/** Any scraped target down for 2 minutes pages: the guard every critical alert of the system relies on. */
function targetDown(): AlertModel {
  const target = { job: 'svc0000', instance: 'svc0000:8000', service: 'svc0000' };
  const down = series(select(up, target), '0x10');
  const description = 'svc0000 on svc0000:8000 cannot be scraped.';
  return alert({
    name: 'SynTargetDown',
    expr: eq(select(up), 0),
    for: '2m',
    severity: 'critical',
    labels: { layer: 'system' },
    summary: 'A scrape target is down.',
    description: '{{ $labels.service }} on {{ $labels.instance }} cannot be scraped.',
    runbook: runbook('A target could not be scraped for 2 minutes'),
    source: SOURCE,
    scenarios: [
      scenario('a target down from minute 0 fires at minute 2', { input: [down], at: '2m', fires: [{ labels: target, description }], proves: ['firing-minute', 'evidence-loss'] }),
      scenario('the same target is still pending at minute 1', { input: [down], at: '1m', fires: 'quiet', proves: ['pending'] }),
      scenario('a target up stays quiet', { input: [series(select(up, target), '1x10')], at: '5m', fires: 'quiet' }),
    ],
  });
}

/** The latency SLO of one service. */
function serviceSlo(name: string, m: ServiceMetrics): SloSpec {
  return slo({
    id: `${name}-latency`,
    layer: name,
    service: name,
    name: `${name} signal latency`,
    description: 'Share of strategy evaluations that publish their decision within 250 ms of the market-data event.',
    reasoning: 'A decision older than a quarter second acts on a different market; 1 % slack absorbs pauses and bursts.',
    objective: 99,
    period: '28d',
    sli: { kind: 'latency', histogram: m.duration, threshold: 0.25 },
    minTrafficRate: 0.01,
    source: SOURCE,
  });
}

const up = metric({
  name: 'up',
  type: 'gauge',
  help: 'Written by Prometheus per target: 1 if the last scrape succeeded, 0 if it failed.',
  unit: 'boolean',
  labels: [],
  exposedBy: ['prometheus'],
});

/** What Prometheus exposes of itself when it scrapes its own job, as any real scrape of it does. */
const prometheusReady = metric({
  name: 'prometheus_ready',
  type: 'gauge',
  help: 'Whether Prometheus startup was fully completed and the server is ready for normal operation.',
  unit: 'boolean',
  labels: [],
  exposedBy: ['prometheus'],
});

const ALERTMANAGER: AlertmanagerModel = {
  resolveTimeout: '5m',
  route: {
    receiver: 'tickets',
    groupBy: ['alertname', 'layer', 'service'],
    groupWait: '30s',
    groupInterval: '5m',
    repeatInterval: '4h',
    routes: [
      { receiver: 'pager', matchers: [matcher('severity', 'critical')], groupWait: '10s', repeatInterval: '1h' },
      { receiver: 'tickets', matchers: [matcher('severity', 'warning')] },
      { receiver: 'silent', matchers: [matcher('severity', 'info')] },
    ],
  },
  receivers: [
    { name: 'pager', purpose: 'Pages whoever is on call.', webhooks: [{ url: 'http://pager.invalid/hook', credentialsFile: '/etc/alertmanager-secrets/pager-token', sendResolved: true }] },
    { name: 'tickets', purpose: 'Opens a ticket.', webhooks: [{ url: 'http://tickets.invalid/hook', sendResolved: true }] },
    { name: 'silent', purpose: 'Notifies nobody: info alerts are for dashboards only.' },
  ],
  inhibitRules: [],
  source: SOURCE,
};

/** A synthetic system of `services` services (at least 1), in the shapes of the CdB definitions. */
export function syntheticProject(services: number, rootDir: string): ProjectDefinitions {
  const names = Array.from({ length: services }, (_, i) => serviceName(i + 1));
  const metrics: Metric[] = [up, prometheusReady];
  const ruleGroups: RuleGroupModel[] = [];
  const dashboards = [];
  const alertGroups = [];
  const slos: SloSpec[] = [];
  const jobs: ScrapeJobModel[] = [];
  for (const name of names) {
    const m = serviceMetrics(name);
    const r = serviceRules(name, m);
    metrics.push(...Object.values(m));
    ruleGroups.push(ruleGroup({ name: `${name}-recording`, file: name, source: SOURCE, rules: Object.values(r) }));
    dashboards.push(serviceDashboard(name, m, r));
    alertGroups.push(alertGroup({ name: `${name}-alerts`, title: `Service ${name}`, file: name, alerts: serviceAlerts(name, m, r), source: SOURCE }));
    slos.push(serviceSlo(name, m));
    jobs.push({ job: name, targetGroups: [{ targets: [`${name}:8000`], labels: { service: name } }] });
  }
  dashboards.push(sloDashboard({ id: SLO_DASHBOARD, title: 'Synthetic · Service Level Objectives', folder: 'Overview', tags: ['overview'], source: SOURCE }));
  alertGroups.push(alertGroup({ name: 'system-alerts', title: 'System', file: 'system', alerts: [targetDown()], source: SOURCE }));
  jobs.push({ job: 'prometheus', targetGroups: [{ targets: ['localhost:9090'], labels: { service: 'prometheus' } }] });
  return {
    name: `Synthetic system of ${services} services`,
    tag: 'syn',
    uidPrefix: 'syn-',
    rootDir,
    catalog: defineCatalog(metrics),
    datasource: { name: 'Prometheus', uid: 'syn-prometheus', url: 'http://prometheus:9090', scrapeInterval: '15s' },
    prometheus: {
      scrapeInterval: '15s',
      scrapeTimeout: '10s',
      evaluationInterval: '30s',
      externalLabels: { system: 'synthetic' },
      jobs,
      alertmanagers: ['alertmanager:9093'],
    },
    grafana: { dashboardsPath: '/etc/grafana/provisioning/dashboards', version: '11.6.0', allowUiUpdates: false },
    dashboards,
    ruleGroups,
    alertGroups,
    slos,
    sloConventions: { alertPrefix: 'Syn', dashboard: { id: SLO_DASHBOARD, panel: BURN_RATE_PANEL } },
    alertmanager: ALERTMANAGER,
    alertConventions: { namePattern: /^Syn[A-Z][a-zA-Z0-9]*$/, exemptNames: [], requiredLabels: ['layer', 'service'] },
    links: { grafanaUrl: 'http://localhost:3000', runbookUrl: 'https://runbooks.invalid/alerts.md' },
    sources: { config: SOURCE, catalog: SOURCE },
  };
}
