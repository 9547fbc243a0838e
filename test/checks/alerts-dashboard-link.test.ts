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

describe('alerts/dashboard-link', () => {
  it('Having a link to a missing panel should fail.', () => {
    expect(messages(alertsDashboardLink, { dashboard: { dashboard: 'tiny', panel: 'Nope' } })[0]).toMatch(/links to panel "Nope"/);
  });
  it('Having a link to a missing dashboard should fail.', () => {
    expect(messages(alertsDashboardLink, { dashboard: { dashboard: 'nope', panel: 'Ready' } })).toEqual(['links to dashboard "nope", which does not exist']);
  });
});
