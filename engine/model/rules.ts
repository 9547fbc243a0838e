/** Prometheus rules as plain typed data, in the order and shape of a Prometheus rule file. */

export interface RecordingRuleModel {
  readonly kind: 'recording';
  /** `level:metric:operations` */
  readonly record: string;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** Checks silenced for this rule. */
  readonly silence?: ReadonlyArray<{ readonly check: string; readonly reason: string }>;
}

export interface AlertRuleModel {
  readonly kind: 'alert';
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly keepFiringFor?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export type RuleModel = RecordingRuleModel | AlertRuleModel;

/** A rule group. Groups with the same `file` are written to one rule file. */
export interface RuleGroupModel {
  readonly name: string;
  /** Rule file (without extension) the group is written to, e.g. the layer id. */
  readonly file: string;
  /** Evaluation interval; the global one when absent. */
  readonly interval?: string;
  readonly rules: readonly RuleModel[];
  /** Definition file the group comes from, as `import.meta.url` or relative to the project root. */
  readonly source: string;
}
