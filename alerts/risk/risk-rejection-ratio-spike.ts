/** CdbRiskRejectionRatioSpike: the risk manager rejects almost every signal. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at, countsAround, countsAroundMinimum, firesAt } from '../../engine/rules/derive';
import { humanizePercentage } from '../../engine/rules/humanize';
import { and, ge, gt, increase, select, sum } from '../../engine/promql';
import { riskDecisions } from '../../catalog/cdb';
import { rejectionRatio } from '../../recording-rules/risk';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel, AlertScenarioModel, ScenarioSeries } from '../../engine/model/alerts';
import { afterFor, burstEndingAt, counter, increaseAt, percent, plural, promtoolValues, rateAt, type Samples } from './scenario-samples';

export function cdbRiskRejectionRatioSpike(settings: Settings): AlertModel {
  const { ratio, minDecisions5m, for: pending } = settings.thresholds.CdbRiskRejectionRatioSpike;
  const risk = targetLabels('cdb_risk');
  const decisions = (decision: 'approved' | 'rejected', reason: string, samples: Samples) =>
    series(select(riskDecisions, { ...risk, decision, reason }), promtoolValues(samples));
  const description = (share: string) =>
    `The risk manager rejected ${share} of its decisions in the last 5 minutes: almost no signal reaches execution.`;

  /** The 5-minute windows the expression reads: its own increase and job:cdb_risk_decisions_rejected:ratio_rate5m. */
  const WINDOW = 5;

  /** Decisions up to minute `until`: `rejected(t)` rejections and `approved(t)` approvals during minute t. */
  interface Traffic {
    readonly rejected: Samples;
    readonly approved: Samples;
  }
  const traffic = (until: number, rejected: (t: number) => number, approved: (t: number) => number): Traffic => ({
    rejected: counter(until, rejected),
    approved: counter(until, approved),
  });
  /** The input series: the approved series only when there are approvals, as a risk manager exposes it. */
  const input = (t: Traffic, reason: string): ScenarioSeries[] => [
    decisions('rejected', reason, t.rejected),
    ...(t.approved.some((v) => v > 0) ? [decisions('approved', 'within_limits', t.approved)] : []),
  ];
  /** What the expression returns at minute t, the rejection ratio, or undefined when it returns nothing. */
  function returned(t: Traffic, minute: number): number | undefined {
    const rejected = rateAt(t.rejected, minute, WINDOW);
    const approved = rateAt(t.approved, minute, WINDOW);
    if (rejected === undefined || approved === undefined) return undefined;
    const share = rejected / (rejected + approved);
    const decided = increaseAt(t.rejected, minute, WINDOW)! + increaseAt(t.approved, minute, WINDOW)!;
    return share > ratio && decided >= minDecisions5m ? share : undefined;
  }
  /** The alert expected at minute t, with the description rendered from the ratio the expression returns then. */
  function firingAt(t: Traffic, minute: number) {
    const share = returned(t, minute);
    if (share === undefined) throw new Error(`CdbRiskRejectionRatioSpike scenario: the expression returns nothing at minute ${minute}`);
    return [{ labels: { job: risk.job }, description: description(humanizePercentage(share)) }];
  }

  function scenarios(): AlertScenarioModel[] {
    // At least minDecisions5m decisions a minute, so the minimum holds from the first rate, at minute 1, as the ratio does.
    const { total, above, below } = countsAround(ratio, Math.max(100, minDecisions5m));
    const HOLDS = 1;
    const fires = firesAt(HOLDS, pending);
    const steady = (until: number, rejected: number) => traffic(until, () => rejected, () => total - rejected);
    const ofTotal = (rejected: number) => `${rejected} of ${total} decisions a minute rejected (${percent(rejected / total)})`;
    const out = [
      scenario(`${ofTotal(above)}, just above the ${percent(ratio)} threshold, fire at minute ${fires}, ${afterFor(pending)}`, {
        input: input(steady(fires, above), 'max_exposure'),
        at: at(fires),
        fires: firingAt(steady(fires, above), fires),
        proves: ['firing-minute', 'edge-above'],
      }),
      scenario(`the same rejections are still quiet at minute ${fires - 1}, one evaluation before they fire`, {
        input: input(steady(fires - 1, above), 'max_exposure'),
        at: at(fires - 1),
        fires: 'quiet',
        proves: ['pending'],
      }),
    ];
    // Nothing is below a ratio of 0: any rejection is above it.
    if (below !== undefined) {
      out.push(
        scenario(`${ofTotal(below)}, just below the ${percent(ratio)} threshold, stay quiet at minute ${fires}`, {
          input: input(steady(fires, below), 'position_limit'),
          at: at(fires),
          fires: 'quiet',
          proves: ['edge-below'],
        }),
      );
    }

    // The minimum: lumps of decisions every 5 minutes, all rejected, put exactly one lump in every window from minute
    // 5 on. The ratio is 100 % throughout; only the count decides.
    const { enough, tooFew } = countsAroundMinimum(minDecisions5m);
    const lumpsFire = firesAt(WINDOW, pending);
    const lumps = (until: number, size: number) => traffic(until, (t) => (t % WINDOW === 0 ? size : 0), () => 0);
    out.push(
      scenario(`${plural(enough, 'rejection')} every ${WINDOW} minutes, the minimum of ${plural(minDecisions5m, 'decision')}, fire at minute ${lumpsFire}`, {
        input: input(lumps(lumpsFire, enough), 'stale_signal'),
        at: at(lumpsFire),
        fires: firingAt(lumps(lumpsFire, enough), lumpsFire),
        proves: ['edge-above'],
      }),
    );
    // A trickle needs a minimum above 1: one rejection in 5 minutes already reaches a minimum of 1.
    if (tooFew !== undefined) {
      out.push(
        scenario(`a trickle of ${plural(tooFew, 'rejection')} every ${WINDOW} minutes, one under the minimum, stays quiet at minute ${lumpsFire}`, {
          input: input(lumps(lumpsFire, tooFew), 'position_limit'),
          at: at(lumpsFire),
          fires: 'quiet',
          proves: ['edge-below'],
        }),
      );
    }

    // A spike over the threshold that ends so that the ratio, lagging it by up to the window, holds until one
    // evaluation before the alert would fire. With no `for`, or a `for` shorter than that lag, there is none.
    const spike = (minutes: number, until: number) =>
      traffic(until, (t) => (t <= minutes ? above : 0), (t) => (t <= minutes ? total - above : total));
    const spikeMinutes = fires > HOLDS ? burstEndingAt((m) => (t) => returned(spike(m, t), t) !== undefined, HOLDS, fires - 1) : undefined;
    if (spikeMinutes !== undefined) {
      out.push(
        scenario(`a spike of rejections lasting ${plural(spikeMinutes, 'minute')} holds the ratio until minute ${fires - 1}, one evaluation short of for ${pending}, and stays quiet at minute ${fires}`, {
          input: input(spike(spikeMinutes, fires), 'max_exposure'),
          at: at(fires),
          fires: 'quiet',
        }),
      );
    }
    return out;
  }

  const cdbRiskRejectionRatioSpike = alert({
    name: 'CdbRiskRejectionRatioSpike',
    expr: and(gt(select(rejectionRatio), ratio), ge(sum.by(['job'], increase(select(riskDecisions).over('5m'))), minDecisions5m), {
      on: ['job'],
    }),
    for: pending,
    severity: 'warning',
    labels: cdbLabels('risk', 'cdb_risk'),
    summary: 'The risk manager rejects almost every signal.',
    description: description('{{ $value | humanizePercentage }}'),
    dashboard: { dashboard: DASHBOARD_IDS.risk, panel: 'Rejection ratio over time' },
    runbook: {
      meaning: `More than ${ratio * 100} % of the risk decisions were rejections over 5 minutes (\`job:cdb_risk_decisions_rejected:ratio_rate5m\`), with at least ${minDecisions5m} decisions in those 5 minutes, for ${pending}. The minimum keeps a trickle of signals from deciding the ratio: one rejection out of one decision is 100 %, and a strategy that signals once every few minutes into a full position limit would keep the ticket open all block long without telling anything new. Rejections at low volume are visible on the dashboard and, if they stop all trades, end in CdbZeroActivityPaperTrades.`,
      impact:
        'Signals are generated but do not become paper trades: the block measures the risk limits instead of the strategies, and the PnL and fill statistics rest on the few signals that pass.',
      diagnose: [
        'Open the risk dashboard, "Rejections per second by reason" (`decision_reason:cdb_risk_decisions:rate5m{decision="rejected"}`): the reason says which rule rejects.',
        '`circuit_breaker`: see CdbCircuitBreakerOpen. `max_exposure` or `position_limit`: check "Exposure of limit over time" and "Exposure by symbol"; positions that never close (failed sells, a stuck execution) fill the limit.',
        '`max_drawdown`: compare "Drawdown vs limit"; the risk manager is protecting the block.',
        '`stale_signal`: signals arrive too late; check the signal latency (`strategy:cdb_signal_processing_duration_seconds:p99_rate5m`), the Redis bus and market-data freshness.',
      ],
      mitigate: [
        'Fix what fills the limits (close stuck positions, fix failing sell orders in cdb_execution) rather than raising a limit during a block.',
        'For `stale_signal`, fix the latency or the bus backlog first.',
        'If a strategy is meant to be filtered this heavily, raise `ratio` of CdbRiskRejectionRatioSpike in alerts/thresholds.ts in a reviewed change, and record why.',
      ],
    },
    source: import.meta.url,
    scenarios: scenarios(),
  });
  return cdbRiskRejectionRatioSpike;
}
