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

describe('alerts/duplicates', () => {
  it('Having the same alert twice should fail.', async () => {
    const { alertsDuplicates } = await import('../../engine/checks/alerts/duplicates');
    expect(findingsOf(alertsDuplicates, withAlerts(tinyAlert(), tinyAlert())).map((f) => f.message)).toEqual([
      'duplicates the warning rule of AppNotReady in definitions/tiny.ts',
    ]);
  });
  it('Having a second definition of a name with its own runbook should fail: its runbook would be dropped.', async () => {
    const { alertsDuplicates } = await import('../../engine/checks/alerts/duplicates');
    const second = tinyAlert({ severity: 'critical' });
    const other = { ...second, runbook: { ...second.runbook, meaning: 'Something else entirely.' }, summary: 'Another summary.' };
    expect(findingsOf(alertsDuplicates, withAlerts(tinyAlert(), other)).map((f) => f.message)).toEqual([
      'is a second AppNotReady (critical) whose runbook, summary differ from the warning one in definitions/tiny.ts: the runbook has one section per alert name and would drop this one\'s',
    ]);
  });
  it('Having one name as a warning and a critical tier should pass.', async () => {
    const { alertsDuplicates } = await import('../../engine/checks/alerts/duplicates');
    expect(findingsOf(alertsDuplicates, withAlerts(tinyAlert(), tinyAlert({ severity: 'critical' })))).toEqual([]);
  });
});
