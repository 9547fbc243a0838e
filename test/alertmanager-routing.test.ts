/**
 * engine/alertmanager routes label sets as Alertmanager does: for every row of a table, its receivers equal what
 * `amtool config routes test` (Alertmanager 0.25, the same code the server routes with) prints on the same file.
 * Two files: the generated alertmanager.yml, and a hand-written one with what the generated file does not use
 * (nested routes, `continue`, inherited receivers, `match`/`match_re`, negative and RE2-only regex matchers).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT_DIR } from '../project';
import { LAYERS } from '../config/layers';
import { readRoutingTree } from '../engine/alertmanager/config-file';
import { routeReceivers } from '../engine/alertmanager/routing';
import { amtoolAccepts, amtoolRoutes } from './fixtures/amtool';

type Labels = Readonly<Record<string, string>>;

/** A label set to route; `expect`, when given, is what the row is there to prove (amtool must agree too). */
interface Row {
  readonly labels: Labels;
  readonly expect?: string;
}

const GENERATED = join(ROOT_DIR, 'generated', 'alertmanager', 'alertmanager.yml');

/** Without undefined values: `{ severity: undefined }` is an alert without severity. */
const labels = (l: Record<string, string | undefined>): Labels =>
  Object.fromEntries(Object.entries(l).filter((e): e is [string, string] => e[1] !== undefined));

/** The rows for the generated routing: its whole input space by severity and layer, then every alert it serves. */
function generatedRows(): Row[] {
  const rows: Row[] = [];
  const layers = [...LAYERS.map((l) => l.id), 'elsewhere', undefined];
  for (const severity of ['critical', 'warning', 'info', 'page', undefined]) {
    for (const layer of layers) rows.push({ labels: labels({ alertname: 'CdbProbe', severity, layer }) });
  }
  for (const severity of ['info', 'critical', undefined]) rows.push({ labels: labels({ alertname: 'Watchdog', severity, layer: 'system' }) });
  rows.push({ labels: { alertname: 'CdbLiveTradingDetected', severity: 'critical', layer: 'paper-execution', service: 'cdb_execution' } });
  rows.push({ labels: { alertname: 'CdbLiveTradingDetected', severity: 'warning', layer: 'paper-execution' } });
  const tiers = { 'page-fast': 'critical', 'page-slow': 'critical', 'ticket-fast': 'warning', 'ticket-slow': 'warning' };
  for (const [tier, severity] of Object.entries(tiers)) {
    const alertname = `CdbSloBurnRate${tier.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')}`;
    rows.push({ labels: { alertname, severity, slo_tier: tier, slo_id: 'paper-order-execution', layer: 'paper-execution' } });
  }
  // Values that only nearly match: equality is exact, case and spaces included.
  for (const [severity, layer] of [['Critical', 'risk'], ['critical ', 'risk'], ['warning', 'Risk'], ['warning', 'risk '], ['warning', 'risk|database'], ['', 'risk']]) {
    rows.push({ labels: { alertname: 'CdbProbe', severity: severity!, layer: layer! } });
  }
  rows.push({ labels: { alertname: 'watchdog', severity: 'info' } }, { labels: { alertname: 'Watchdog ', severity: 'warning', layer: 'risk' } });
  // Every alert the generated rule files define, with the labels the rule gives it.
  const seen = new Set(rows.map((r) => JSON.stringify(r.labels)));
  const rulesDir = join(ROOT_DIR, 'generated', 'prometheus', 'rules');
  for (const file of readdirSync(rulesDir).sort()) {
    for (const group of parse(readFileSync(join(rulesDir, file), 'utf8')).groups) {
      for (const rule of group.rules) {
        if (!rule.alert) continue;
        const row = { alertname: rule.alert as string, ...(rule.labels as Record<string, string>) };
        if (!seen.has(JSON.stringify(row))) rows.push({ labels: row });
        seen.add(JSON.stringify(row));
      }
    }
  }
  return rows;
}

/** A routing tree that uses what the generated one does not; each comment says what its routes are there to show. */
const HAND_WRITTEN = `
route:
  receiver: fallback
  group_by: [alertname]
  routes:
    # Regex and value syntax, entered only by alerts with a probe label. Every probe continues, and the parent too.
    - receiver: probe-none
      matchers: ['probe!=""']
      continue: true
      routes:
        - receiver: probe-case
          matchers: ['probe=~"(?i)case"']
          continue: true
        - receiver: probe-posix
          matchers: ['probe=~"[[:digit:]]{3}"']
          continue: true
        - receiver: probe-literal
          matchers: ['probe=~"\\Qa.b\\E"']
          continue: true
        - receiver: probe-dot
          matchers: ['probe=~"a.b"']
          continue: true
        - receiver: probe-scoped-flag
          matchers: ['probe=~"(?i:ab)c"']
          continue: true
        - receiver: probe-comma
          matchers: ['probe="a,b"']
          continue: true
        - receiver: probe-quote
          matchers: ['probe="say \\"hi\\""']
          continue: true
        - receiver: probe-alternation
          matchers: ['probe=~"x|y"']
          continue: true
        - receiver: probe-backslash
          matchers: ['probe="a\\\\b"']
          continue: true
    # Two routes naming the same receiver: an alert that reaches both is listed twice.
    - receiver: audit
      matchers: ['team=~"risk|exec"']
      continue: true
    - receiver: audit
      match:
        audit: "yes"
      continue: true
    - receiver: heartbeat
      match:
        alertname: Watchdog
    # A missing env label is the empty string, which != "dev" accepts.
    - receiver: pager
      matchers: ['severity="critical"', 'env!="dev"']
      routes:
        - receiver: live
          matchers: ['alertname=~"(?i)live.*"']
        # No receiver: pager's. It continues, so pager-night is tried after it.
        - matchers: ['service=~"cdb_[[:alpha:]_]+"']
          continue: true
          routes:
            - receiver: db-pager
              matchers: ['service=~"cdb_(postgres|db_writer)"']
        - receiver: pager-night
          matchers: [shift=night]
    - receiver: no-severity
      matchers: ['severity=""']
    # No receiver: the root's. Its children do not match everything, so it can end the walk itself.
    - matchers: ['severity!~"crit.*|info"']
      routes:
        - receiver: risk-tickets
          match_re:
            team: risk
          continue: true
        - receiver: tickets
          matchers: ['{layer=~".+", layer!="system"}']
    # !~ on a missing label: the empty string does not match .+, so the matcher holds.
    - receiver: quiet
      matchers: ['severity="info"', 'muted!~".+"']
receivers:
${[
  'fallback', 'probe-none', 'probe-case', 'probe-posix', 'probe-literal', 'probe-dot', 'probe-scoped-flag', 'probe-comma', 'probe-quote',
  'probe-alternation', 'probe-backslash', 'audit', 'heartbeat', 'pager', 'live', 'db-pager', 'pager-night', 'no-severity', 'risk-tickets',
  'tickets', 'quiet',
]
  .map((name) => `  - name: ${name}`)
  .join('\n')}
`;

const HAND_WRITTEN_ROWS: Row[] = [
  { labels: { alertname: 'A', severity: 'critical', team: 'risk' }, expect: 'audit,pager' },
  { labels: { alertname: 'LiveTradingDetected', severity: 'critical' }, expect: 'live' },
  { labels: { alertname: 'LIVE', severity: 'critical', team: 'exec' }, expect: 'audit,live' },
  { labels: { alertname: 'A', severity: 'critical', service: 'cdb_postgres' }, expect: 'db-pager' },
  { labels: { alertname: 'A', severity: 'critical', service: 'cdb_postgres', shift: 'night' }, expect: 'db-pager,pager-night' },
  { labels: { alertname: 'A', severity: 'critical', service: 'cdb_core', shift: 'night' }, expect: 'pager,pager-night' },
  { labels: { alertname: 'A', severity: 'critical', service: 'cdb_core2' } },
  { labels: { alertname: 'A', severity: 'critical', env: 'dev' }, expect: 'fallback' },
  { labels: { alertname: 'A', severity: 'critical', env: 'Dev' }, expect: 'pager' },
  { labels: { alertname: 'W', severity: 'warning', team: 'risk', layer: 'risk' }, expect: 'audit,risk-tickets,tickets' },
  { labels: { alertname: 'W', severity: 'warning', team: 'riskier', layer: 'system' }, expect: 'fallback' },
  { labels: { alertname: 'W', severity: 'warning', team: 'exec', audit: 'yes', layer: 'database' }, expect: 'audit,audit,tickets' },
  { labels: { alertname: 'W', severity: 'warning', layer: '' }, expect: 'fallback' },
  { labels: { alertname: 'Watchdog', severity: 'info' }, expect: 'heartbeat' },
  { labels: { alertname: 'Watchdog', team: 'risk' }, expect: 'audit,heartbeat' },
  { labels: { alertname: 'I', severity: 'info' }, expect: 'quiet' },
  { labels: { alertname: 'I', severity: 'info', muted: 'yes' }, expect: 'fallback' },
  { labels: { alertname: 'I', severity: 'info', muted: '' }, expect: 'quiet' },
  { labels: { alertname: 'NoSeverity' }, expect: 'no-severity' },
  { labels: { alertname: 'S', severity: '' }, expect: 'no-severity' },
  { labels: { alertname: 'S', severity: 'criticalish' }, expect: 'fallback' },
  { labels: { alertname: 'S', severity: 'page', layer: 'risk' }, expect: 'tickets' },
  { labels: { probe: 'CASE' }, expect: 'probe-case,no-severity' },
  { labels: { probe: 'cAsE', severity: 'info' }, expect: 'probe-case,quiet' },
  { labels: { probe: '123' }, expect: 'probe-posix,no-severity' },
  { labels: { probe: '12a' }, expect: 'probe-none,no-severity' },
  { labels: { probe: 'a.b' }, expect: 'probe-literal,probe-dot,no-severity' },
  { labels: { probe: 'axb' }, expect: 'probe-dot,no-severity' },
  { labels: { probe: 'a\nb' }, expect: 'probe-none,no-severity' },
  { labels: { probe: 'ABc' }, expect: 'probe-scoped-flag,no-severity' },
  { labels: { probe: 'ABC' }, expect: 'probe-none,no-severity' },
  { labels: { probe: 'a,b' }, expect: 'probe-dot,probe-comma,no-severity' },
  { labels: { probe: 'say "hi"' }, expect: 'probe-quote,no-severity' },
  { labels: { probe: 'x' }, expect: 'probe-alternation,no-severity' },
  { labels: { probe: 'xy' }, expect: 'probe-none,no-severity' },
  { labels: { probe: 'a\\b' }, expect: 'probe-dot,probe-backslash,no-severity' },
  { labels: { probe: 'é', severity: 'warning', layer: 'risk', team: 'risk' } },
  { labels: { probe: '', severity: 'warning' }, expect: 'fallback' },
];

const scratch = mkdtempSync(join(tmpdir(), 'cdb-am-routing-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const handWritten = join(scratch, 'alertmanager.yml');
writeFileSync(handWritten, HAND_WRITTEN);

const label = (l: Labels) => (Object.keys(l).length === 0 ? '{}' : Object.entries(l).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' '));

describe.each([
  { name: 'the generated alertmanager.yml', file: GENERATED, rows: generatedRows() },
  { name: 'a hand-written alertmanager.yml with nested, continue, inherited and regex routes', file: handWritten, rows: HAND_WRITTEN_ROWS },
])('$name', ({ file, rows }) => {
  const tree = readRoutingTree(readFileSync(file, 'utf8'));
  let byAmtool: string[] = [];
  beforeAll(async () => {
    const check = amtoolAccepts(file);
    if (!check.ok) throw new Error(`amtool check-config refuses ${file}:\n${check.output}`);
    byAmtool = await amtoolRoutes(file, rows.map((r) => r.labels));
  }, 120_000);

  it.each(rows.map((row, i) => ({ ...row, i, name: label(row.labels) })))('$name', ({ labels: l, expect: wanted, i }) => {
    const receivers = routeReceivers(tree, l).join(',');
    expect(receivers).toBe(byAmtool[i]);
    if (wanted !== undefined) expect(byAmtool[i]).toBe(wanted);
  });

  it('reaches every receiver of the file in some row', () => {
    const declared: string[] = parse(readFileSync(file, 'utf8')).receivers.map((r: { name: string }) => r.name);
    const reached = new Set(byAmtool.flatMap((out) => out.split(',')));
    expect(declared.filter((r) => !reached.has(r))).toEqual([]);
  });
});
