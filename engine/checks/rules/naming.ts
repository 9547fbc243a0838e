import { finding, type Check, type Finding } from '../check';
import { locate } from '../../model/location';

const LEGACY_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
/** `level:metric:operations`: three non-empty parts. */
const RECORDING_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_]+$/;

/** Rule names Prometheus 2.42 accepts and that follow the `level:metric:operations` practice. */
export const rulesNaming: Check = {
  id: 'rules/naming',
  severity: 'error',
  description: 'Recording rules not named level:metric:operations, or rule and group names Prometheus rejects.',
  run(ctx) {
    const out: Finding[] = [];
    const groups = new Set<string>();
    for (const group of ctx.recordingGroups) {
      const file = ctx.fileOf(group.source);
      if (groups.has(group.name)) out.push(finding(rulesNaming, locate(file, ['rule group', group.name]), 'group name is used twice', 'Rule group names must be unique.'));
      groups.add(group.name);
      for (const rule of group.rules) {
        if (rule.kind !== 'recording') continue;
        const where = locate(file, ['rule group', group.name], ['recording rule', rule.record]);
        if (!LEGACY_NAME.test(rule.record)) out.push(finding(rulesNaming, where, 'name is not a valid metric name for Prometheus 2.42', 'Use only [a-zA-Z0-9_:].'));
        else if (!RECORDING_NAME.test(rule.record)) out.push(finding(rulesNaming, where, 'name does not follow level:metric:operations', 'Name it after the labels kept, the metric and the operations, e.g. strategy:cdb_signals_generated:rate5m.'));
      }
    }
    return out;
  },
};
