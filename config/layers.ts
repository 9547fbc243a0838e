/**
 * The six analysis layers of Claire de Binare. Every dashboard, alert and rule belongs to exactly one.
 * `id` is used in file names, rule group names, dashboard uids and the `layer` label of alerts.
 */
export const LAYERS = [
  { id: 'system', number: 1, title: 'System & Connectivity' },
  { id: 'market-data', number: 2, title: 'Market Data / Screener' },
  { id: 'signal-engine', number: 3, title: 'Signal Engine' },
  { id: 'risk', number: 4, title: 'Risk Layer' },
  { id: 'paper-execution', number: 5, title: 'Paper Execution' },
  { id: 'database', number: 6, title: 'Database & Reporting' },
] as const;

export type LayerId = (typeof LAYERS)[number]['id'];
export type Layer = (typeof LAYERS)[number];

/** The layer with this id. */
export function layer(id: LayerId): Layer {
  return LAYERS.find((l) => l.id === id)!;
}
