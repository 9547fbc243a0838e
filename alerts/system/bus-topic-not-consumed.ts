/** CdbBusTopicNotConsumed: messages are published to a Redis topic that no service consumes any more. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { gt, select, unless } from '../../engine/promql';
import { busMessagesConsumed, busMessagesPublished } from '../../catalog/cdb';
import { busConsumed, busPublished } from '../../recording-rules/system';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbBusTopicNotConsumed(settings: Settings): AlertModel {
  const { for: pending } = settings.thresholds.CdbBusTopicNotConsumed;
  const publish = (service: 'cdb_ws' | 'cdb_core', topic: string, values: string) =>
    series(select(busMessagesPublished, { ...targetLabels(service), topic }), values);
  const consume = (service: 'cdb_core' | 'cdb_risk', topic: string, values: string) =>
    series(select(busMessagesConsumed, { ...targetLabels(service), topic }), values);
  const description = (topic: string) => `Messages are published to topic ${topic} but nothing consumes them: that stage of the flow is cut.`;

  const cdbBusTopicNotConsumed = alert({
    name: 'CdbBusTopicNotConsumed',
    expr: unless(gt(select(busPublished), 0), gt(select(busConsumed), 0), { on: ['topic'] }),
    for: pending,
    severity: 'critical',
    labels: cdbLabels('system', 'cdb_redis'),
    summary: 'A message-bus topic is published but no longer consumed.',
    description: description('{{ $labels.topic }}'),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'Messages consumed per topic' },
    runbook: {
      meaning: `For ${pending}, a topic has had messages published and none consumed: its consumer lost its Redis subscription or stopped reading, while Redis itself and the other topics may be fine (a partial loss CdbRedisPubSubChannelsGone cannot see).`,
      impact: 'The stage after the topic receives nothing: market data without signals, signals without risk decisions, orders without fills or fills without records. A Zero-Activity Incident follows if it lasts.',
      diagnose: [
        'System dashboard, "Messages published per topic" against "Messages consumed per topic": the topic at zero consumption is the cut.',
        '`docker exec cdb_redis redis-cli pubsub numsub <topic>` shows whether anyone is subscribed.',
        "Read the consuming service's logs for a lost Redis connection without a resubscribe.",
      ],
      mitigate: ['Restart the consuming service so it subscribes again; file a fix for its reconnect logic.'],
    },
    source: import.meta.url,
    scenarios: [
      scenario('signals published with nobody consuming them fire', {
        input: [publish('cdb_core', 'signals', '0+10x30'), consume('cdb_risk', 'signals', '0+10x10 100x20'), publish('cdb_ws', 'market_data', '0+60x30'), consume('cdb_core', 'market_data', '0+60x30')],
        at: '25m',
        fires: [{ labels: { topic: 'signals' }, description: description('signals') }],
      }),
      scenario('every published topic consumed stays quiet', {
        input: [publish('cdb_core', 'signals', '0+10x30'), consume('cdb_risk', 'signals', '0+10x30')],
        at: '25m',
        fires: 'quiet',
      }),
      scenario('a quiet topic (nothing published) stays quiet', {
        input: [publish('cdb_core', 'signals', '0x30'), consume('cdb_risk', 'signals', '0x30')],
        at: '25m',
        fires: 'quiet',
      }),
    ],
  });
  return cdbBusTopicNotConsumed;
}
