/**
 * alerts/scenario-classes on hand-written alerts: the classes each alert needs, a class that contradicts its
 * scenario's expectation, and a guard scenario that names an alert it cannot guard.
 */
import { describe, expect, it } from 'vitest';
import { alertsScenarioClasses } from '../../engine/checks/alerts/scenario-classes';
import type { AlertModel, AlertScenarioModel, ScenarioClass } from '../../engine/model/alerts';
import type { ProjectDefinitions } from '../../engine/model/project';
import { cdbProject } from '../../project';
import { findingsOf } from './run';

const RUNBOOK = { meaning: 'm', impact: 'i', diagnose: ['d'], mitigate: ['m'] };
const FIRING = [{ labels: { service: 'cdb_risk' }, description: 'd.' }];
const sc = (name: string, fires: boolean, proves: ScenarioClass[], guards?: string[]): AlertScenarioModel => ({
  name,
  interval: '1m',
  input: [],
  evalTime: '5m',
  expect: fires ? FIRING : [],
  proves,
  ...(guards ? { guards } : {}),
});
const plain = (name: string, expr: string, severity: AlertModel['severity'], scenarios: AlertScenarioModel[]): AlertModel => ({
  name,
  expr,
  severity,
  labels: { layer: 'risk' },
  summary: 's.',
  description: 'd.',
  runbook: RUNBOOK,
  scenarios,
  source: 'alerts/risk/test.ts',
});

function only(...alerts: AlertModel[]): ProjectDefinitions {
  const p = cdbProject();
  return { ...p, slos: [], ruleGroups: [], alertGroups: [{ ...p.alertGroups[0]!, name: 'test-alerts', file: 'test', alerts }] };
}
const messages = (...alerts: AlertModel[]) => findingsOf(alertsScenarioClasses, only(...alerts)).map((f) => `${f.location.path.at(-1)!.name}: ${f.message}`);

const THRESHOLD = 'max by (service) (cdb_risk_drawdown_ratio) > 0.2';
const PINNED = [sc('fires at 5', true, ['firing-minute']), sc('quiet at 4', false, ['pending'])];
const EDGES = [sc('0.19 quiet', false, ['edge-below']), sc('0.21 fires', true, ['edge-above'])];

describe('alerts/scenario-classes', () => {
  it('Having a threshold alert with no classes should fail for its firing minute, pending evaluation and both edges.', () => {
    expect(messages(plain('CdbTestDrawdown', THRESHOLD, 'warning', []))).toEqual([
      'CdbTestDrawdown: has no firing-minute scenario',
      'CdbTestDrawdown: has no pending scenario',
      'CdbTestDrawdown: has no edge-below scenario',
      'CdbTestDrawdown: has no edge-above scenario',
    ]);
  });

  it('Having an alert on a boolean (== 0) should not need edges: 0 and 1 have none to choose.', () => {
    expect(messages(plain('CdbTestDown', 'up{job="cdb_risk"} == 0', 'warning', PINNED))).toEqual([]);
  });

  it('Having a critical alert with every class but evidence loss should fail; a guard scenario naming it should pass.', () => {
    const critical = plain('CdbTestDrawdown', THRESHOLD, 'critical', [...PINNED, ...EDGES]);
    expect(messages(critical)).toEqual([
      'CdbTestDrawdown: is critical and has no evidence-loss scenario: nothing shows what fires when its input is missing, stale or implausible',
    ]);
    const guard = plain('CdbTestDrawdownMissing', 'absent(cdb_risk_drawdown_ratio)', 'warning', [
      ...PINNED,
      sc('the ratio vanishes and the guard fires', true, ['evidence-loss'], ['CdbTestDrawdown']),
    ]);
    expect(messages(critical, guard)).toEqual([]);
  });

  it('Having a class that contradicts the expectation, or a guard of no alert, should fail.', () => {
    const wrong = plain('CdbTestDown', 'up{job="cdb_risk"} == 0', 'warning', [
      sc('fires at 5', false, ['firing-minute']),
      sc('quiet at 4', true, ['pending']),
      sc('lost', true, ['evidence-loss'], ['CdbNoSuchAlert']),
    ]);
    expect(messages(wrong)).toEqual([
      'CdbTestDown: scenario "fires at 5" is marked firing-minute but expects the alert to stay quiet',
      'CdbTestDown: scenario "quiet at 4" is marked pending but expects the alert to fire',
      'CdbTestDown: scenario "lost" guards "CdbNoSuchAlert", which is no alert of the project',
    ]);
  });
});
