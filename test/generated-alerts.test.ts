/** The generated alert rules and runbook, read from the synthesized files. */
import { describe, expect, it } from 'vitest';
import { resolveProject } from '../engine/resolve/resolve-project';
import { parse } from 'yaml';
import { cdbProject } from '../project';
import { LAYERS } from '../config/layers';
import { PATHS, synthesize } from '../engine/build/synthesize';

const tree = synthesize(resolveProject(cdbProject()));
type Json = Record<string, any>;
const alertsByFile = [...tree]
  .filter(([p]) => p.startsWith(`${PATHS.rules}/`))
  .map(([p, text]) => [p, (parse(text).groups as Json[]).flatMap((g) => g.rules).filter((r: Json) => r.alert) as Json[]] as const);
const alerts = alertsByFile.flatMap(([, a]) => a);
const runbook = tree.get(`${PATHS.docs}/alerts.md`)!;
const dashboards = new Map(
  [...tree].filter(([p]) => p.endsWith('.json')).map(([, text]) => {
    const d = JSON.parse(text) as Json;
    return [d.uid as string, new Set((d.panels as Json[]).map((p) => p.id as number))];
  }),
);

describe('generated alerts', () => {
  it('cover every layer in one alert group per layer file', () => {
    for (const l of LAYERS) {
      const [, layerAlerts] = alertsByFile.find(([p]) => p === `${PATHS.rules}/${l.id}.yml`)!;
      expect(layerAlerts.length, l.id).toBeGreaterThan(0);
      for (const a of layerAlerts) expect(a.labels.layer, a.alert).toBe(l.id);
    }
  });

  it('carry a known severity and the four annotations', () => {
    for (const a of alerts) {
      expect(['critical', 'warning', 'info'], a.alert).toContain(a.labels.severity);
      expect(Object.keys(a.annotations).sort(), a.alert).toEqual(expect.arrayContaining(['description', 'runbook_url', 'summary']));
      expect(a.annotations.summary, a.alert).toMatch(/^[A-Z][^{}]*\.$/);
    }
  });

  it('link runbook_url to a section of the generated runbook', () => {
    for (const [path, fileAlerts] of alertsByFile) {
      const sloId = /\/slo-([a-z0-9-]+)\.yml$/.exec(path)?.[1];
      if (!sloId) continue;
      for (const a of fileAlerts) {
        const anchor = (a.annotations.runbook_url as string).split('#')[1]!;
        expect(anchor, a.alert).toBe(`${a.alert.toLowerCase()}-${sloId}`);
        expect(runbook, a.alert).toContain(`<a id="${anchor}"></a>\n\n### ${a.alert} (${sloId})\n`);
      }
    }
    for (const a of alerts.filter((x) => !x.alert.startsWith('CdbSlo'))) {
      const anchor = (a.annotations.runbook_url as string).split('#')[1]!;
      {
        expect(anchor, a.alert).toBe(a.alert.toLowerCase());
        expect(runbook, a.alert).toContain(`\n### ${a.alert}\n`);
      }
    }
  });

  it('link dashboard_url to a panel that exists in the generated dashboards', () => {
    let linked = 0;
    for (const a of alerts) {
      if (!a.annotations.dashboard_url) continue;
      const m = /\/d\/([^?]+)\?viewPanel=(\d+)(&var-[a-z_]+=[^&]+)*$/.exec(a.annotations.dashboard_url)!;
      expect(m, a.alert).not.toBeNull();
      expect(dashboards.get(m[1]!)?.has(Number(m[2])), `${a.alert} → ${a.annotations.dashboard_url}`).toBe(true);
      linked++;
    }
    expect(linked).toBeGreaterThan(alerts.length / 2);
  });

  it('page at once on live trading, with no pending time', () => {
    const live = alerts.find((a) => a.alert === 'CdbLiveTradingDetected')!;
    expect(live.labels.severity).toBe('critical');
    expect(live.for).toBeUndefined();
    expect(live.keep_firing_for).toBeDefined();
  });

  it('treat both Zero-Activity Incidents as critical and fire on a vanished metric', () => {
    for (const name of ['CdbZeroActivitySignals', 'CdbZeroActivityPaperTrades']) {
      const zai = alerts.find((a) => a.alert === name)!;
      expect(zai.labels.severity, name).toBe('critical');
      expect(zai.expr, name).toMatch(/absent_over_time\(/);
    }
  });

  it('include an always-firing Watchdog', () => {
    expect(alerts.find((a) => a.alert === 'Watchdog')?.expr).toBe('vector(1)');
  });
});
