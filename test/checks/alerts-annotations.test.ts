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

describe('alerts/annotations', () => {
  it.each([
    ['a templated summary', { summary: 'The {{ $labels.service }} is down.' }, /summary is templated/],
    ['a summary without a period', { summary: 'The app is down' }, /not a sentence ending in a period/],
    ['unbalanced braces', { description: '{{ $value is high' }, /unbalanced template braces/],
    ['an unknown template function', { description: '{{ $value | humanise }}' }, /unsupported template action/],
    ['a label the expression drops', { expr: String(sum(select(ready))), labels: { service: 'app' }, description: '{{ $labels.instance }} is down.' }, /refers to \$labels\.instance, which the expression cannot return/],
    ['an empty runbook', { runbook: { meaning: '', impact: '', diagnose: [], mitigate: [] } }, /runbook is incomplete/],
  ])('Having %s should fail.', (_, overrides, message) => {
    expect(messages(alertsAnnotations, overrides).join('\n')).toMatch(message);
  });
  it('Having humanized values and returned labels should pass.', () => {
    expect(messages(alertsAnnotations, { description: '{{ $labels.job }}: {{ $value | humanizePercentage }}.' })).toEqual([]);
  });
});
