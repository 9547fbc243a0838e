/** alertmanager.yml from the Alertmanager model. */
import { Document, isMap, isSeq, type YAMLMap } from 'yaml';
import { renderMatcher, type AlertmanagerModel, type RouteModel, type ReceiverModel } from '../model/alertmanager';
import { yamlHeader } from './generated-header';

function route(r: RouteModel): Record<string, unknown> {
  return {
    receiver: r.receiver,
    ...(r.matchers ? { matchers: r.matchers.map(renderMatcher) } : {}),
    ...(r.groupBy ? { group_by: [...r.groupBy] } : {}),
    ...(r.groupWait ? { group_wait: r.groupWait } : {}),
    ...(r.groupInterval ? { group_interval: r.groupInterval } : {}),
    ...(r.repeatInterval ? { repeat_interval: r.repeatInterval } : {}),
    ...(r.continue ? { continue: true } : {}),
    ...(r.routes ? { routes: r.routes.map(route) } : {}),
  };
}

function receiver(r: ReceiverModel): Record<string, unknown> {
  return {
    name: r.name,
    ...(r.webhooks
      ? {
          webhook_configs: r.webhooks.map((w) => ({
            url: w.url,
            send_resolved: w.sendResolved,
            ...(w.credentialsFile ? { http_config: { authorization: { type: 'Bearer', credentials_file: w.credentialsFile } } } : {}),
          })),
        }
      : {}),
    ...(r.slack
      ? { slack_configs: r.slack.map((s) => ({ api_url_file: s.apiUrlFile, channel: s.channel, send_resolved: s.sendResolved })) }
      : {}),
  };
}

/** alertmanager.yml text; receivers and inhibit rules carry their purpose as a comment. */
export function emitAlertmanagerConfig(model: AlertmanagerModel, sources: readonly string[]): string {
  const doc = new Document({
    global: { resolve_timeout: model.resolveTimeout },
    route: route(model.route),
    receivers: model.receivers.map(receiver),
    inhibit_rules: model.inhibitRules.map((i) => ({
      source_matchers: i.source.map(renderMatcher),
      target_matchers: i.target.map(renderMatcher),
      equal: [...i.equal],
    })),
  });
  const comment = (key: string, texts: readonly string[]) => {
    const seq = doc.get(key, true);
    if (!isSeq(seq)) return;
    seq.items.forEach((item, i) => {
      if (isMap(item)) (item as YAMLMap).commentBefore = ` ${texts[i]}`;
    });
  };
  comment('receivers', model.receivers.map((r) => r.purpose));
  comment('inhibit_rules', model.inhibitRules.map((r) => r.reason));
  return yamlHeader(sources) + doc.toString({ lineWidth: 0, indent: 2 });
}
