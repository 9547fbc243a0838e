import { describe, expect, it } from 'vitest';
import { rulesNaming } from '../../engine/checks/rules/naming';
import { rulesDuplicates } from '../../engine/checks/rules/duplicates';
import { recordingRule } from '../../engine/rules/recording-rule';
import { select } from '../../engine/promql';
import { findingsOf } from './run';
import { ready, requestsByRoute, tinyProject, tinyRules } from '../fixtures/tiny-project';

const withRule = (name: string) => tinyProject({ ruleGroups: [tinyRules([recordingRule(name, select(ready))])] });

describe('rules/naming', () => {
  it.each(['app_ready_copy', 'job:app_ready', 'job:app-ready:max', 'job:app_ready:', 'a.b:c:d'])('Having a recording rule named %s should fail.', (name) => {
    expect(findingsOf(rulesNaming, withRule(name))).toHaveLength(1);
  });
  it.each(['job:app_ready:max', 'route_code:app_requests:rate5m', 'job:app_ready:p99_rate5m'])('Having a recording rule named %s should pass.', (name) => {
    expect(findingsOf(rulesNaming, withRule(name))).toEqual([]);
  });
  it('Having two groups with one name should fail.', () => {
    expect(findingsOf(rulesNaming, tinyProject({ ruleGroups: [tinyRules(), tinyRules([])] })).map((f) => f.message)).toEqual(['group name is used twice']);
  });
});
