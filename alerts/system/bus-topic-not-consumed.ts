/** CdbBusTopicNotConsumed: messages are published to a Redis topic that no service consumes any more. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at, firesAt, minutesOf } from '../../engine/rules/derive';
import { gt, select, unless } from '../../engine/promql';
import { busMessagesConsumed, busMessagesPublished } from '../../catalog/cdb';
import { busConsumed, busPublished } from '../../recording-rules/system';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';
import { counter, expectAlert, firstHolding, rate, ruleWindow, type Samples } from './simulate';

export function cdbBusTopicNotConsumed(settings: Settings): AlertModel {
  const { for: pending } = settings.thresholds.CdbBusTopicNotConsumed;
  const publish = (service: 'cdb_ws' | 'cdb_core', topic: string, values: Samples) =>
    series(select(busMessagesPublished, { ...targetLabels(service), topic }), values.notation);
  const consume = (service: 'cdb_core' | 'cdb_risk', topic: string, values: Samples) =>
    series(select(busMessagesConsumed, { ...targetLabels(service), topic }), values.notation);
  const description = (topic: string) => `Messages are published to topic ${topic} but nothing consumes them: that stage of the flow is cut.`;

  /** The windows of the two rate rules the alert compares. */
  const published = ruleWindow(busPublished);
  const consumed = ruleWindow(busConsumed);
  /** Whether the alert's condition holds for a topic at `minute`: published at a rate above 0, consumed at none. */
  const holds = (pub: Samples, con: Samples) => (minute: number) => (rate(pub, minute, published) ?? 0) > 0 && !((rate(con, minute, consumed) ?? 0) > 0);
  /** Signals flow at 10 a minute; cdb_risk consumes them through minute `lastConsumed`, then nothing. */
  const lastConsumed = 1;
  const flowing = (through: number) => counter(through, [[0, 10]]);
  const cut = (through: number) => counter(through, [[0, 10], [lastConsumed + 1, 0]]);
  const silent = (through: number) => counter(through, [[0, 0]]);
  /** When the consumed rate's window no longer holds any consumption: the condition holds from then on. */
  const horizon = lastConsumed + Math.ceil(minutesOf(consumed)) + 1;
  const cutFrom = firstHolding(holds(flowing(horizon), cut(horizon)), 0, horizon)!;
  const fires = firesAt(cutFrom, pending);
  expectAlert('a topic no longer consumed', holds(flowing(fires), cut(fires)), pending, fires, 'fires');
  /** cdb_risk's consumed counter reported through minute `lastConsumed` and then no more: its rate is gone when a flat one is 0. */
  const lost = counter(lastConsumed, [[0, 10]]);
  const lostFrom = firstHolding(holds(flowing(horizon), lost), 0, horizon)!;
  const lostFires = firesAt(lostFrom, pending);
  expectAlert('a consumed counter lost', holds(flowing(lostFires), lost), pending, lostFires, 'fires');

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
      scenario(`signals consumed until minute ${lastConsumed}, and published on, fire at minute ${fires}: the ${consumed} consumed rate is 0 from minute ${cutFrom}, then its ${pending} for`, {
        input: [
          publish('cdb_core', 'signals', flowing(fires)),
          consume('cdb_risk', 'signals', cut(fires)),
          publish('cdb_ws', 'market_data', flowing(fires)),
          consume('cdb_core', 'market_data', flowing(fires)),
        ],
        at: at(fires),
        fires: [{ labels: { topic: 'signals' }, description: description('signals') }],
        proves: ['firing-minute'],
      }),
      scenario(`the same cut stays quiet one minute earlier, at minute ${fires - 1}`, {
        input: [publish('cdb_core', 'signals', flowing(fires)), consume('cdb_risk', 'signals', cut(fires))],
        at: at(fires - 1),
        fires: 'quiet',
        proves: ['pending'],
      }),
      scenario(`signals published on while cdb_risk reports its consumed counter only until minute ${lastConsumed} fire at minute ${lostFires}: no consumed rate from minute ${lostFrom}, then its ${pending} for`, {
        input: [publish('cdb_core', 'signals', flowing(lostFires)), consume('cdb_risk', 'signals', lost)],
        at: at(lostFires),
        fires: [{ labels: { topic: 'signals' }, description: description('signals') }],
        proves: ['evidence-loss'],
      }),
      scenario('every published topic consumed stays quiet', {
        input: [publish('cdb_core', 'signals', flowing(fires)), consume('cdb_risk', 'signals', flowing(fires))],
        at: at(fires),
        fires: 'quiet',
      }),
      scenario('a quiet topic (nothing published) stays quiet', {
        input: [publish('cdb_core', 'signals', silent(fires)), consume('cdb_risk', 'signals', silent(fires))],
        at: at(fires),
        fires: 'quiet',
      }),
    ],
  });
  return cdbBusTopicNotConsumed;
}
