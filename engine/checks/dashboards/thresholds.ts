import { finding, type Check, type Finding } from '../check';
import { within } from '../../model/location';
import type { PanelKind, PanelModel } from '../../model/dashboard';

/** Panels whose value Grafana colours by thresholds unless told otherwise. */
const VALUE_PANELS: ReadonlySet<PanelKind | 'gauge'> = new Set(['stat', 'gauge', 'bargauge']);

/** What is wrong with how one panel states its colours, if anything. */
function problems(panel: PanelModel): Array<{ readonly message: string; readonly hint: string }> {
  const out: Array<{ readonly message: string; readonly hint: string }> = [];
  const steps = panel.thresholds ?? [];
  if (VALUE_PANELS.has(panel.kind) && !panel.fixedColor && steps.length === 0) {
    out.push({
      message: `${panel.kind} panel states no thresholds and no fixed colour, so Grafana's default colours it (green, red from 80)`,
      hint: 'Give it thresholds that mean something for its quantity (e.g. red below 0 for PnL, the alert threshold for a ratio), or fixedColor: NEUTRAL for a count or a level that is neither good nor bad.',
    });
  }
  if (VALUE_PANELS.has(panel.kind) && panel.fixedColor && steps.length > 0) {
    out.push({
      message: `${panel.kind} panel has both a fixed colour and thresholds; the fixed colour wins, so the thresholds colour nothing`,
      hint: 'Keep the thresholds (the value is good or bad) or the fixed colour (it is neither), not both.',
    });
  }
  if (panel.kind === 'timeseries' && steps.length > 0 && !panel.thresholdsStyle) {
    out.push({
      message: "time series has thresholds but no thresholdsStyle, so Grafana never draws them (its default is 'off')",
      hint: "Say how to draw them: thresholdsStyle 'dashed' or 'line' for levels, 'area' for bands (a sign, a 0/1 state), or a line over the area.",
    });
  }
  if (steps.length > 0 && steps[0]!.value !== null) {
    out.push({
      message: `the first threshold step is at ${steps[0]!.value}, not the base (value null); Grafana treats the first step as the base whatever its value`,
      hint: "Start with the base colour: thresholds('green', [0.8, 'orange'], ...).",
    });
  }
  const values = steps.slice(1).map((s) => s.value);
  if (values.some((v, i) => v === null || (i > 0 && v <= values[i - 1]!))) {
    out.push({
      message: `threshold steps after the base are not strictly ascending numbers (${values.join(', ')}), so some colours never show`,
      hint: 'List the steps from the lowest value up, each above the one before.',
    });
  }
  if (panel.thresholdsMode === 'percentage') {
    const sets = (bound: 'min' | 'max') => panel[bound] !== undefined || panel.queries.some((q) => q.sets === bound);
    const missing = (['min', 'max'] as const).filter((bound) => !sets(bound));
    if (missing.length > 0) {
      out.push({
        message: `percentage thresholds without a ${missing.join(' or ')}: Grafana then takes the range of the data shown, so a colour says nothing about the quantity`,
        hint: "Set min and max, or read a bound from a query (query(..., { sets: 'max' })), e.g. a configured limit.",
      });
    }
  }
  if (panel.queries.length > 0 && panel.queries.every((q) => q.sets !== undefined)) {
    out.push({ message: 'every query of the panel only sets its min or max, so it shows nothing', hint: 'Add the query whose value the panel shows.' });
  }
  for (const bound of ['min', 'max'] as const) {
    if (panel.queries.filter((q) => q.sets === bound).length > 1) {
      out.push({ message: `more than one query sets the panel's ${bound}; Grafana would apply them one after the other`, hint: `Keep one query that sets ${bound}.` });
    }
  }
  return out;
}

/**
 * Grafana's defaults decide colours nobody chose: a stat, gauge or bar gauge without thresholds turns red from 80
 * whatever it shows, and a time series leaves its thresholds undrawn. Every panel states what its colours mean.
 */
export const dashboardThresholds: Check = {
  id: 'dashboard/thresholds',
  severity: 'error',
  description:
    "Stats, gauges and bar gauges on Grafana's default thresholds, time series whose thresholds are never drawn, and thresholds Grafana cannot apply as written.",
  run(ctx) {
    const out: Finding[] = [];
    for (const { dashboard, location } of ctx.dashboards) {
      for (const row of dashboard.rows) {
        for (const panel of row.panels) {
          for (const p of problems(panel)) out.push(finding(dashboardThresholds, within(location, ['panel', panel.title]), p.message, p.hint));
        }
      }
    }
    return out;
  },
};
