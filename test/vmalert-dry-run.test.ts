/**
 * vmalert, VictoriaMetrics' rule evaluator (the real one from Debian's victoria-metrics package, 1.79), on the
 * generated rule files: a deployment that evaluates the CdB rules on VictoriaMetrics (README, "Scaling out") loads
 * these same files. vmalert is required like promtool: a missing vmalert fails here instead of skipping, and says to
 * `apt-get install victoria-metrics`.
 *
 * vmalert 1.79 does not know `keep_firing_for` (vmalert has it from 1.92) and refuses a file that uses it. The first
 * test pins that this field is the only thing it refuses; the others run on a copy of the files without it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolveProject } from '../engine/resolve/resolve-project';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cdbProject } from '../project';
import { PATHS, synthesize } from '../engine/build/synthesize';
import { stageTree } from '../engine/build/write-tree';
import { findOnPath } from '../engine/external/find-tool';
import { freePort } from '../engine/live/processes';
import { rulesForVmalert } from '../live/victoria-metrics';
import { findTool, VMALERT } from '../engine/external/tool-runner';

const vmalert = findTool(VMALERT);
const scratch = mkdtempSync(join(tmpdir(), 'cdb-vmalert-test-'));
const started: ChildProcess[] = [];

afterAll(async () => {
  for (const child of started) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  rmSync(scratch, { recursive: true, force: true });
});

function dryRun(ruleFiles: readonly string[], cwd: string) {
  if (!vmalert.available) throw new Error(`these tests need vmalert: ${vmalert.reason}`);
  // -rule takes one path per flag; a comma would split a path, so none of ours may have one.
  expect(ruleFiles.filter((f) => f.includes(','))).toEqual([]);
  return vmalert.run(['-dryRun', ...ruleFiles.map((f) => `-rule=${f}`)], cwd);
}

interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  keep_firing_for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface Group {
  name: string;
  interval?: string;
  rules: Rule[];
}

/** Seconds of a Prometheus duration such as `1h30m`, `15m` or `0m`. */
function seconds(duration: string): number {
  const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };
  const parts = [...duration.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)];
  expect(parts.map((p) => p[0]).join(''), `duration ${duration}`).toBe(duration);
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * units[unit!]!, 0);
}

const tree = synthesize(resolveProject(cdbProject()));
const generatedDir = stageTree(join(scratch, 'generated'), tree);
const ruleFiles = [...tree.keys()].filter((p) => p.startsWith(`${PATHS.rules}/`));
const groupsByFile = new Map(ruleFiles.map((f) => [f, (parse(tree.get(f)!) as { groups: Group[] }).groups]));
const allGroups = [...groupsByFile.values()].flat();
const globalEvaluationInterval = (parse(tree.get(`${PATHS.prometheus}/prometheus.yml`)!) as { global: { evaluation_interval: string } })
  .global.evaluation_interval;

/** The same files with `keep_firing_for` removed, the one field vmalert 1.79 does not know (as the live test loads them). */
const withoutKeepFiringDir = join(scratch, 'without-keep-firing-for');
rulesForVmalert(join(generatedDir, PATHS.rules), join(withoutKeepFiringDir, PATHS.rules));

describe('vmalert 1.79 on the generated Claire de Binare rule files', () => {
  it('refuses the files as generated only for keep_firing_for, one error per group that uses it', () => {
    expect(ruleFiles.length).toBeGreaterThanOrEqual(6);
    const keepFiring = allGroups.filter((g) => g.rules.some((r) => r.keep_firing_for !== undefined));
    const result = dryRun(ruleFiles, generatedDir);
    if (keepFiring.length === 0) {
      expect(result.ok, result.output).toBe(true);
      return;
    }
    expect(result.ok).toBe(false);
    const errors = result.output.match(/errors\((\d+)\): ([\s\S]*)$/);
    expect(errors, result.output).not.toBeNull();
    const lines = errors![2]!.trim().split('\n');
    expect(lines.length, result.output).toBe(Number(errors![1]));
    const refused = lines.map((line) => {
      const m = line.match(/^invalid group "([^"]+)" in file "[^"]+": invalid rule "([^"]+)"\."([^"]+)": unknown fields in rule: (.+)$/);
      expect(m, `vmalert 1.79 refuses something other than keep_firing_for:\n${line}`).not.toBeNull();
      return { group: m![1]!, rule: m![3]!, fields: m![4]! };
    });
    expect(refused.map((r) => r.fields)).toEqual(refused.map(() => 'keep_firing_for'));
    expect(refused.map((r) => r.group).sort()).toEqual(keepFiring.map((g) => g.name).sort());
    for (const { group, rule } of refused) {
      const alert = keepFiring.find((g) => g.name === group)!.rules.find((r) => r.alert === rule);
      expect(alert?.keep_firing_for, `${group}/${rule}`).toBeDefined();
    }
  });

  it('accepts every rule file without keep_firing_for: exit 0, nothing logged as an error', () => {
    const result = dryRun(ruleFiles, withoutKeepFiringDir);
    expect(result.ok, result.output).toBe(true);
    expect(result.output).not.toMatch(/\berror\b|\bfatal\b|\bpanic\b/i);
  });

  it('loads every group and rule as the files define them (vmalert serving its rules API on 127.0.0.1)', async () => {
    const binary = findOnPath(VMALERT.command);
    if (!binary) throw new Error('this test needs vmalert on PATH: apt-get install victoria-metrics');
    const [port, nobody] = [await freePort(), await freePort()];
    // Queries, remote writes and notifications go to a 127.0.0.1 port nobody listens on: this test reads only what
    // vmalert loaded. -evaluationInterval is prometheus.yml's, the interval of groups that set none.
    const child = spawn(binary, [
      `-httpListenAddr=127.0.0.1:${port}`,
      ...ruleFiles.map((f) => `-rule=${join(withoutKeepFiringDir, f)}`),
      `-datasource.url=http://127.0.0.1:${nobody}`,
      `-remoteWrite.url=http://127.0.0.1:${nobody}`,
      `-notifier.url=http://127.0.0.1:${nobody}`,
      `-evaluationInterval=${globalEvaluationInterval}`,
      '-loggerLevel=FATAL',
    ]);
    started.push(child);
    let log = '';
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    child.stdout?.on('data', (d: Buffer) => (log += d.toString()));

    type ApiRule = { name: string; type: string; query: string; duration: number; labels?: Record<string, string>; annotations?: Record<string, string> };
    let api: { name: string; interval: number; rules: ApiRule[] }[] | undefined;
    for (let i = 0; i < 100 && !api && child.exitCode === null; i++) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/v1/rules`);
        if (response.ok) api = ((await response.json()) as { data: { groups: typeof api } }).data.groups;
      } catch {
        // not listening yet
      }
      if (!api) await new Promise((r) => setTimeout(r, 100));
    }
    expect(api, `vmalert did not serve /api/v1/rules within 10 s (exit ${child.exitCode}):\n${log}`).toBeDefined();

    expect(api!.map((g) => g.name).sort()).toEqual(allGroups.map((g) => g.name).sort());
    expect(api!.reduce((n, g) => n + g.rules.length, 0)).toBe(allGroups.reduce((n, g) => n + g.rules.length, 0));
    for (const group of allGroups) {
      const loaded = api!.find((g) => g.name === group.name)!;
      expect(loaded.interval, group.name).toBe(seconds(group.interval ?? globalEvaluationInterval));
      expect(
        loaded.rules.map((r) => ({ name: r.name, type: r.type, query: r.query, for: r.duration, labels: r.labels ?? {}, annotations: r.annotations ?? {} })),
        group.name,
      ).toEqual(
        group.rules.map((r) => ({
          name: r.alert ?? r.record,
          type: r.alert ? 'alerting' : 'recording',
          query: r.expr,
          for: r.alert ? seconds(r.for ?? '0s') : 0,
          labels: r.labels ?? {},
          annotations: r.annotations ?? {},
        })),
      );
    }
  });
});

describe('vmalert catches what our checks would not (proving the check can fail)', () => {
  const broken = {
    'an expression that does not parse': [
      'groups:\n  - name: bad\n    rules:\n      - record: job:x:sum\n        expr: sum by (job) (rate(x[5m])\n',
      /invalid expression for rule "bad"\."job:x:sum"/,
    ],
    'the same alert twice in a group': [
      'groups:\n  - name: dup\n    rules:\n      - alert: CdbX\n        expr: up == 0\n      - alert: CdbX\n        expr: up == 0\n',
      /rule "CdbX" duplicate/,
    ],
    'an annotation template with an unknown function': [
      'groups:\n  - name: tmpl\n    rules:\n      - alert: CdbX\n        expr: up == 0\n        annotations:\n          description: "{{ $value | noSuchFunction }}"\n',
      /function "noSuchFunction" not defined/,
    ],
  } as const;

  it.each(Object.entries(broken))('rejects %s', (name, [content, message]) => {
    const dir = join(scratch, 'broken', name.replace(/\W+/g, '-'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'bad.yml'), content);
    const result = dryRun(['bad.yml'], dir);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(message);
  });
});
