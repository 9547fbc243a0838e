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

describe('alerts/labels with closed label values', () => {
  const project = (layer: string) => {
    const p = withAlerts(tinyAlert({ labels: { service: 'app', layer } }));
    return { ...p, alertConventions: { ...p.alertConventions, labelValues: { layer: ['system', 'risk'] } } };
  };
  it('Having a layer the project has should pass.', () => {
    expect(findingsOf(alertsLabels, project('risk'))).toEqual([]);
  });
  it('Having a made-up layer should fail, naming the values routing knows.', () => {
    expect(findingsOf(alertsLabels, project('riks')).map((f) => [f.message, f.hint])).toEqual([
      ['label layer="riks" is not one of the project\'s values', 'Use one of: system, risk; routing and the dashboards know only these.'],
    ]);
  });
});
