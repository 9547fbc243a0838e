import { describe, expect, it } from 'vitest';
import { resolveProject } from '../../engine/resolve/resolve-project';
import { runChecks, hasFailures } from '../../engine/checks/run-checks';
import { formatFindings } from '../../engine/report/findings';
import { tinyDashboard, tinyPanel, tinyProject } from '../fixtures/tiny-project';

const withPanelSilence = (silence: Array<{ check: string; reason: string }>) =>
  tinyProject({ dashboards: [tinyDashboard([tinyPanel({ description: '', silence })])] });

describe('silencing a check for one definition', () => {
  it('Having a panel silence a check with a reason should keep the finding out of the failures.', () => {
    const findings = runChecks(resolveProject(withPanelSilence([{ check: 'dashboard/panel-metadata', reason: 'This panel is a spacer, described by its row.' }])));
    expect(findings.map((f) => [f.checkId, f.silencedBecause])).toEqual([['dashboard/panel-metadata', 'This panel is a spacer, described by its row.']]);
    expect(hasFailures(findings)).toBe(false);
    expect(formatFindings(findings)).toBe('(1 finding silenced by their definitions, each with a reason)');
  });

  it('Having a silence without a reason should fail.', () => {
    const findings = runChecks(resolveProject(withPanelSilence([{ check: 'dashboard/panel-metadata', reason: '' }])));
    expect(findings.map((f) => `${f.checkId}: ${f.message}`).sort()).toEqual([
      'checks/silence: silences dashboard/panel-metadata without a reason',
      'dashboard/panel-metadata: panel has no real description',
    ]);
    expect(hasFailures(findings)).toBe(true);
  });

  it('Having a silence name a check that does not exist should fail.', () => {
    const findings = runChecks(resolveProject(withPanelSilence([{ check: 'dashboard/nope', reason: 'A reason that is long enough.' }])));
    expect(findings.some((f) => f.checkId === 'checks/silence' && f.message === 'silences dashboard/nope, which is not a check')).toBe(true);
  });

  it('Having a silence for another check should not hide this one.', () => {
    const findings = runChecks(resolveProject(withPanelSilence([{ check: 'dashboard/grid', reason: 'A reason that is long enough.' }])));
    expect(hasFailures(findings)).toBe(true);
  });

  it('Having a dashboard silence should cover its panels.', () => {
    const project = tinyProject({
      dashboards: [tinyDashboard([tinyPanel({ description: '' })], { silence: [{ check: 'dashboard/panel-metadata', reason: 'Draft dashboard, described later.' }] })],
    });
    expect(hasFailures(runChecks(resolveProject(project)))).toBe(false);
  });

  it('fails on warnings only when asked to', () => {
    const warning = [{ checkId: 'x/y', severity: 'warning' as const, location: { file: 'f', path: [] }, message: 'm', hint: 'h' }];
    expect(hasFailures(warning)).toBe(false);
    expect(hasFailures(warning, 'warning')).toBe(true);
    expect(hasFailures(warning, 'information')).toBe(true);
  });
});
