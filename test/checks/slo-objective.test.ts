import { describe, expect, it } from 'vitest';
import { sloObjective } from '../../engine/checks/slo/objective';
import { findingsOf } from './run';
import { tinyProject, tinySlo } from '../fixtures/tiny-project';

const withObjective = (objective: number, period = '30d') => tinyProject({ slos: [tinySlo({ objective, period, source: '/project/definitions/slo.ts' })] });

describe('slo/objective', () => {
  it('Having 99.9 % over 30 days (43 minutes of budget) should pass.', () => {
    expect(findingsOf(sloObjective, withObjective(99.9))).toEqual([]);
  });
  it('Having 99.99 % over 30 days (4.3 minutes of budget) should warn with the budget it leaves.', () => {
    const findings = findingsOf(sloObjective, withObjective(99.99));
    expect(findings.map((f) => [f.severity, f.message])).toEqual([['warning', 'objective 99.99 % leaves 4.3 minutes of full outage per 30d: a single restart or deploy can spend it']]);
  });
});
