import { describe, expect, it } from 'vitest';
import { alertsNaming } from '../../engine/checks/alerts/naming';
import { alertsLabels } from '../../engine/checks/alerts/labels';
import { alertsAnnotations } from '../../engine/checks/alerts/annotations';
import { alertsScenarios } from '../../engine/checks/alerts/scenarios';
import { alertsDashboardLink } from '../../engine/checks/alerts/dashboard-link';
import { alertsComparison } from '../../engine/checks/alerts/comparison';
import { alertsDurations } from '../../engine/checks/alerts/durations';
import { runChecks } from '../../engine/checks/run-checks';
import { select, sum, vector } from '../../engine/promql';
import { findingsOf } from './run';
import { ready, tinyAlert, withAlerts } from '../fixtures/tiny-project';

const messages = (check: Parameters<typeof findingsOf>[0], ...overrides: Array<Parameters<typeof tinyAlert>[0]>) =>
  findingsOf(check, withAlerts(...overrides.map((o) => tinyAlert(o)))).map((f) => f.message);

describe('alerts/scenarios', () => {
  const base = tinyAlert();
  it('Having no firing scenario should fail.', () => {
    expect(messages(alertsScenarios, { scenarios: [base.scenarios[1]!] })).toEqual(['has no scenario in which it fires']);
  });
  it('Having no quiet scenario should fail.', () => {
    expect(messages(alertsScenarios, { scenarios: [base.scenarios[0]!] })).toEqual(['has no scenario in which it stays quiet']);
  });
  it('Having a scenario expect a label the expression drops should fail.', () => {
    const firing = { ...base.scenarios[0]!, expect: [{ labels: { route: 'x' }, description: 'x' }] };
    expect(messages(alertsScenarios, { scenarios: [firing, base.scenarios[1]!] })).toEqual([
      'scenario "not ready for 10 minutes" expects label "route", which the expression cannot return',
    ]);
  });
});
