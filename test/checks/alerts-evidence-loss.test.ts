/**
 * alerts/evidence-loss on a project reduced to a few hand-written alerts, so that every cover is one the test put
 * there: a critical alert on a drawdown ratio is blind when the ratio vanishes, when cdb_risk is down and when the
 * ratio leaves [0, 1], until a critical guard covers each loss or a waiver gives a reason.
 */
import { describe, expect, it } from 'vitest';
import { alertsEvidenceLoss } from '../../engine/checks/alerts/evidence-loss';
import type { AlertModel, EvidenceWaiver } from '../../engine/model/alerts';
import type { ProjectDefinitions } from '../../engine/model/project';
import { cdbProject } from '../../project';
import { findingsOf } from './run';

const RUNBOOK = { meaning: 'm', impact: 'i', diagnose: ['d'], mitigate: ['m'] };
const plain = (name: string, expr: string, severity: AlertModel['severity'], extra: Partial<AlertModel> = {}): AlertModel => ({
  name,
  expr,
  severity,
  labels: { layer: 'risk' },
  summary: 's.',
  description: 'd.',
  runbook: RUNBOOK,
  scenarios: [],
  source: 'alerts/risk/test.ts',
  ...extra,
});

const DRAWDOWN = plain('CdbTestDrawdown', 'max by (service) (cdb_risk_drawdown_ratio) > 0.2', 'critical');

/** The CdB project with its alerts replaced by `alerts` (its recording rules and SLOs removed too). */
function only(...alerts: AlertModel[]): ProjectDefinitions {
  const p = cdbProject();
  const group = { ...p.alertGroups[0]!, name: 'test-alerts', file: 'test', alerts };
  return { ...p, slos: [], ruleGroups: [], alertGroups: [group] };
}

const messages = (p: ProjectDefinitions) => findingsOf(alertsEvidenceLoss, p).map((f) => f.message);

describe('alerts/evidence-loss', () => {
  it('Having a critical alert on a ratio with no guard should fail for each loss: vanished, target down, out of range.', () => {
    expect(messages(only(DRAWDOWN))).toEqual([
      'when cdb_risk_drawdown_ratio vanishes or goes stale while its job is up, no critical alert fires within 60 minutes: CdbTestDrawdown goes silent',
      'when cdb_risk_drawdown_ratio is lost with its job (the target is down or cannot be scraped), no critical alert fires within 60 minutes: CdbTestDrawdown goes silent',
      'when cdb_risk_drawdown_ratio leaves [0, 1], no critical alert fires within 60 minutes: CdbTestDrawdown goes silent',
    ]);
  });

  it('Having critical guards for the absence, the target and the range should pass.', () => {
    const guards = [
      plain('CdbTestDrawdownMissing', 'absent(cdb_risk_drawdown_ratio)', 'critical', { for: '5m' }),
      plain('CdbTestRiskDown', 'up{job="cdb_risk"} == 0', 'critical', { for: '2m' }),
      plain('CdbTestDrawdownImplausible', 'cdb_risk_drawdown_ratio > 1 or cdb_risk_drawdown_ratio < 0', 'critical'),
    ];
    expect(messages(only(DRAWDOWN, ...guards))).toEqual([]);
  });

  it('Having only a warning, or a guard slower than 60 minutes, should fail and name them.', () => {
    const warn = plain('CdbTestDrawdownMissing', 'absent(cdb_risk_drawdown_ratio)', 'warning', { for: '5m' });
    const slow = plain('CdbTestDrawdownGone', 'absent_over_time(cdb_risk_drawdown_ratio[2h])', 'critical');
    expect(messages(only(DRAWDOWN, warn, slow))[0]).toBe(
      'when cdb_risk_drawdown_ratio vanishes or goes stale while its job is up, no critical alert fires within 60 minutes (only CdbTestDrawdownMissing [warning] within 10 min, CdbTestDrawdownGone [critical] within 120 min): CdbTestDrawdown goes silent',
    );
  });

  it('Having a job matcher that excludes the exposing job should not count as a cover.', () => {
    const other = plain('CdbTestOtherDown', 'up{job="cdb_core"} == 0', 'critical');
    expect(messages(only(DRAWDOWN, other))).toContain(
      'when cdb_risk_drawdown_ratio is lost with its job (the target is down or cannot be scraped), no critical alert fires within 60 minutes: CdbTestDrawdown goes silent',
    );
  });

  it('Having a waiver with a reason should pass for that loss; one that waives nothing should fail.', () => {
    const waivers: EvidenceWaiver[] = [
      { metric: 'cdb_risk_drawdown_ratio', loss: 'vanished', reason: 'a test reason' },
      { metric: 'cdb_risk_drawdown_ratio', loss: 'future', reason: 'a ratio has no timestamp' },
    ];
    const m = messages(only({ ...DRAWDOWN, evidenceWaivers: waivers }));
    expect(m).not.toContain('when cdb_risk_drawdown_ratio vanishes or goes stale while its job is up, no critical alert fires within 60 minutes: CdbTestDrawdown goes silent');
    expect(m).toContain('the evidence waiver for cdb_risk_drawdown_ratio (future) waives nothing: CdbTestDrawdown does not read cdb_risk_drawdown_ratio, or that loss does not apply to it');
  });

  it('Having a warning alert with no guard should pass: only critical alerts must fail closed.', () => {
    expect(messages(only({ ...DRAWDOWN, severity: 'warning' }))).toEqual([]);
  });
});
