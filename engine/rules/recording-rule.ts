/** Recording rule definitions whose outputs can be selected like catalog metrics, with their labels typed. */
import type { InstantVector } from '../promql/expr';
import type { Selectable } from '../promql/selector';
import type { RecordingRuleModel, RuleGroupModel } from '../model/rules';
import type { Duration } from '../promql/duration';

/** A recording rule; select its output with `select(rule, {...})`, which knows the labels the rule keeps. */
export interface RecordingRule<N extends string = string, L extends string = string>
  extends RecordingRuleModel,
    Selectable<N, L> {
  readonly record: N;
}

/**
 * Declares a recording rule. The name follows `level:metric:operations`: the labels kept, the metric, and the
 * operations applied (e.g. `strategy:cdb_signals_generated:rate5m`).
 */
export function recordingRule<const N extends string, L extends string>(
  record: N,
  expr: InstantVector<L>,
  labels?: Readonly<Record<string, string>>,
  silence?: RecordingRuleModel['silence'],
): RecordingRule<N, L> {
  return { kind: 'recording', record, name: record, expr: String(expr), ...(labels ? { labels } : {}), ...(silence ? { silence } : {}) };
}

/** Declares a rule group written to `file`.yml. */
export function ruleGroup(options: {
  readonly name: string;
  readonly file: string;
  readonly interval?: Duration;
  readonly rules: RuleGroupModel['rules'];
  /** `import.meta.url` of the definition file. */
  readonly source: string;
}): RuleGroupModel {
  return { ...options };
}
