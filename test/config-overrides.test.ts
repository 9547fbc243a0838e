/** `--config <file.yaml>`: environment overrides validated with zod, with file and line in every error. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../project';

const scratch = mkdtempSync(join(tmpdir(), 'cdb-overrides-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function build(yaml: string, name: string) {
  const config = join(scratch, `${name}.yaml`);
  writeFileSync(config, yaml);
  const out = join(scratch, `${name}-out`);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'marker'), 'previous\n');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-observability.ts', '--config', config, '--out', out, '--no-external-checks'], {
    cwd: ROOT_DIR,
    encoding: 'utf8',
  });
  return { status: r.status, stderr: r.stderr, out, config };
}

describe('valid overrides', () => {
  it('change the datasource, a threshold, an SLO objective, a receiver and the links in the generated files, with no warning', () => {
    const r = build(
      [
        'datasource:',
        '  url: http://prometheus.internal:9090',
        'thresholds:',
        '  CdbMarketDataStale:',
        '    maxAgeSeconds: 300',
        '    for: 5m',
        'slos:',
        '  signal-latency:',
        '    objective: 99.5',
        'receivers:',
        '  cdb-pager:',
        '    url: http://pager.internal:8080/alerts',
        'scrape:',
        '  targets:',
        '    cdb_core: ["core.internal:9102"]',
        'links:',
        '  grafanaUrl: https://grafana.cdb.internal',
        '  runbookUrl: https://git.cdb.internal/cdb/observability/-/blob/main/generated/docs/alerts.md',
        'grafana:',
        '  version: 12.4.10',
      ].join('\n'),
      'valid',
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const read = (p: string) => readFileSync(join(r.out, p), 'utf8');
    expect(read('grafana/provisioning/datasources/prometheus.yml')).toContain('url: http://prometheus.internal:9090');
    expect(read('prometheus/rules/market-data.yml')).toMatch(/expr: exchange:cdb_ws_last_message_age_seconds:min > 300\n\s+for: 5m/);
    expect(read('prometheus/rules/slo-signal-latency.yml')).toContain('expr: vector(0.995)');
    expect(read('alertmanager/alertmanager.yml')).toContain('url: http://pager.internal:8080/alerts');
    expect(read('prometheus/prometheus.yml')).toContain('- core.internal:9102');
    expect(read('prometheus/rules/market-data.yml')).toContain('dashboard_url: https://grafana.cdb.internal/d/');
    expect(JSON.parse(read('grafana/provisioning/dashboards/cdb-layers/risk.json')).schemaVersion).toBe(42);
  });

  it('leave the build as it is without --config', () => {
    const out = join(scratch, 'default');
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-observability.ts', '--out', out, '--no-external-checks'], { cwd: ROOT_DIR });
    expect(readFileSync(join(out, 'grafana/provisioning/datasources/prometheus.yml'), 'utf8')).toContain('url: http://cdb_prometheus:9090');
  });
});

describe('bad overrides are rejected with file and line, and nothing is written', () => {
  it.each([
    ['malformed YAML', 'datasource:\n  url: [unclosed\n', /is not valid YAML; nothing was written:\n {2}- .*malformed.yaml:\d+:/],
    ['an unknown top-level key', 'datasource:\n  url: http://a:1\ncolour: blue\n', /unknown.yaml:3: colour: unknown key; accepted here: thresholds, block, trading, scrape, datasource, receivers, slos, links/],
    ['an unknown nested key', 'datasource:\n  uri: http://a:1\n', /nested.yaml:2: datasource.uri: unknown key; accepted here: name, url/],
    ['a wrong type', 'slos:\n  signal-latency:\n    objective: "high"\n', /type.yaml:3: slos.signal-latency.objective:/],
    ['an objective of 100', 'slos:\n  signal-latency:\n    objective: 100\n', /range.yaml:3: slos.signal-latency.objective: must be a percentage above 0 and below 100/],
    ['an invalid duration', 'scrape:\n  interval: 15 seconds\n', /duration.yaml:2: scrape.interval: must be a Prometheus duration such as 30s, 5m or 1h/],
    ['a threshold of an unknown alert', 'thresholds:\n  CdbNope:\n    ratio: 1\n', /alert.yaml:2: thresholds.CdbNope: unknown key; accepted here: CdbTargetDown, /],
    ['an unknown threshold key', 'thresholds:\n  CdbMarketDataStale:\n    maxAge: 1\n', /key.yaml:3: thresholds.CdbMarketDataStale.maxAge: unknown key; accepted here: maxAgeSeconds, for\n/],
    ['a duration where a number is expected', 'thresholds:\n  CdbMarketDataStale:\n    maxAgeSeconds: 5m\n', /kind.yaml:3: thresholds.CdbMarketDataStale.maxAgeSeconds: must be a whole number of seconds above 0/],
    ['an unknown scrape job', 'scrape:\n  targets:\n    cdb_nope: ["a:1"]\n', /job.yaml:3: scrape.targets.cdb_nope: unknown key; accepted here: cdb_ws, /],
    ['an unknown receiver', 'receivers:\n  cdb-nope:\n    url: http://a:1/\n', /receiver.yaml:2: receivers.cdb-nope: unknown key; accepted here: cdb-pager, /],
    ['an unknown SLO', 'slos:\n  nope:\n    objective: 99\n', /slo.yaml:2: slos.nope: unknown key; accepted here: market-data-freshness, /],
    ['a webhook URL on a chat receiver', 'receivers:\n  cdb-tickets-risk:\n    url: http://a:1/\n', /chatfield.yaml:3: receivers.cdb-tickets-risk.url: unknown key; accepted here: apiUrlFile, channel\n/],
    ['anything on the silent receiver', 'receivers:\n  cdb-silent:\n    channel: "#x"\n', /silentfield.yaml:2: receivers.cdb-silent: unknown key; accepted here: cdb-pager, /],
    ['a relative secret file', 'receivers:\n  cdb-pager:\n    credentialsFile: pager-token\n', /secret.yaml:3: receivers.cdb-pager.credentialsFile: must be the path of a file in \/etc\/alertmanager-secrets\//],
    ['a threshold of NaN', 'thresholds:\n  CdbOrderFailureRatioHigh:\n    ratio: .nan\n', /nan.yaml:3: thresholds.CdbOrderFailureRatioHigh.ratio: must be a ratio from 0 up to \(not including\) 1/],
    ['a negative threshold', 'thresholds:\n  CdbMarketDataStale:\n    maxAgeSeconds: -5\n', /negative.yaml:3: thresholds.CdbMarketDataStale.maxAgeSeconds: must be a whole number of seconds above 0/],
    ['a ratio above 1', 'thresholds:\n  CdbDbWriteErrors:\n    ratio: 1.5\n', /ratio.yaml:3: thresholds.CdbDbWriteErrors.ratio: must be a ratio from 0 up to \(not including\) 1/],
    ['a fractional count', 'thresholds:\n  CdbWebsocketReconnectStorm:\n    reconnectsPerHour: 2.5\n', /count.yaml:3: thresholds.CdbWebsocketReconnectStorm.reconnectsPerHour: must be a whole number of at least 1/],
    ['a warning above its critical', 'thresholds:\n  CdbContainerMemoryNearLimit:\n    warningRatio: 0.97\n', /order.yaml:3: thresholds.CdbContainerMemoryNearLimit.warningRatio: must be below criticalRatio/],
    ['a secret file outside the secrets mount', 'receivers:\n  cdb-pager:\n    credentialsFile: /etc/passwd\n', /mount.yaml:3: receivers.cdb-pager.credentialsFile: must be the path of a file in \/etc\/alertmanager-secrets\//],
    ['a zero window', 'thresholds:\n  CdbZeroActivitySignals:\n    window: 0h\n', /window.yaml:3: thresholds.CdbZeroActivitySignals.window: must be a duration longer than 0/],
    [
      'a for that outlasts the window a single failure stays in',
      'thresholds:\n  CdbAlertmanagerNotificationsFailing:\n    window: 13m\n    for: 30m\n',
      /outlast.yaml:4: thresholds.CdbAlertmanagerNotificationsFailing.for: must be at least a minute shorter than window \(13m\)/,
    ],
    ['a disk for as long as a block', 'block:\n  hours: 24\nthresholds:\n  CdbDiskWillFillBeforeBlockEnds:\n    for: 24h\n', /diskfor.yaml:5: thresholds.CdbDiskWillFillBeforeBlockEnds.for: must be shorter than a block \(24h\)/],
    ['more starts an hour than scrapes', 'thresholds:\n  CdbContainerRestarting:\n    startsPerHour: 300\n', /starts.yaml:3: thresholds.CdbContainerRestarting.startsPerHour: must be at most 240, the scrapes in an hour at scrape.interval 15s/],
    ['a fraction of a second where a PromQL duration is made', 'thresholds:\n  CdbDbNoSuccessfulWrite:\n    maxAgeSeconds: 90.5\n', /whole.yaml:3: thresholds.CdbDbNoSuccessfulWrite.maxAgeSeconds: must be a whole number of seconds above 0/],
    ['a Grafana version no pinned package describes', 'grafana:\n  version: 12.1.0\n', /grafana.yaml:2: grafana.version: must be a Grafana version the build can target: 11.6.x or 12.4.x/],
    ['a window under a minute', 'thresholds:\n  CdbDbWriterBacklogGrowing:\n    window: 30s\n', /short.yaml:3: thresholds.CdbDbWriterBacklogGrowing.window: must be at least 1m/],
    [
      'a literal secret in a receiver URL, reported at its line of the file',
      'datasource:\n  name: Prometheus\nreceivers:\n  cdb-pager:\n    url: http://pager.internal:8080/alerts?token=4f9a8c7e6d5b4a3f2e1d0c9b8a7f6e5d\n',
      /literal.yaml:5: receivers.cdb-pager.url contains what looks like a secret: token=4f9a…; put it into a file/,
    ],
  ])('%s', (_, yaml, message) => {
    const name = String(message).match(/(\w+)\.yaml/)?.[1] ?? 'bad';
    const r = build(yaml, name);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(readFileSync(join(r.out, 'marker'), 'utf8')).toBe('previous\n');
  });
});

describe('reporting', () => {
  it('prints findings as JSON on stdout with --format json, and fails on warnings with --fail-on warning', () => {
    const out = join(scratch, 'json');
    const ok = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-observability.ts', '--out', out, '--no-external-checks', '--format', 'json'], { cwd: ROOT_DIR, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    // Findings a definition silences (with its reason) are reported too, and fail nothing.
    const { findings } = JSON.parse(ok.stdout) as { findings: Array<{ silencedBecause?: string }> };
    expect(findings.filter((f) => f.silencedBecause === undefined)).toEqual([]);
    expect(ok.stderr).toMatch(/^built \d+ dashboards/m);
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-observability.ts', '--out', out, '--fail-on', 'nonsense'], { cwd: ROOT_DIR, encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/option '--fail-on <severity>' argument 'nonsense' is invalid/);
  });
});
