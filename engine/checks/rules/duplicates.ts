import { finding, type Check, type Finding } from '../check';
import { locate } from '../../model/location';

/** One recording rule per output name and label set; two would produce colliding series. */
export const rulesDuplicates: Check = {
  id: 'rules/duplicates',
  severity: 'error',
  description: 'Recording rules that record the same name with the same static labels twice.',
  run(ctx) {
    const out: Finding[] = [];
    const seen = new Map<string, string>();
    for (const group of ctx.recordingGroups) {
      for (const rule of group.rules) {
        if (rule.kind !== 'recording') continue;
        const key = `${rule.record}${JSON.stringify(Object.entries(rule.labels ?? {}).sort())}`;
        const where = locate(ctx.fileOf(group.source), ['rule group', group.name], ['recording rule', rule.record]);
        const other = seen.get(key);
        if (other) out.push(finding(rulesDuplicates, where, `is already recorded in rule group "${other}"`, 'Remove one of them or tell them apart with a label.'));
        seen.set(key, group.name);
      }
    }
    return out;
  },
};
