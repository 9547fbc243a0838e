import { describe, expect, it } from 'vitest';
import { findingRow } from '../../engine/report/findings';
import { resolveProject } from '../../engine/resolve/resolve-project';
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

describe('the valid tiny alert', () => {
  it('Having a conventional alert with both scenarios should pass every check.', () => {
    expect(runChecks(resolveProject(withAlerts(tinyAlert())))).toEqual([]);
  });
  it('names the alert file and definition in findings', () => {
    const [f] = findingsOf(alertsNaming, withAlerts(tinyAlert({ name: 'not_camel' })));
    expect(findingRow(f!)).toMatchObject({ file: 'definitions/tiny.ts', definition: 'alert group "tiny-alerts" › alert "not_camel"' });
  });
});
