/** CdbDbSlowQueries: read queries against PostgreSQL (state recovery, reports) are slow. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { buckets, gt, histogramQuantile, select } from '../../engine/promql';
import { dbQueryDuration } from '../../catalog/cdb';
import { queryDurationBuckets } from '../../recording-rules/database';
import { DASHBOARD_IDS } from '../../dashboards/common';
import type { ServiceName } from '../../config/services';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel } from '../../engine/model/alerts';

export function cdbDbSlowQueries(settings: Settings): AlertModel {
  const { p99Seconds, for: pending } = settings.thresholds.CdbDbSlowQueries;
  /**
   * The `_bucket` series (every `le`, `+Inf` included) of `query`'s duration histogram as scraped from `service`, when
   * each minute brings `count` queries taking `seconds`, for every `[seconds, count]` pair, during `minutes` minutes.
   */
  function queries(
    service: ServiceName,
    query: string,
    perMinute: ReadonlyArray<readonly [seconds: number, count: number]>,
    minutes = 40,
  ) {
    const bounds = [...dbQueryDuration.buckets!, Number.POSITIVE_INFINITY];
    return bounds.map((le) => {
      const increment = perMinute.filter(([seconds]) => seconds <= le).reduce((total, [, count]) => total + count, 0);
      const bound = le === Number.POSITIVE_INFINITY ? '+Inf' : String(le);
      return series(buckets(dbQueryDuration, { ...targetLabels(service), query, le: bound }), `0+${increment}x${minutes}`);
    });
  }

  const description = (query: string, p99: string) =>
    `99 % of the ${query} queries took up to ${p99} over the last 5 minutes.`;

  const cdbDbSlowQueries = alert({
    name: 'CdbDbSlowQueries',
    expr: gt(histogramQuantile(0.99, select(queryDurationBuckets)), p99Seconds),
    for: pending,
    severity: 'warning',
    // The recording rule keeps only `query` (and `le`); the queries run against PostgreSQL, from cdb_db_writer
    // (state recovery) and cdb_paper_runner (reports), so the alert is about cdb_postgres.
    labels: cdbLabels('database', 'cdb_postgres'),
    summary: 'Read queries against PostgreSQL are slow.',
    description: description('{{ $labels.query }}', '{{ $value | humanizeDuration }}'),
    dashboard: { dashboard: DASHBOARD_IDS.database, panel: 'Query latency p99 by query' },
    runbook: {
      meaning: `The 99th percentile of one read query against PostgreSQL is above ${p99Seconds} s (5-minute rates, cdb_db_writer and cdb_paper_runner together), for ${pending}. The alert names the query. Above 10 s, the largest bucket, the value is a floor.`,
      impact:
        'Slow reads make the hourly, daily and block reports late or time out (the block review lacks them), and make state recovery after a restart slow: a service that restarts during the block takes longer to trade again. Slow reads usually share a cause with slow writes, so the writer backlog may follow.',
      diagnose: [
        'Open the database dashboard, panel "Query latency p99 by query": one query slow points at that query (a missing index, a table that grew through the block); all queries slow points at PostgreSQL itself.',
        'Check PostgreSQL on the same dashboard: "Longest open transaction" (locks, vacuum held back), "Deadlocks in range", "Connections used of max", and "Database size" (tables grown far beyond the usual for this point of the block).',
        'Check the write side: "Write latency p99 by table" rising too means PostgreSQL is short of CPU, memory or disk I/O; look at the cdb_postgres container on the system dashboard.',
        'Run the slow query with `EXPLAIN (ANALYZE, BUFFERS)` in psql to see whether it scans a whole table; `pg_stat_activity` shows what it waits on.',
      ],
      mitigate: [
        'A blocking transaction: end it (`pg_terminate_backend`) after checking what it is.',
        'A query scanning a grown table: add the missing index or limit the report\'s time range; `VACUUM ANALYZE` the table if its statistics are stale.',
        'PostgreSQL short of resources: raise the cdb_postgres container\'s CPU or memory limits at the next block boundary.',
        'If a report timed out, regenerate it once the queries are fast again so the block review has it.',
      ],
    },
    source: import.meta.url,
    scenarios: [
      scenario('block reports taking 4 seconds fire', {
        input: queries('cdb_paper_runner', 'block_report', [[4, 2]]),
        at: '30m',
        fires: [{ labels: { query: 'block_report' }, description: description('block_report', '4.975s') }],
      }),
      scenario('4 % of queries taking 2 seconds fire', {
        input: queries('cdb_db_writer', 'recover_positions', [[0.05, 96], [2, 4]]),
        at: '30m',
        fires: [{ labels: { query: 'recover_positions' }, description: description('recover_positions', '2.125s') }],
      }),
      scenario('2 % of queries taking 2 seconds, a p99 of 1.75 seconds, stay quiet', {
        input: queries('cdb_db_writer', 'recover_positions', [[0.05, 98], [2, 2]]),
        at: '30m',
        fires: 'quiet',
      }),
      scenario('only the slow query fires, whichever service runs the others', {
        input: [
          ...queries('cdb_db_writer', 'recover_positions', [[0.02, 20]]),
          ...queries('cdb_paper_runner', 'hourly_report', [[0.3, 2]]),
          ...queries('cdb_paper_runner', 'block_report', [[4, 2]]),
        ],
        at: '30m',
        fires: [{ labels: { query: 'block_report' }, description: description('block_report', '4.975s') }],
      }),
      scenario('slow reports for 10 minutes stay quiet while the for runs', {
        input: queries('cdb_paper_runner', 'block_report', [[4, 2]], 10),
        at: '10m',
        fires: 'quiet',
      }),
    ],
  });
  return cdbDbSlowQueries;
}
