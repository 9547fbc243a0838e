/** CdbDbSlowQueries: read queries against PostgreSQL (state recovery, reports) are slow. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { buckets, gt, histogramQuantile, select } from '../../engine/promql';
import { dbQueryDuration } from '../../catalog/cdb';
import { queryDurationBuckets } from '../../recording-rules/database';
import { DASHBOARD_IDS } from '../../dashboards/common';
import type { ServiceName } from '../../config/services';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel, AlertScenarioModel, ScenarioClass } from '../../engine/model/alerts';
import { at } from '../../engine/rules/derive';
import { humanizeDuration } from '../../engine/rules/humanize';
import { durationSeconds } from '../../engine/promql/duration';
import { firingMinutes, firstFiring, histogramQuantileOf, linear, percent, plain, promtoolValues, rateAt } from './scenario-model';

export function cdbDbSlowQueries(settings: Settings): AlertModel {
  const { p99Seconds, for: pending } = settings.thresholds.CdbDbSlowQueries;
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
    scenarios: slowQueriesScenarios(settings, description),
  });
  return cdbDbSlowQueries;
}

/** Queries a minute by how long each took: `[seconds, count]` pairs. */
type Mix = ReadonlyArray<readonly [seconds: number, count: number]>;

/** One query's traffic in a scenario: which service runs it and how long its queries take. */
interface Query {
  readonly service: ServiceName;
  readonly query: string;
  readonly mix: Mix;
}

const BOUNDS = dbQueryDuration.buckets!;
const LARGEST = BOUNDS[BOUNDS.length - 1]!;

/**
 * Queries a minute whose p99 is close to `target` seconds: some at the bucket bound just under it and the rest at the
 * bound just over it, or, for a p99 in the top percent of a bucket (or in the first bucket), some beyond the bucket.
 * `direction` says which way to round the counts: up gives a p99 at or over the target, down one at or under it.
 * undefined when the target is beyond the largest bucket.
 */
function mixWithP99(target: number, direction: 'up' | 'down'): Mix | undefined {
  const j = BOUNDS.findIndex((b) => b >= target);
  if (j < 0) return undefined;
  const lo = j > 0 ? BOUNDS[j - 1]! : 0;
  const hi = BOUNDS[j]!;
  const y = (target - lo) / (hi - lo); // where in its bucket histogram_quantile interpolates the target
  const round = direction === 'up' ? Math.floor : Math.ceil;
  if (j > 0 && y <= 0.99) {
    // k queries at hi and f at lo: rank 0.99·(f + k) lies y·k into the bucket when f = (99 − 100·y)·k.
    const k = 100;
    const f = round((99 - 100 * y) * k);
    return f > 0 ? [[lo, f], [hi, k]] : [[hi, k]];
  }
  // k queries at hi and s beyond it: rank 0.99·(k + s) lies y·k into the bucket when s = (100·y − 99)·k / 99.
  const k = 10_000;
  const s = Math.max(0, (direction === 'up' ? Math.ceil : Math.floor)(((100 * y - 99) * k) / 99));
  return s > 0 ? [[hi, k], [BOUNDS[j + 1] ?? 2 * LARGEST, s]] : [[hi, k]];
}

/** A mix for a scenario name: "3.1 % taking 2.5 s, 96.9 % taking 1 s". */
function describeMix(mix: Mix): string {
  const total = mix.reduce((a, [, c]) => a + c, 0);
  return [...mix]
    .sort((a, b) => b[0] - a[0])
    .map(([seconds, count]) => (count === total ? `all taking ${plain(seconds)} s` : `${percent(count / total)} taking ${plain(seconds)} s`))
    .join(', ');
}

/**
 * The scenarios of CdbDbSlowQueries, every number derived from the settings: a p99 just over and just under
 * `p99Seconds` (wherever the threshold lies between the histogram's bucket bounds), the minute it fires once `for` has
 * passed, and the p99 the description renders, computed by the model of promtool's evaluation (rates of the bucket
 * counters, `histogram_quantile`'s interpolation), which checks every scenario's expectation before it is written.
 */
function slowQueriesScenarios(settings: Settings, description: (query: string, p99: string) => string): AlertScenarioModel[] {
  const { p99Seconds, for: pending } = settings.thresholds.CdbDbSlowQueries;
  if (!(p99Seconds < LARGEST)) {
    throw new Error(
      `CdbDbSlowQueries: p99Seconds ${p99Seconds} is not below ${LARGEST} s, the largest finite bucket bound of ${dbQueryDuration.name}: histogram_quantile never returns more than that bound, so the alert could never fire`,
    );
  }
  const horizon = Math.ceil(durationSeconds(pending) / 60) + 10;
  /** The bucket counters of `mix`, every `le` and +Inf, for `minutes` minutes. */
  const counters = (mix: Mix, minutes: number) =>
    [...BOUNDS, Number.POSITIVE_INFINITY].map((le) => ({ le, samples: linear(0, mix.filter(([seconds]) => seconds <= le).reduce((a, [, c]) => a + c, 0), minutes) }));
  /** The p99 the alert computes for `mix` at `minute`; undefined before the first rate. */
  function p99(mix: Mix, minute: number): number | undefined {
    const buckets = counters(mix, minute).map(({ le, samples }) => ({ le, count: rateAt(samples, minute, '5m') }));
    if (buckets.some((b) => b.count === undefined)) return undefined;
    return histogramQuantileOf(0.99, buckets as Array<{ le: number; count: number }>);
  }
  const holds = (mix: Mix) => (minute: number) => (p99(mix, minute) ?? Number.NaN) > p99Seconds;
  const firesFor = (mix: Mix) => firstFiring(holds(mix), pending, horizon);

  /** A scenario at `minute` in which the queries named in `firing` fire; the model must agree. */
  function prove(name: string, queries: readonly Query[], minute: number, firing: readonly string[], proves?: readonly ScenarioClass[]): AlertScenarioModel {
    const modelled = queries.filter((q) => firingMinutes(holds(q.mix), pending, minute)[minute]).map((q) => q.query);
    if (modelled.join() !== firing.join()) {
      throw new Error(`CdbDbSlowQueries, scenario "${name}": the model of promtool has [${modelled.join(', ')}] firing at minute ${minute}, the scenario expects [${firing.join(', ')}]`);
    }
    return scenario(name, {
      input: queries.flatMap((q) =>
        counters(q.mix, minute).map(({ le, samples }) =>
          series(buckets(dbQueryDuration, { ...targetLabels(q.service), query: q.query, le: le === Number.POSITIVE_INFINITY ? '+Inf' : String(le) }), promtoolValues(samples)),
        ),
      ),
      at: at(minute),
      fires:
        firing.length === 0
          ? 'quiet'
          : firing.map((query) => ({ labels: { query }, description: description(query, humanizeDuration(p99(queries.find((q) => q.query === query)!.mix, minute)!)) })),
      ...(proves ? { proves } : {}),
    });
  }

  const threshold = `${plain(p99Seconds)} s`;
  const recovery = (mix: Mix): Query => ({ service: 'cdb_db_writer', query: 'recover_positions', mix });
  // Just over: half a percent over the threshold, or halfway to the largest bound when that is closer.
  const over = mixWithP99(Math.min(p99Seconds * 1.005, (p99Seconds + LARGEST) / 2), 'up')!;
  const fires = firesFor(over);
  if (fires === undefined) throw new Error(`CdbDbSlowQueries: the model of promtool finds no firing minute within ${horizon} minutes`);
  // A threshold under 0.99 of the first bucket bound has no p99 near it: the least p99 any query can have is over it.
  const overBy = p99(over, fires)! <= p99Seconds * 1.01 ? `just over the ${threshold} threshold` : `over the ${threshold} threshold, the least p99 the buckets allow`;
  const scenarios = [
    prove(
      `recover_positions queries (${describeMix(over)}) with a p99 of ${humanizeDuration(p99(over, fires)!)}, ${overBy}, fire at minute ${fires}`,
      [recovery(over)],
      fires,
      ['recover_positions'],
      ['firing-minute', 'edge-above'],
    ),
    prove(`the same recover_positions queries stay quiet at minute ${fires - 1}, one evaluation before they fire`, [recovery(over)], fires - 1, [], ['pending']),
  ];
  // Just under: half a percent under the threshold. A p99 in the first bucket is at least 0.99 of its bound, so a
  // threshold under that has no p99 under it but none at all: then every query fires, and this scenario cannot exist.
  const under = mixWithP99(p99Seconds * 0.995, 'down');
  if (under && !holds(under)(fires)) {
    scenarios.push(
      prove(
        `recover_positions queries (${describeMix(under)}) with a p99 of ${humanizeDuration(p99(under, fires)!)}, just under the ${threshold} threshold, stay quiet at minute ${fires}`,
        [recovery(under)],
        fires,
        [],
        ['edge-below'],
      ),
    );
  }

  // Only the slow query fires, whoever runs the others: block reports at the lowest bucket bound whose p99 is over the
  // threshold, other queries at the highest bound whose p99 is not, and at the lowest bound.
  const uniform = (seconds: number): Mix => [[seconds, 2]];
  const slow = [...BOUNDS, 2 * LARGEST].find((seconds) => holds(uniform(seconds))(fires))!;
  const fast = BOUNDS.filter((seconds) => !holds(uniform(seconds))(fires));
  const others: Query[] = [
    ...(fast.length > 1 ? [{ service: 'cdb_db_writer' as const, query: 'recover_positions', mix: uniform(fast[0]!) }] : []),
    ...(fast.length > 0 ? [{ service: 'cdb_paper_runner' as const, query: 'hourly_report', mix: uniform(fast[fast.length - 1]!) }] : []),
  ];
  const blockReports: Query = { service: 'cdb_paper_runner', query: 'block_report', mix: uniform(slow) };
  const firesSlow = firesFor(blockReports.mix)!;
  scenarios.push(
    prove(
      others.length > 0
        ? `only block reports taking ${plain(slow)} s fire, at minute ${firesSlow}, whichever service runs the queries taking ${others.map((q) => plain(q.mix[0]![0])).join(' s and ')} s`
        : `block reports taking ${plain(slow)} s fire at minute ${firesSlow}`,
      [...others, blockReports],
      firesSlow,
      ['block_report'],
    ),
  );
  return scenarios;
}
