/** CdbRedisDown: redis_exporter cannot reach Redis, the message bus between every layer. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at } from '../../engine/rules/derive';
import { eq, select } from '../../engine/promql';
import { exporters } from '../../catalog';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, exporterTargetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';
import { outage } from './outage';

export function cdbRedisDown(settings: Settings): AlertModel {
  const { for: pending } = settings.thresholds.CdbRedisDown;
  const exporter = exporterTargetLabels('redis');
  const redisUp = (values: string) => series(select(exporters.redisUp, exporter), values);
  const description = (instance: string) =>
    `${instance} cannot reach Redis: the message bus is down and no event moves between the layers.`;
  const firing = [{ labels: exporter, description: description(exporter.instance) }];
  const o = outage(pending);

  const cdbRedisDown = alert({
    name: 'CdbRedisDown',
    expr: eq(select(exporters.redisUp), 0),
    for: pending,
    severity: 'critical',
    labels: cdbLabels('system'),
    summary: 'Redis, the CdB message bus, is unreachable.',
    description: description('{{ $labels.instance }}'),
    dashboard: { dashboard: DASHBOARD_IDS.system, panel: 'Redis' },
    runbook: {
      meaning: `redis_exporter is scraped fine but has reported \`redis_up\` 0 for ${pending}: it cannot connect to or authenticate with cdb_redis. (If the exporter itself is down, CdbTargetDown fires for redis_exporter instead; if it is up but reports no \`redis_up\` at all, CdbExporterMetricsMissing.)`,
      impact:
        'Redis pub/sub carries every event: market data to cdb_core, signals to cdb_risk, decisions to cdb_execution, fills to cdb_db_writer. With Redis down the whole flow stops, messages published meanwhile are lost (pub/sub does not keep them), and a Zero-Activity Incident follows if it lasts. Its internal alerts (CdbRedisPubSubChannelsGone) are muted while this fires.',
      diagnose: [
        'Open the system dashboard, "Redis": compare with "Health endpoint by service" — the services report themselves unhealthy when they lose the bus.',
        '`docker ps -a --filter name=cdb_redis` and `docker logs --tail 200 cdb_redis`: an exit, an OOM kill (`maxmemory` reached without an eviction policy), or a failed RDB/AOF load at start-up.',
        '`docker exec cdb_redis redis-cli ping` (add `-a` with the password if one is set): PONG means Redis is fine and the exporter\'s address or credentials are wrong; check `docker logs cdb_redis_exporter`.',
      ],
      mitigate: [
        'Restart Redis: `docker restart cdb_redis`. Then check that the services resubscribed: CdbRedisPubSubChannelsGone fires if they did not.',
        'If Redis was OOM-killed, raise its memory limit or set `maxmemory` with a policy, and look for a consumer that stopped reading (see "Redis memory used").',
        'Record the bus outage in the block log: events published while it was down are gone.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario(`Redis unreachable from minute ${o.start} fires at minute ${o.fires}, after its ${pending} for`, {
        input: [redisUp(o.values(1, 0))],
        at: at(o.fires),
        fires: firing,
        proves: ['firing-minute'],
      }),
      scenario(`the same outage stays quiet one minute earlier, at minute ${o.before}`, { input: [redisUp(o.values(1, 0))], at: at(o.before), fires: 'quiet', proves: ['pending'] }),
      scenario('a reachable Redis stays quiet', { input: [redisUp(o.steady(1))], at: at(o.fires), fires: 'quiet' }),
    ],
  });
  return cdbRedisDown;
}
