/**
 * Shared pieces of the CdB dashboards: folders, tags, colours and small factories used on several dashboards.
 * Every factory returns fresh data.
 */
import type { LayerId } from '../config/layers';
import { layer } from '../config/layers';
import { FOLDERS } from '../config/monitoring';
import { query, stat, thresholds, warnThenFail, type PanelOptions } from '../engine/dashboards/panels';
import { amountUnit } from '../engine/dashboards/units';
import type { GrafanaUnit, PanelModel } from '../engine/model/dashboard';
import type { Metric } from '../engine/catalog/metric';
import type { Expr } from '../engine/promql/expr';
import { avgOverTime, max, mul, or, rangeSeconds, select, sub, subquery } from '../engine/promql';
import type { LabelsOf, Matchers, Selectable } from '../engine/promql/selector';
import { executionMode, riskDrawdown, riskDrawdownLimit } from '../catalog/cdb';
import { durationSeconds } from '../engine/promql/duration';
import type { Settings } from '../config/settings';

export { FOLDERS };

/** Dashboard ids (uids are `cdb-<id>`); links refer to dashboards by these. */
export const DASHBOARD_IDS = {
  cockpit: 'cockpit',
  blockReview: 'block-review',
  system: 'system',
  marketData: 'market-data',
  signalEngine: 'signal-engine',
  risk: 'risk',
  paperExecution: 'paper-execution',
  database: 'database',
  slo: 'slo',
} as const satisfies Record<string, string>;

/** Title of the system dashboard's disk prediction panel, which CdbDiskWillFillBeforeBlockEnds links to. */
export function diskPredictionPanel(settings: Settings): string {
  return `Disk free in ${settings.block.hours} hours (predicted)`;
}

/** Title of a layer dashboard: `CdB 2 · Market Data / Screener`. */
export function layerTitle(id: LayerId): string {
  const l = layer(id);
  return `CdB ${l.number} · ${l.title}`;
}

/** Tags of a layer dashboard. */
export function layerTags(id: LayerId): string[] {
  return ['layer', id];
}

/** The unit of a panel showing `metric`'s amounts, as the catalog declares it: money in the quote currency. */
export function unitOf(settings: Settings, metric: Pick<Metric, 'name' | 'unit'>): GrafanaUnit {
  return amountUnit(metric, settings.trading.quoteCurrency);
}

/** Seconds of the Zero-Activity Incident windows (a day in phase N1), from the thresholds of the two ZAI alerts. */
export function zeroActivitySeconds(settings: Settings): { readonly signals: number; readonly trades: number } {
  const { CdbZeroActivitySignals, CdbZeroActivityPaperTrades } = settings.thresholds;
  return { signals: durationSeconds(CdbZeroActivitySignals.window), trades: durationSeconds(CdbZeroActivityPaperTrades.window) };
}

/** How a stat shows one of the two values of a 0/1 signal. */
export interface StateLook {
  readonly text: string;
  readonly color: 'green' | 'red';
}

/** A stat of a 0/1 signal shown as words on a coloured background: `zero` and `one` say how each value looks. */
export function stateStat(options: {
  readonly title: string;
  readonly description: string;
  readonly queries: PanelOptions['queries'];
  readonly zero: StateLook;
  readonly one: StateLook;
  readonly width?: number;
}): PanelModel {
  return stat({
    title: options.title,
    description: options.description,
    unit: 'none',
    width: options.width ?? 6,
    colorMode: 'background',
    queries: options.queries,
    thresholds: thresholds(options.zero.color, [1, options.one.color]),
    mappings: [
      { value: 0, ...options.zero },
      { value: 1, ...options.one },
    ],
  });
}

/** A stat showing 1/0 as UP/DOWN in green/red. */
export function upDownStat(options: {
  readonly title: string;
  readonly description: string;
  readonly expr: Expr<string>;
  readonly legend?: string;
  readonly width?: number;
}): PanelModel {
  return stateStat({
    title: options.title,
    description: options.description,
    queries: [query(options.expr, options.legend ?? '')],
    zero: { text: 'DOWN', color: 'red' },
    one: { text: 'UP', color: 'green' },
    ...(options.width ? { width: options.width } : {}),
  });
}

/**
 * A stat of an age in seconds (time since the last signal, trade, message), orange from `warnAfter` and red from
 * `failAfter` seconds.
 */
export function ageStat(options: {
  readonly title: string;
  readonly description: string;
  readonly expr: Expr<string>;
  readonly warnAfter: number;
  readonly failAfter: number;
  readonly legend?: string;
  readonly width?: number;
}): PanelModel {
  return stat({
    title: options.title,
    description: options.description,
    unit: 's',
    width: options.width ?? 6,
    colorMode: 'background',
    queries: [{ expr: String(options.expr), legend: options.legend ?? '' }],
    thresholds: warnThenFail('green', options.warnAfter, options.failAfter),
  });
}

/**
 * The drawdown of paper equity from its block peak, coloured against the maximum drawdown the risk manager is
 * configured with: orange from `warnShare` of it, red once it is reached. The limit is a metric of cdb_risk
 * (cdb_risk_drawdown_limit_ratio), not a setting, so the panel reads it: a hidden query makes it the scale's
 * maximum, and the thresholds are percent of that scale. Without the limit series the colour says nothing.
 */
export function drawdownStat(options: { readonly description: string; readonly warnShare: number; readonly width?: number }): PanelModel {
  return stat({
    title: 'Drawdown',
    description: options.description,
    unit: 'percentunit',
    ...(options.width ? { width: options.width } : {}),
    min: 0,
    queries: [max(select(riskDrawdown)), query(max(select(riskDrawdownLimit)), 'drawdown limit', { sets: 'max' })],
    thresholds: warnThenFail('green', options.warnShare * 100, 100),
    thresholdsMode: 'percentage',
  });
}

/**
 * The execution mode as PAPER (green) or LIVE (red): LIVE when the live mode is active or the paper mode is not,
 * the same signs that page through CdbLiveTradingDetected. Several dashboards show it so nobody misses it.
 */
export function executionModeStat(options: { readonly description: string; readonly width?: number }): PanelModel {
  return stateStat({
    title: 'Execution mode',
    description: options.description,
    queries: [or(max(select(executionMode, { mode: 'live' })), sub(1, max(select(executionMode, { mode: 'paper' }))))],
    zero: { text: 'PAPER', color: 'green' },
    one: { text: 'LIVE', color: 'red' },
    ...(options.width ? { width: options.width } : {}),
  });
}

/**
 * The number of events over the selected range, from a per-second rate recording rule read at Grafana's interval:
 * the mean rate over the range times its length in seconds. It works for any range, reads one sample per series
 * per interval (every five minutes over 72 hours) instead of every raw sample, and smooths the range's edges over
 * the rule's five-minute window.
 */
export function countOverRange<M extends Selectable>(rateRule: M, matchers: Matchers<LabelsOf<M>> = {}) {
  return mul(avgOverTime(subquery(select(rateRule, matchers), '$__range', '$__interval')), rangeSeconds());
}
