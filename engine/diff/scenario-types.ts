/**
 * What the semantic diff reports about promtool scenarios (`prometheus/tests/*.test.yml`): the scenarios added,
 * removed or changed, grouped by the alert they prove, next to what happened to that alert's rule. Scenarios are
 * compared as text, not run: whether they pass is promtool's call, in the build.
 */
import type { FieldChange } from './field-change';

/** A scenario: a test named `<alert>: <scenario>`. */
export interface ScenarioSummary {
  /** The test's full name. */
  readonly name: string;
  /** The name without its alert. */
  readonly scenario: string;
  readonly file: string;
}

/**
 * A scenario present on both sides whose test differs. Scenarios derived from settings carry their numbers in
 * their names ("a feed always 121 s behind ..."), so a scenario whose name differs from a removed one only in its
 * numbers is the same scenario renamed: `name` is among its parts and `before` holds its old name.
 */
export interface ScenarioChange extends ScenarioSummary {
  /** The keys of the test that differ (`name`, `input_series`, `alert_rule_test`, `promql_expr_test`, `interval`, ...). */
  readonly parts: readonly string[];
  /** The scenario's name before, when its numbers changed. */
  readonly before?: string;
}

/** What the alert diff says of an alert's rule, as promtool sees it (a change of receiver only is not one). */
export type AlertRuleChange = 'added' | 'removed' | 'renamed' | 'changed';

/** The scenarios of one alert that changed, or an alert whose rule changed, with its scenarios. */
export interface AlertScenarios {
  readonly alert: string;
  /**
   * The rule file of the alert, when its name is used in several (the SLO burn-rate alerts): its scenarios are then
   * those of the test files that load this rule file. Null when the name alone tells the alert.
   */
  readonly ruleFile: string | null;
  /** What happened to the alert's rule; null when only its scenarios changed. */
  readonly rule: AlertRuleChange | null;
  /** The alert's threshold before and after, when the change moved it. */
  readonly threshold: FieldChange | null;
  readonly added: readonly ScenarioSummary[];
  readonly removed: readonly ScenarioSummary[];
  readonly changed: readonly ScenarioChange[];
  /** Scenarios of the alert left as they were. */
  readonly unchanged: number;
  /**
   * Scenarios that will fail for sure: they expect this alert to fire, and no rule of that name is left. The only
   * failures the diff can tell without running promtool.
   */
  readonly failing: readonly ScenarioSummary[];
}

/** A scenario file whose settings besides `tests` changed. */
export interface ScenarioFileChange {
  readonly file: string;
  readonly changes: readonly FieldChange[];
}

/** Promtool scenarios, by name, grouped by alert; scenario files by path. */
export interface ScenariosDiff {
  /**
   * Every alert with a scenario added, removed or changed, and every alert whose rule changed (so that a rule
   * change no scenario followed shows), by alert name.
   */
  readonly alerts: readonly AlertScenarios[];
  readonly filesAdded: readonly string[];
  readonly filesRemoved: readonly string[];
  readonly filesChanged: readonly ScenarioFileChange[];
}
