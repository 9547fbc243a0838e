/**
 * CdbBusPublishCounterMissing: a Redis topic is consumed while no service reports publishing to it. Something
 * publishes (the consumers count what they receive), so the publishers' counter is what is missing, and
 * CdbBusTopicNotConsumed, which starts from what is published, cannot see the topic.
 */
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

export function cdbBusPublishCounterMissing(settings: Settings): AlertModel {
  const { for: pending } = settings.thresholds.CdbBusPublishCounterMissing;
  const publish = (values: Samples) => series(select(busMessagesPublished, { ...targetLabels('cdb_core'), topic: 'signals' }), values.notation);
  const consume = (values: Samples) => series(select(busMessagesConsumed, { ...targetLabels('cdb_risk'), topic: 'signals' }), values.notation);
  const description = (topic: string) =>
    `Topic ${topic} is consumed, but no service reports publishing to it: the publish counter is lost, and a consumer that stops would not be told.`;

  const published = ruleWindow(busPublished);
  const consumed = ruleWindow(busConsumed);
  /** Whether the condition holds at `minute`: consumed at a rate above 0, with no published rate at all. */
  const holds = (pub: Samples, con: Samples) => (minute: number) => (rate(con, minute, consumed) ?? 0) > 0 && rate(pub, minute, published) === undefined;
  /** Signals flow at 10 a minute; cdb_core's publish counter is reported through minute `lastReported`, then no more. */
  const lastReported = 1;
  const flowing = (through: number) => counter(through, [[0, 10]]);
  const lost = counter(lastReported, [[0, 10]]);
  /** When the published rate's window no longer holds two samples: the condition holds from then on. */
  const horizon = lastReported + Math.ceil(minutesOf(published)) + 1;
  const missingFrom = firstHolding(holds(lost, flowing(horizon)), 0, horizon)!;
  const fires = firesAt(missingFrom, pending);
  expectAlert('a publish counter lost', holds(lost, flowing(fires)), pending, fires, 'fires');
  expectAlert('a publish counter lost, one minute earlier', holds(lost, flowing(fires)), pending, fires - 1, 'quiet');

  const cdbBusPublishCounterMissing = alert({
    name: 'CdbBusPublishCounterMissing',
    expr: unless(gt(select(busConsumed), 0), select(busPublished), { on: ['topic'] }),
    for: pending,
    severity: 'critical',
    labels: cdbLabels('system', 'cdb_redis'),
    summary: 'A message-bus topic is consumed but its publish counter is missing.',
    description: description('{{ $labels.topic }}'),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'Messages published per topic' },
    runbook: {
      meaning: `For ${pending}, a topic has been consumed (\`topic:cdb_bus_messages_consumed:rate5m\` above 0) while no series of \`cdb_bus_messages_published_total\` exists for it: the publishing service no longer exposes its counter (a changed name or label, an instrumentation that broke, a metrics endpoint serving another registry). CdbBusTopicNotConsumed starts from the published rate, so a consumer that stops on this topic would not be told.`,
      impact: 'The bus is watched on this topic only from the consumer side: a stalled consumer, and with it a stage of the flow, goes unnoticed until the Zero-Activity alerts fire a day later.',
      diagnose: [
        'System dashboard, "Messages published per topic" against "Messages consumed per topic": the topic that is consumed but not published.',
        'Fetch the publisher\'s metrics: `docker exec cdb_prometheus wget -qO- http://<service>/metrics | grep cdb_bus_messages_published_total`.',
        'A recent deploy of the publisher is the usual cause; `npm run conformance` against it names a metric that left the catalog.',
      ],
      mitigate: ['Restore the counter in the publisher (roll back, or fix its instrumentation to the catalog) and watch the topic reappear on the dashboard.'],
    },
    source: import.meta.url,
    scenarios: [
      scenario(`signals consumed on while cdb_core reports its publish counter only until minute ${lastReported} fire at minute ${fires}: the ${published} published rate is gone from minute ${missingFrom}, then its ${pending} for`, {
        input: [publish(lost), consume(flowing(fires))],
        at: at(fires),
        fires: [{ labels: { topic: 'signals' }, description: description('signals') }],
        proves: ['firing-minute', 'evidence-loss'],
        guards: ['CdbBusTopicNotConsumed'],
      }),
      scenario(`the same loss stays quiet one minute earlier, at minute ${fires - 1}`, {
        input: [publish(lost), consume(flowing(fires))],
        at: at(fires - 1),
        fires: 'quiet',
        proves: ['pending'],
      }),
      scenario('a topic published and consumed stays quiet', { input: [publish(flowing(fires)), consume(flowing(fires))], at: at(fires), fires: 'quiet' }),
      scenario('a topic neither published nor consumed any more stays quiet', {
        input: [publish(lost), consume(counter(lastReported, [[0, 10]]))],
        at: at(fires),
        fires: 'quiet',
      }),
    ],
  });
  return cdbBusPublishCounterMissing;
}
