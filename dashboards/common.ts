/**
 * Shared pieces of the CdB dashboards: folders, tags, colours and small factories used on several dashboards.
 * Every factory returns fresh data.
 */
import type { LayerId } from '../config/layers';
import { layer } from '../config/layers';
import { FOLDERS } from '../config/monitoring';
import { stat, thresholds } from '../engine/dashboards/panels';
import type { PanelModel } from '../engine/model/dashboard';
import type { Expr } from '../engine/promql/expr';
import { max, or, select, sub } from '../engine/promql';
import { executionMode } from '../catalog/cdb';

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

/** Title of a layer dashboard: `CdB 2 · Market Data / Screener`. */
export function layerTitle(id: LayerId): string {
  const l = layer(id);
  return `CdB ${l.number} · ${l.title}`;
}

/** Tags of a layer dashboard. */
export function layerTags(id: LayerId): string[] {
  return ['layer', id];
}

/** Seconds of the Zero-Activity Incident: a day without signals or paper trades. */
export const ZERO_ACTIVITY_SECONDS = 24 * 3600;

/** A stat showing 1/0 as UP/DOWN in green/red. */
export function upDownStat(options: {
  readonly title: string;
  readonly description: string;
  readonly expr: Expr<string>;
  readonly legend?: string;
  readonly width?: number;
}): PanelModel {
  return stat({
    title: options.title,
    description: options.description,
    unit: 'none',
    width: options.width ?? 6,
    colorMode: 'background',
    queries: [{ expr: String(options.expr), legend: options.legend ?? '' }],
    thresholds: thresholds('red', [1, 'green']),
    mappings: [
      { value: 0, text: 'DOWN', color: 'red' },
      { value: 1, text: 'UP', color: 'green' },
    ],
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
    thresholds: thresholds('green', [options.warnAfter, 'orange'], [options.failAfter, 'red']),
  });
}

/**
 * The execution mode as PAPER (green) or LIVE (red): LIVE when the live mode is active or the paper mode is not,
 * the same signs that page through CdbLiveTradingDetected. Several dashboards show it so nobody misses it.
 */
export function executionModeStat(options: { readonly description: string; readonly width?: number }): PanelModel {
  return stat({
    title: 'Execution mode',
    description: options.description,
    unit: 'none',
    width: options.width ?? 6,
    colorMode: 'background',
    queries: [or(max(select(executionMode, { mode: 'live' })), sub(1, max(select(executionMode, { mode: 'paper' }))))],
    thresholds: thresholds('green', [1, 'red']),
    mappings: [
      { value: 0, text: 'PAPER', color: 'green' },
      { value: 1, text: 'LIVE', color: 'red' },
    ],
  });
}
