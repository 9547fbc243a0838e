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

describe('alerts/durations', () => {
  it.each([
    ['a for shorter than one evaluation', { for: '10s' }, /shorter than the evaluation interval 30s/],
    ['a for of two days', { for: '2d' }, /longer than a day/],
    ['a keep_firing_for that is no duration', { keepFiringFor: '5 minutes' }, /is not a duration/],
  ])('Having %s should fail.', (_, overrides, message) => {
    expect(messages(alertsDurations, overrides as never).join('\n')).toMatch(message);
  });
  it('Having for 0m should pass.', () => {
    expect(messages(alertsDurations, { for: '0m' })).toEqual([]);
  });
});
