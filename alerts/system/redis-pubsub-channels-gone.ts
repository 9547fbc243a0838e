/** CdbRedisPubSubChannelsGone: Redis is up but no pub/sub channel has a subscriber. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at } from '../../engine/rules/derive';
import { and, eq, select } from '../../engine/promql';
import { exporters } from '../../catalog';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, exporterTargetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';
import { outage } from './outage';

export function cdbRedisPubSubChannelsGone(settings: Settings): AlertModel {
  const { for: pending } = settings.thresholds.CdbRedisPubSubChannelsGone;
  const exporter = exporterTargetLabels('redis');
  const redisUp = (values: string) => series(select(exporters.redisUp, exporter), values);
  const channels = (values: string) => series(select(exporters.redisPubsubChannels, exporter), values);
  const description = (instance: string) =>
    `Redis behind ${instance} is up but has no active pub/sub channel: no service is subscribed to the bus.`;
  const firing = [{ labels: exporter, description: description(exporter.instance) }];
  const o = outage(pending);

  const cdbRedisPubSubChannelsGone = alert({
    name: 'CdbRedisPubSubChannelsGone',
    // Only while Redis is reachable: when it is not, redis_pubsub_channels says nothing and CdbRedisDown pages.
    expr: and(eq(select(exporters.redisPubsubChannels), 0), eq(select(exporters.redisUp), 1)),
    for: pending,
    severity: 'critical',
    labels: cdbLabels('system'),
    summary: 'Redis is up but no pub/sub channel is active.',
    description: description('{{ $labels.instance }}'),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'Redis pub/sub channels' },
    runbook: {
      meaning: `For ${pending}, \`redis_pubsub_channels\` has been 0 while \`redis_up\` is 1: Redis runs, but no client is subscribed to any channel. Every CdB consumer (cdb_core, cdb_risk, cdb_execution, cdb_db_writer) subscribes to its topics at start-up, so zero channels means they all lost their subscriptions, typically after a Redis restart they did not notice.`,
      impact:
        'Publishers keep publishing into the void: market data reaches no signal engine, signals no risk manager, orders no execution, fills no writer. Nothing errors, the flow silently stops, and a Zero-Activity Incident follows within 24 hours if nobody acts.',
      diagnose: [
        'Open the system dashboard, "Redis pub/sub channels" and "Messages consumed per topic": consumption at zero while publishing continues confirms the consumers are gone.',
        'List the channels and their subscribers: `docker exec cdb_redis redis-cli pubsub channels` and `redis-cli pubsub numsub <topic>`.',
        'Check whether Redis restarted recently: `redis_uptime_in_seconds` (or `redis_start_time_seconds`) against the time the channels dropped.',
        'Read the consumers\' logs for a lost connection without a resubscribe: `docker logs --since 1h cdb_core` (and cdb_risk, cdb_execution, cdb_db_writer).',
      ],
      mitigate: [
        'Restart the consumers so they subscribe again: `docker restart cdb_core cdb_risk cdb_execution cdb_db_writer`; the channel count returns at once.',
        'File a fix for the consumers\' reconnect logic: they must resubscribe after a Redis restart.',
        'Record the silent window in the block log.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario(`no channel from minute ${o.start} while Redis is up fires at minute ${o.fires}, after its ${pending} for`, {
        input: [redisUp(o.steady(1)), channels(o.values(6, 0))],
        at: at(o.fires),
        fires: firing,
        proves: ['firing-minute'],
      }),
      scenario(`the same loss stays quiet one minute earlier, at minute ${o.before}`, {
        input: [redisUp(o.steady(1)), channels(o.values(6, 0))],
        at: at(o.before),
        fires: 'quiet',
        proves: ['pending'],
      }),
      scenario('active channels stay quiet', { input: [redisUp(o.steady(1)), channels(o.steady(6))], at: at(o.fires), fires: 'quiet' }),
      scenario('no channel while Redis is down stays quiet (CdbRedisDown pages instead)', {
        input: [redisUp(o.values(1, 0)), channels(o.values(6, 0))],
        at: at(o.fires),
        fires: 'quiet',
      }),
    ],
  });
  return cdbRedisPubSubChannelsGone;
}
