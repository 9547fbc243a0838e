/** The pure parts of the live stack: the localised scrape config, the redirected receivers, panel queries. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT_DIR } from '../project';
import { localizePrometheusConfig } from '../engine/live/localize-prometheus-config';
import { expandVariables, intervalMacros, panelQueries } from '../engine/live/panel-queries';
import { redirectReceivers } from '../engine/live/redirect-receivers';

const generated = join(ROOT_DIR, 'generated');
const promYaml = readFileSync(join(generated, 'prometheus', 'prometheus.yml'), 'utf8');
const amYaml = readFileSync(join(generated, 'alertmanager', 'alertmanager.yml'), 'utf8');

/** Every compose address of the generated prometheus.yml mapped to 127.0.0.1:10000, 10001, ... */
function allAddresses(): Map<string, string> {
  const found = [...new Set(promYaml.match(/\bcdb_[a-z_]+:\d+/g))].sort();
  return new Map(found.map((a, i) => [a, `127.0.0.1:${10_000 + i}`]));
}

describe('localizePrometheusConfig', () => {
  it('points every target, probe and Alertmanager at its local address and keeps jobs and labels', () => {
    const addresses = allAddresses();
    const out = localizePrometheusConfig(promYaml, { addresses, ruleFiles: ['/rules/*.yml'], scrapeInterval: '2s', evaluationInterval: '2s' });
    expect(out).not.toMatch(/\bcdb_[a-z_]+:\d+/);
    const config = parse(out);
    expect(config.global.scrape_interval).toBe('2s');
    expect(config.rule_files).toEqual(['/rules/*.yml']);
    const original = parse(promYaml);
    expect(config.scrape_configs.map((j: { job_name: string }) => j.job_name)).toEqual(original.scrape_configs.map((j: { job_name: string }) => j.job_name));
    const ws = config.scrape_configs.find((j: { job_name: string }) => j.job_name === 'cdb_ws');
    expect(ws.static_configs[0]).toEqual({ targets: [addresses.get('cdb_ws:8001')], labels: { service: 'cdb_ws' } });
    const probes = config.scrape_configs.find((j: { job_name: string }) => j.job_name === 'blackbox_http');
    expect(probes.static_configs[0].targets[0]).toBe(`http://${addresses.get('cdb_ws:8001')}/health`);
    expect(probes.relabel_configs.at(-1).replacement).toBe(addresses.get('cdb_blackbox_exporter:9115'));
  });

  it('names every address it has no local stand-in for', () => {
    const addresses = allAddresses();
    addresses.delete('cdb_grafana:3000');
    addresses.delete('cdb_alertmanager:9093');
    expect(() => localizePrometheusConfig(promYaml, { addresses, ruleFiles: [], scrapeInterval: '2s', evaluationInterval: '2s' })).toThrow(
      'no local address for: cdb_alertmanager:9093, cdb_grafana:3000, http://cdb_grafana:3000/api/health',
    );
  });
});

describe('redirectReceivers', () => {
  const out = parse(redirectReceivers(amYaml, 'http://127.0.0.1:9999', 30));
  const original = parse(amYaml);

  it('sends each notifying receiver to the sink under its own name, keeping send_resolved', () => {
    const pager = out.receivers.find((r: { name: string }) => r.name === 'cdb-pager');
    expect(pager).toEqual({ name: 'cdb-pager', webhook_configs: [{ url: 'http://127.0.0.1:9999/cdb-pager', send_resolved: true }] });
    const dms = out.receivers.find((r: { name: string }) => r.name === 'cdb-deadmansswitch');
    expect(dms.webhook_configs[0].send_resolved).toBe(false);
    const tickets = out.receivers.find((r: { name: string }) => r.name === 'cdb-tickets-system');
    expect(tickets.webhook_configs[0].send_resolved).toBe(true);
    expect(out.receivers.find((r: { name: string }) => r.name === 'cdb-silent')).toEqual({ name: 'cdb-silent' });
    expect(out.receivers.map((r: { name: string }) => r.name)).toEqual(original.receivers.map((r: { name: string }) => r.name));
  });

  it("follows each notifier's default where send_resolved is not written", () => {
    const config = 'route: {receiver: a}\nreceivers:\n  - name: a\n    slack_configs: [{api_url: "http://x"}]\n  - name: b\n    webhook_configs: [{url: "http://y"}]\n';
    const receivers = parse(redirectReceivers(config, 'http://127.0.0.1:1', 1)).receivers;
    expect(receivers.map((r: { webhook_configs: { send_resolved: boolean }[] }) => r.webhook_configs[0]!.send_resolved)).toEqual([false, true]);
  });

  it('keeps routing and inhibitions and divides the timers', () => {
    expect(out.inhibit_rules).toEqual(original.inhibit_rules);
    expect(out.route.group_by).toEqual(original.route.group_by);
    expect(out.route.group_wait).toBe('1s');
    expect(out.route.group_interval).toBe('10s');
    expect(out.route.repeat_interval).toBe('480s');
    expect(out.route.routes.map((r: { matchers: string[] }) => r.matchers)).toEqual(original.route.routes.map((r: { matchers: string[] }) => r.matchers));
  });
});

describe('panel queries', () => {
  const queries = panelQueries(join(generated, 'grafana', 'provisioning', 'dashboards'));

  it('lists every query of every dashboard with its dashboard and panel', () => {
    expect(queries.length).toBeGreaterThan(150);
    expect(queries.find((q) => q.dashboard.includes('Database') && q.panel === 'Writes by table and status')?.expr).toContain('$table');
  });

  it('expands variables and macros the way Grafana does, leaving PromQL $1 alone', () => {
    const values = new Map([...intervalMacros(3600, 60, 15), ['table', '.*']]);
    expect(expandVariables('rate(x{table=~"$table"}[$__rate_interval]) / ${table}', values)).toBe('rate(x{table=~".*"}[75s]) / .*');
    expect(expandVariables('label_replace(x, "a", "$1", "b", "(.+)")', values)).toBe('label_replace(x, "a", "$1", "b", "(.+)")');
    expect(intervalMacros(3600, 15, 15).get('__rate_interval')).toBe('60s');
  });
});
