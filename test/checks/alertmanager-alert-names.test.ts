import { describe, expect, it } from 'vitest';
import { describePath } from '../../engine/model/location';
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
    expect(findingsOf(alertmanagerAlertNames, project).map((f) => `${describePath(f.location)}: ${f.message}`)).toEqual([
      'alertmanager › inhibit rule 1 › source: matches alertname "AppNotRedy", which no alert defines',
    ]);
  });
});
