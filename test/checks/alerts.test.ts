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

describe('the valid tiny alert', () => {
  it('Having a conventional alert with both scenarios should pass every check.', () => {
    expect(runChecks(withAlerts(tinyAlert()))).toEqual([]);
  });
  it('names the alert file and definition in findings', () => {
    const [f] = findingsOf(alertsNaming, withAlerts(tinyAlert({ name: 'not_camel' })));
    expect(f).toMatchObject({ file: 'definitions/tiny.ts', definition: 'alert group "tiny-alerts" › alert "not_camel"' });
  });
});

describe('alerts/naming', () => {
  it.each(['not_camel', 'AppX-Y', 'OtherPrefix'])('Having an alert named %s should fail.', (name) => {
    expect(messages(alertsNaming, { name })).toHaveLength(1);
  });
  it('Having an exempt name should pass.', () => {
    expect(messages(alertsNaming, { name: 'Watchdog' })).toEqual([]);
  });
});

describe('alerts/labels', () => {
  it('Having an unknown severity should fail.', () => {
    expect(messages(alertsLabels, { severity: 'page' as never })).toEqual(['severity "page" is not one of critical, warning, info']);
  });
  it('Having an expression that drops the required service label should fail.', () => {
    expect(messages(alertsLabels, { expr: String(sum(select(ready))) })).toEqual([
      'has no "service" label: it is not set statically and the expression returns only no labels',
    ]);
  });
  it('Having the required label set statically should pass.', () => {
    expect(messages(alertsLabels, { expr: String(sum(select(ready))), labels: { service: 'app' } })).toEqual([]);
  });
});

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

describe('alerts/dashboard-link', () => {
  it('Having a link to a missing panel should fail.', () => {
    expect(messages(alertsDashboardLink, { dashboard: { dashboard: 'tiny', panel: 'Nope' } })[0]).toMatch(/links to panel "Nope"/);
  });
  it('Having a link to a missing dashboard should fail.', () => {
    expect(messages(alertsDashboardLink, { dashboard: { dashboard: 'nope', panel: 'Ready' } })).toEqual(['links to dashboard "nope", which does not exist']);
  });
});

describe('alerts/comparison', () => {
  it('Having no comparison should fail.', () => {
    expect(messages(alertsComparison, { expr: String(select(ready)) })).toEqual(['has no comparison, so it fires whenever its series exist']);
  });
  it('Having an absence test should pass.', () => {
    expect(messages(alertsComparison, { expr: 'absent(app_ready)' })).toEqual([]);
  });
  it('Having a declared always-firing alert without comparison should pass.', () => {
    expect(messages(alertsComparison, { expr: String(vector(1)), alwaysFiring: true })).toEqual([]);
  });
});

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

describe('alertmanager/alert-names', () => {
  it('Having an inhibition rule on an alert name nobody defines should fail.', async () => {
    const { alertmanagerAlertNames } = await import('../../engine/checks/alertmanager/alert-names');
    const base = withAlerts(tinyAlert());
    const project = {
      ...base,
      alertmanager: {
        ...base.alertmanager,
        inhibitRules: [
          {
            reason: 'test',
            source: [{ label: 'alertname', op: '=~' as const, value: 'AppNotReady|AppNotRedy' }],
            target: [{ label: 'severity', op: '=' as const, value: 'warning' }],
            equal: [],
          },
        ],
      },
    };
    expect(findingsOf(alertmanagerAlertNames, project).map((f) => `${f.definition}: ${f.message}`)).toEqual([
      'alertmanager inhibit rule 1 › source: matches alertname "AppNotRedy", which no alert defines',
    ]);
  });
});

describe('alerts/duplicates', () => {
  it('Having the same alert twice should fail.', async () => {
    const { alertsDuplicates } = await import('../../engine/checks/alerts/duplicates');
    expect(findingsOf(alertsDuplicates, withAlerts(tinyAlert(), tinyAlert())).map((f) => f.message)).toEqual([
      'duplicates the warning rule of AppNotReady in definitions/tiny.ts',
    ]);
  });
  it('Having one name as a warning and a critical tier should pass.', async () => {
    const { alertsDuplicates } = await import('../../engine/checks/alerts/duplicates');
    expect(findingsOf(alertsDuplicates, withAlerts(tinyAlert(), tinyAlert({ severity: 'critical' })))).toEqual([]);
  });
});
