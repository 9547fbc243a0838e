/**
 * The alerts that speak for an SLO's burn-rate tiers when they cannot see: its inputs vanish (`SliMissing`), or its
 * counters exist but count nothing (`TrafficStopped`). A burn-rate tier is silent in each case, so each of these is
 * as severe as the tiers it speaks for. A timestamp the SLI reads that lies in the future is the metric's own
 * alert's to tell (the layer that owns the metric pages for it), not one per SLO reading it.
 */
import type { AlertModel, AlertSeverity } from '../model/alerts';
import { durationSeconds, type Duration } from '../promql/duration';
import { absent, eq, or } from '../promql';
import type { InstantVector } from '../promql/expr';
import type { SloAlertConventions } from '../model/slo';
import { BURN_RATE_TIERS } from './burn-rate';
import { trafficOf, type SloModel } from './model';
import { sliInputs, totalRate } from './sli';
import { sliMissingAlertName, trafficStoppedAlertName } from './conventions';
import { durationWords } from '../rules/derive';

/** How long an SLI input must have been missing before its alert fires. */
export const SLI_MISSING_FOR: Duration = '15m';

/** The paging tiers: an alert that speaks for them when they are blind pages too. */
const PAGE_TIERS = BURN_RATE_TIERS.filter((t) => t.severity === 'critical');

/** Critical when the SLO has a paging tier (the alert speaks for it), else warning. */
const speaksForPages = (): AlertSeverity => (PAGE_TIERS.length > 0 ? 'critical' : 'warning');

/** The longest of the tiers' short windows, in the order of BURN_RATE_TIERS. */
function longestShortWindow(tiers: typeof BURN_RATE_TIERS): Duration {
  return tiers.map((t) => t.shortWindow).reduce((a, b) => (durationSeconds(b) > durationSeconds(a) ? b : a));
}

/**
 * The window with no event after which `TrafficStopped` fires, and its severity: for continuous traffic, once both
 * paging tiers are blind (the longest short window among them: a tier needs an event in its short window to have a
 * ratio at all), paging; for sparse traffic, once every tier is blind, as a ticket.
 */
export function trafficStop(slo: SloModel): { readonly window: Duration; readonly severity: AlertSeverity } | undefined {
  const traffic = trafficOf(slo);
  if (traffic === undefined) return undefined;
  return traffic === 'continuous'
    ? { window: longestShortWindow(PAGE_TIERS), severity: speaksForPages() }
    : { window: longestShortWindow(BURN_RATE_TIERS), severity: 'warning' };
}

/** The labels every SLO evidence alert carries. */
function sloAlertLabels(slo: SloModel): Record<string, string> {
  return { ...(slo.labels ?? {}), layer: slo.layer, service: slo.service, slo_id: slo.id, slo_service: slo.service, slo_name: slo.name };
}

function dashboardRef(slo: SloModel, conventions: SloAlertConventions) {
  return conventions.dashboard ? { dashboard: { dashboard: conventions.dashboard.id, panel: conventions.dashboard.panel, variables: { slo_id: slo.id } } } : {};
}

const orAll = (exprs: readonly InstantVector<string>[]) => exprs.reduce((a, b) => or(a, b));

/** The description of `SliMissing`, for the alert and its scenarios. */
export function sliMissingDescription(slo: SloModel): string {
  const names = [...new Set(sliInputs(slo.sli).map((s) => s.seriesName))];
  const what = sliInputs(slo.sli).length === 1 ? `No series of ${names[0]}` : `An input of the SLI (${sliInputs(slo.sli).map(String).join(', ')}) has had no series`;
  return `${what} for ${durationWords(SLI_MISSING_FOR)}: the ${slo.name} SLO cannot be measured and its burn-rate alerts are blind.`;
}

/** An SLI input has had no series for SLI_MISSING_FOR: the SLO is unmeasured. */
export function sliMissingAlert(slo: SloModel, conventions: SloAlertConventions): AlertModel {
  const inputs = sliInputs(slo.sli);
  const name = sliMissingAlertName(conventions.alertPrefix);
  const severity = speaksForPages();
  return {
    name,
    expr: String(orAll(inputs.map((s) => absent(s)))),
    for: SLI_MISSING_FOR,
    severity,
    labels: sloAlertLabels(slo),
    ...(slo.annotations ? { annotations: slo.annotations } : {}),
    summary: `The ${slo.name} SLO has no data.`,
    description: sliMissingDescription(slo),
    ...dashboardRef(slo, conventions),
    runbook: {
      meaning: `A series the ${slo.name} SLI is computed from (${inputs.map((s) => `\`${String(s)}\``).join(', ')}) has been missing for ${SLI_MISSING_FOR}. Burn-rate alerts stay quiet without data, so this alert speaks for them${severity === 'critical' ? ', and pages as their paging tiers would' : ''}. An error counter that vanishes while the total stays counts as no error at all: the SLO would look perfect while every event fails, so it is watched too (counters with a fixed set of label values are exposed at 0 from the service's start).`,
      impact: 'The SLO is unmeasured: an outage during the gap would page nobody through this SLO.',
      diagnose: [
        `Check that the service exposing ${[...new Set(inputs.map((s) => s.seriesName))].join(' and ')} is scraped (\`up\`) and still exposes every series under the same name and labels.`,
        'A series missing since a deploy: compare the service\'s /metrics output with the catalog (`generated/docs/metrics.md`).',
      ],
      mitigate: ['Restore the scrape or the instrumentation (initialise counters at 0 for every label value on start); if the metric was renamed, update the catalog and the SLO together.'],
    },
    source: slo.source,
    runbookAnchor: `${name.toLowerCase()}-${slo.id}`,
    scenarios: [],
  };
}

/** The description of `TrafficStopped`, for the alert and its scenarios. */
export function trafficStoppedDescription(slo: SloModel, window: Duration): string {
  return `The ${slo.name} SLI has counted no event for ${durationWords(window)} although its counters are exposed: the service does no work, or no longer counts it, and the SLO's burn-rate alerts are blind.`;
}

/** The SLI's counters exist but have counted no event over the window of `trafficStop`. */
export function trafficStoppedAlert(slo: SloModel, conventions: SloAlertConventions): AlertModel | undefined {
  const stop = trafficStop(slo);
  const total = stop && totalRate(slo.sli, stop.window);
  if (!stop || !total) return undefined;
  const name = trafficStoppedAlertName(conventions.alertPrefix);
  const continuous = trafficOf(slo) === 'continuous';
  return {
    name,
    expr: String(eq(total, 0)),
    severity: stop.severity,
    labels: sloAlertLabels(slo),
    ...(slo.annotations ? { annotations: slo.annotations } : {}),
    summary: `The ${slo.name} SLO counts no events: ${slo.service} does no work.`,
    description: trafficStoppedDescription(slo, stop.window),
    ...dashboardRef(slo, conventions),
    runbook: {
      meaning: continuous
        ? `The counters of the ${slo.name} SLI are exposed but have not increased for ${stop.window}. Its events flow all the time (\`traffic: 'continuous'\`), so this is ${slo.service} doing nothing, not a quiet period. Without events the error ratio has no sample, and a tier needs one in its short window: both paging tiers are blind once the longest of their short windows (${stop.window}) is empty. This alert pages for them.`
        : `The counters of the ${slo.name} SLI are exposed but have not increased for ${stop.window}. Its events may stop for hours (\`traffic: 'sparse'\`), so this is a ticket, not a page: every burn-rate tier is blind once the longest short window (${stop.window}) is empty, and the alerts that know how long a quiet period may last (Zero-Activity) page.`,
      impact: `The SLO measures nothing: ${slo.service} may be stuck, or its work no longer counted, and a failure of every event would page nobody through this SLO.`,
      diagnose: [
        `Is ${slo.service} working? Its health endpoint, its logs (\`docker logs ${slo.service} --since 1h\`), and the layer dashboard of ${slo.layer}.`,
        'Is its input flowing? Market data, signals or bus messages upstream (CdbMarketDataStale, CdbBusTopicNotConsumed).',
        'Does it still count? A deploy that stopped incrementing the counters shows the work in the logs but not in the metrics.',
      ],
      mitigate: ['Restore the input or restart the stuck service; if the counting broke, fix the instrumentation and record the unmeasured period in the block log.'],
    },
    source: slo.source,
    runbookAnchor: `${name.toLowerCase()}-${slo.id}`,
    scenarios: [],
  };
}
