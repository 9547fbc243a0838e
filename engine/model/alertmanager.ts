/**
 * Alertmanager configuration as plain data. Receivers can only take secrets from files: there is no field for a
 * literal secret, so none can reach generated/.
 */

/** A label matcher as Alertmanager writes it: `severity="critical"`, `service=~"cdb_.+"`. */
export interface MatcherModel {
  readonly label: string;
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
}

export interface RouteModel {
  readonly receiver: string;
  readonly matchers?: readonly MatcherModel[];
  readonly groupBy?: readonly string[];
  readonly groupWait?: string;
  readonly groupInterval?: string;
  readonly repeatInterval?: string;
  /** Keep matching sibling routes after this one matched. */
  readonly continue?: boolean;
  readonly routes?: readonly RouteModel[];
}

/** A webhook; the bearer token, when any, is read from a file at send time. */
export interface WebhookReceiverModel {
  readonly url: string;
  readonly credentialsFile?: string;
  readonly sendResolved: boolean;
}

/** A Slack (or Mattermost) channel; the webhook URL is the secret and is read from a file. */
export interface SlackReceiverModel {
  readonly apiUrlFile: string;
  readonly channel: string;
  readonly sendResolved: boolean;
}

export interface ReceiverModel {
  readonly name: string;
  /** What the receiver is for, written as a comment above it. */
  readonly purpose: string;
  readonly webhooks?: readonly WebhookReceiverModel[];
  readonly slack?: readonly SlackReceiverModel[];
}

/** While an alert matching `source` fires, alerts matching `target` with the same `equal` labels are muted. */
export interface InhibitRuleModel {
  /** Why, written as a comment above the rule. */
  readonly reason: string;
  readonly source: readonly MatcherModel[];
  readonly target: readonly MatcherModel[];
  readonly equal: readonly string[];
}

export interface AlertmanagerModel {
  readonly resolveTimeout: string;
  readonly route: RouteModel;
  readonly receivers: readonly ReceiverModel[];
  readonly inhibitRules: readonly InhibitRuleModel[];
  /** Definition file, as `import.meta.url` or a path. */
  readonly source: string;
}

/** `label="value"` (or another operator). */
export function matcher(label: string, value: string, op: MatcherModel['op'] = '='): MatcherModel {
  return { label, op, value };
}

/** Alertmanager's text form of a matcher. */
export function renderMatcher(m: MatcherModel): string {
  return `${m.label}${m.op}${JSON.stringify(m.value)}`;
}
