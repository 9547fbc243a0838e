/**
 * The generated alertmanager.yml with every notifying receiver redirected to a local webhook sink at
 * `<sinkUrl>/<receiver name>`, so a run can see which receiver each alert reaches. The routing tree (matchers,
 * grouping, continue), the inhibitions and the receivers that never notify are kept as generated; the route timers
 * are divided by `timeScale` (at least one second each) so that grouping delays take seconds, not minutes.
 */
import { parse, stringify } from 'yaml';
import { durationSeconds } from '../promql/duration';

/** Whether Alertmanager sends resolved notifications for a receiver type when the config does not say. */
const SENDS_RESOLVED_BY_DEFAULT: Readonly<Record<string, boolean>> = {
  webhook_configs: true,
  pagerduty_configs: true,
  opsgenie_configs: true,
  victorops_configs: true,
  slack_configs: false,
  email_configs: false,
  telegram_configs: true,
  msteams_configs: true,
};

type Yaml = Record<string, unknown>;
const TIMERS = ['group_wait', 'group_interval', 'repeat_interval'] as const;

export function redirectReceivers(text: string, sinkUrl: string, timeScale: number): string {
  const config = parse(text) as Yaml;
  config.receivers = ((config.receivers ?? []) as Yaml[]).map((receiver) => {
    const configKeys = Object.keys(receiver).filter((key) => key.endsWith('_configs'));
    if (configKeys.length === 0) return { name: receiver.name };
    const sendResolved = configKeys.some((key) =>
      ((receiver[key] as Yaml[]) ?? []).some((c) => (c.send_resolved as boolean | undefined) ?? SENDS_RESOLVED_BY_DEFAULT[key] ?? true),
    );
    return { name: receiver.name, webhook_configs: [{ url: `${sinkUrl}/${String(receiver.name)}`, send_resolved: sendResolved }] };
  });
  const scale = (route: Yaml) => {
    for (const timer of TIMERS) {
      if (typeof route[timer] === 'string') route[timer] = `${Math.max(1, Math.round(durationSeconds(route[timer] as string) / timeScale))}s`;
    }
    for (const child of (route.routes ?? []) as Yaml[]) scale(child);
  };
  const root = config.route as Yaml;
  // The root's unset timers are Alertmanager's defaults; set them so that scaling applies to them too.
  root.group_wait ??= '30s';
  root.group_interval ??= '5m';
  root.repeat_interval ??= '4h';
  scale(root);
  return stringify(config);
}
