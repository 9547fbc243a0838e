import { describe, expect, it } from 'vitest';
import { rulesNaming } from '../../engine/checks/rules/naming';
import { rulesDuplicates } from '../../engine/checks/rules/duplicates';
import { recordingRule } from '../../engine/rules/recording-rule';
import { select } from '../../engine/promql';
import { findingsOf } from './run';
import { ready, requestsByRoute, tinyProject, tinyRules } from '../fixtures/tiny-project';

const withRule = (name: string) => tinyProject({ ruleGroups: [tinyRules([recordingRule(name, select(ready))])] });

describe('rules/duplicates', () => {
  it('Having the same recording rule twice should fail.', () => {
    const project = tinyProject({ ruleGroups: [tinyRules([requestsByRoute, requestsByRoute])] });
    expect(findingsOf(rulesDuplicates, project).map((f) => f.message)).toEqual(['is already recorded in rule group "tiny"']);
  });
  it('Having one name with different static labels should pass.', () => {
    const a = recordingRule('job:app_ready:max', select(ready), { variant: 'a' });
    const b = recordingRule('job:app_ready:max', select(ready), { variant: 'b' });
    expect(findingsOf(rulesDuplicates, tinyProject({ ruleGroups: [tinyRules([a, b])] }))).toEqual([]);
  });
});
