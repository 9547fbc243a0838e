import { describe, expect, it } from 'vitest';
import { describePath } from '../../engine/model/location';
import { promqlRuleRateWindow } from '../../engine/checks/promql/rule-rate-window';
import type { RuleModel } from '../../engine/model/rules';
import type { ProjectDefinitions } from '../../engine/model/project';
import { findingsOf } from './run';
import { rangeQuery, tinyAlert, tinyDashboard, tinyPanel, tinyProject, tinyRules, withAlerts } from '../fixtures/tiny-project';

const withScrapeInterval = (project: ProjectDefinitions, scrapeInterval: string): ProjectDefinitions => ({
  ...project,
  prometheus: { ...project.prometheus, scrapeInterval },
});
const inRules = (...rules: RuleModel[]) => tinyProject({ ruleGroups: [tinyRules(rules)] });
const recorded = (expr: string): RuleModel => ({ kind: 'recording', record: 'job:app_requests:rate', expr });
const alertRule = (expr: string): RuleModel => ({ kind: 'alert', alert: 'AppBusy', expr, labels: {}, annotations: {} });
const inPanel = (expr: string) => tinyProject({ dashboards: [tinyDashboard([tinyPanel({ queries: [rangeQuery(expr)] })])] });

describe('promql/rule-rate-window', () => {
  it('Having rate() over one scrape interval in a recording rule should fail and say the minimum.', () => {
    const findings = findingsOf(promqlRuleRateWindow, inRules(recorded('sum(rate(app_requests_total[15s]))')));
    expect(findings.map((f) => [describePath(f.location), f.message, f.hint])).toEqual([
      [
        'rule group "tiny" › recording rule "job:app_requests:rate"',
        'rate(app_requests_total[15s]) spans fewer than two scrape intervals (scrape interval 15s): sum(rate(app_requests_total[15s]))',
        'Use a window of at least 30s; four scrape intervals (60s) also survive a missed scrape.',
      ],
    ]);
  });

  it.each([
    ['Having increase() over 20s in an alert should fail.', withAlerts(tinyAlert({ expr: 'increase(app_requests_total[20s]) > 0' }))],
    ['Having irate() over 29s in an alert rule of a rule group should fail.', inRules(alertRule('irate(app_requests_total[29s]) > 10'))],
    ['Having rate() over 1m with a 1m scrape interval should fail.', withScrapeInterval(inRules(recorded('rate(app_requests_total[1m])')), '1m')],
    ['Having rate() over 1m30s with a 1m scrape interval should fail.', withScrapeInterval(inRules(recorded('rate(app_requests_total[1m30s])')), '1m')],
  ])('%s', (_name, project) => {
    expect(findingsOf(promqlRuleRateWindow, project)).toHaveLength(1);
  });

  it.each([
    ['Having rate() over exactly two scrape intervals should pass.', inRules(recorded('rate(app_requests_total[30s])'))],
    ['Having rate() over 5m in a recording rule should pass.', inRules(recorded('sum by (route) (rate(app_requests_total[5m]))'))],
    ['Having increase() over 1h in an alert should pass.', withAlerts(tinyAlert({ expr: 'increase(app_requests_total[1h]) > 0' }))],
    ['Having rate() over 2m with a 1m scrape interval should pass.', withScrapeInterval(inRules(recorded('rate(app_requests_total[2m])')), '1m')],
    ['Having a short window in a function that is not a rate should pass.', inRules(alertRule('max_over_time(app_ready[10s]) == 0'))],
    ['Having a short rate window in a panel should pass, as panels are checked by dashboard/rate-interval.', inPanel('rate(app_requests_total[15s])')],
  ])('%s', (_name, project) => {
    expect(findingsOf(promqlRuleRateWindow, project)).toEqual([]);
  });
});
