/** CdbLiveTradingDetected: any sign that execution is not in paper mode pages at once. */
import { alert, scenario, series } from '../../engine/rules/alert';
import { at, firesAt, minutesOf } from '../../engine/rules/derive';
import { gt, labelReplace, max, minOverTime, ne, notEqual, or, select, sub, sum } from '../../engine/promql';
import { executionMode, ordersFilled, paperTrades } from '../../catalog/cdb';
import { DASHBOARD_IDS } from '../../dashboards/common';
import { cdbLabels, targetLabels } from '../common';
import type { Settings } from '../../config/settings';
import type { AlertModel, AlertScenarioModel, ScenarioSeries } from '../../engine/model/alerts';
import { counter, gauge, plural, promtoolValues, type Samples } from '../risk/scenario-samples';

/** The label saying which sign of live trading an alert instance is about, and its values. */
export const SIGN_LABEL = 'sign';
export const LIVE_TRADING_SIGNS = {
  /** A mode series other than paper is not 0 (live, or a mode the catalog does not know, e.g. testnet). */
  modeActive: (mode: string) => `execution mode ${mode} is active`,
  /** The paper series is there but not 1. */
  paperInactive: 'paper mode is not active',
  /** The fill counter runs ahead of the paper-trade counter by more than the lag allows. */
  fillsOutsidePaper: 'orders were filled that were never counted as paper trades',
} as const;

export function cdbLiveTradingDetected(settings: Settings): AlertModel {
  const { keepFiringFor, paperTradeLag } = settings.thresholds.CdbLiveTradingDetected;
  const execution = targetLabels('cdb_execution');
  const BY_TARGET = ['job', 'instance', 'service'] as const;
  const description = (service: string, instance: string, sign: string) =>
    `${service} on ${instance} shows a sign of live trading: ${sign}. Live trading in phase N1 is an incident.`;
  const firing = (...signs: string[]) =>
    signs.map((sign) => ({ labels: { ...execution, [SIGN_LABEL]: sign }, description: description(execution.service, execution.instance, sign) }));

  /** `cdb_execution_mode{mode}` up to minute `until`: 1 while `active(t)`, else 0. */
  const mode = (m: string, until: number, active: (minute: number) => boolean) =>
    series(select(executionMode, { ...execution, mode: m }), promtoolValues(gauge(until, (t) => (active(t) ? 1 : 0))));
  const paperMode = (until: number) => [mode('paper', until, () => true), mode('live', until, () => false)];
  /** Fill and paper-trade counters of one side, with `fills[t]` and `trades[t]` at minute t. */
  const counters = (fills: Samples, trades: Samples): ScenarioSeries[] => [
    series(select(ordersFilled, { ...execution, side: 'buy' }), promtoolValues(fills)),
    series(select(paperTrades, { ...execution, side: 'buy' }), promtoolValues(trades)),
  ];

  /**
   * What the fill comparison sees at minute t, one sample a minute: the smallest fill count in the last
   * paperTradeLag (range ends included, as in Prometheus 2.x) less the paper trades now; it fires above 0.
   */
  const LAG = minutesOf(paperTradeLag);
  const unmatchedAt = (fills: Samples, trades: Samples, t: number) => {
    const window = fills.slice(Math.max(0, Math.ceil(t - LAG - 1e-9)), t + 1);
    return Math.min(...window) - trades[t]!;
  };
  /** The first minute from `from` on at which the fill comparison fires, within `until`. */
  const firstUnmatched = (fills: Samples, trades: Samples, from: number, until: number) => {
    for (let t = from; t <= until; t++) if (unmatchedAt(fills, trades, t) > 0) return t;
    throw new Error(`CdbLiveTradingDetected scenario: the fills never run ahead of the paper trades by minute ${until}`);
  };

  /**
   * Live trading has no `for`: it pages at the evaluation the mode changes. After the mode is back to paper at
   * minute `back`, it keeps firing while less than keep_firing_for has passed: its last firing evaluation is one
   * before firesAt(back, keepFiringFor), and from that one on it is quiet.
   */
  function modeScenarios(): AlertScenarioModel[] {
    const FLIPS = 1;
    const FLIP_MINUTES = 2;
    const back = FLIPS + FLIP_MINUTES;
    const quietFrom = firesAt(back, keepFiringFor);
    const live = (t: number) => t >= FLIPS && t < back;
    const flip = (until: number) => [mode('live', until, live), mode('paper', until, (t) => !live(t))];
    const switched = (until: number) => [mode('live', until, (t) => t >= FLIPS), mode('paper', until, (t) => t < FLIPS)];
    const liveSigns = firing(LIVE_TRADING_SIGNS.modeActive('live'), LIVE_TRADING_SIGNS.paperInactive);
    const out = [
      scenario(`live mode from minute ${FLIPS} pages at minute ${FLIPS}, the same evaluation`, {
        input: switched(FLIPS),
        at: at(FLIPS),
        fires: liveSigns,
        proves: ['firing-minute'],
      }),
      scenario(`the same switch is still quiet at minute ${FLIPS - 1}, one evaluation before it`, {
        input: switched(FLIPS - 1),
        at: at(FLIPS - 1),
        fires: 'quiet',
        proves: ['pending'],
      }),
      scenario(`paper mode stays quiet at minute ${quietFrom}`, {
        input: paperMode(quietFrom),
        at: at(quietFrom),
        fires: 'quiet',
      }),
      scenario(`paper mode no longer active from minute ${FLIPS} fires at minute ${FLIPS}, even without a live series`, {
        input: [mode('paper', FLIPS, (t) => t < FLIPS)],
        at: at(FLIPS),
        fires: firing(LIVE_TRADING_SIGNS.paperInactive),
      }),
      scenario(`only an unexpected mode, testnet, at 1 from minute ${FLIPS} fires at minute ${FLIPS}`, {
        input: [mode('testnet', FLIPS, (t) => t >= FLIPS), mode('paper', FLIPS, (t) => t < FLIPS), mode('live', FLIPS, () => false)],
        at: at(FLIPS),
        fires: firing(LIVE_TRADING_SIGNS.modeActive('testnet'), LIVE_TRADING_SIGNS.paperInactive),
      }),
    ];
    const flipName = `a ${FLIP_MINUTES}-minute flip to live from minute ${FLIPS}`;
    if (minutesOf(keepFiringFor) > 0) {
      out.push(
        scenario(`${flipName} still fires at minute ${quietFrom - 1}, the last evaluation within keep_firing_for ${keepFiringFor} of paper mode's return`, {
          input: flip(quietFrom - 1),
          at: at(quietFrom - 1),
          fires: liveSigns,
        }),
      );
    }
    out.push(
      scenario(
        minutesOf(keepFiringFor) > 0
          ? `${flipName} stops firing at minute ${quietFrom}, once keep_firing_for ${keepFiringFor} has passed since paper mode returned at minute ${back}`
          : `${flipName} stops firing at minute ${back}, as soon as paper mode returns, with no keep_firing_for`,
        {
          input: flip(quietFrom),
          at: at(quietFrom),
          fires: 'quiet',
        },
      ),
    );
    return out;
  }

  /**
   * The mode says paper, but the fill counter tells: in paper mode every fill is a paper trade, so the fills a
   * paperTradeLag ago never exceed the paper trades now. Fills from minute FILLS with no paper trade fire at the
   * first minute the smallest fill count of the lag window is above 0.
   */
  function fillScenarios(): AlertScenarioModel[] {
    const FILLS = 1;
    const fillsFrom = (until: number, perMinute = 1) => counter(until, (t) => (t >= FILLS ? perMinute : 0));
    const flat = (until: number) => counter(until, () => 0);
    const horizon = FILLS + Math.ceil(LAG) + 2;
    const fires = firstUnmatched(fillsFrom(horizon), flat(horizon), FILLS, horizon);
    const out = [
      scenario(`in paper mode, a fill a minute from minute ${FILLS} with no paper trade fires at minute ${fires}, once it is paperTradeLag ${paperTradeLag} old`, {
        input: [...paperMode(fires), ...counters(fillsFrom(fires), flat(fires))],
        at: at(fires),
        fires: firing(LIVE_TRADING_SIGNS.fillsOutsidePaper),
        proves: ['firing-minute'],
      }),
      scenario(`the same fills are still quiet at minute ${fires - 1}, one evaluation before`, {
        input: [...paperMode(fires - 1), ...counters(fillsFrom(fires - 1), flat(fires - 1))],
        at: at(fires - 1),
        fires: 'quiet',
        proves: ['pending'],
      }),
    ];
    // Each fill counted as a paper trade as late as the lag allows, at whole minutes: quiet all along.
    const lagMinutes = Math.floor(LAG + 1e-9);
    const late = (until: number) => {
      const fills = fillsFrom(until);
      return { fills, trades: fills.map((_, t) => fills[Math.max(0, t - lagMinutes)]!) };
    };
    const lateUntil = fires + lagMinutes + 2;
    const l = late(lateUntil);
    for (let t = 0; t <= lateUntil; t++) {
      if (unmatchedAt(l.fills, l.trades, t) > 0) throw new Error(`CdbLiveTradingDetected scenario: paper trades ${lagMinutes} minutes late fire at minute ${t}`);
    }
    out.push(
      scenario(`each fill counted as a paper trade ${plural(lagMinutes, 'minute')} later, within paperTradeLag ${paperTradeLag}, stays quiet at minute ${lateUntil}`, {
        input: [...paperMode(lateUntil), ...counters(l.fills, l.trades)],
        at: at(lateUntil),
        fires: 'quiet',
      }),
    );
    // Two fills a minute, one of them a paper trade: the unmatched fills add up and outrun the lag's allowance.
    const halfUntil = FILLS + 4 * Math.ceil(LAG) + 4;
    const halfFills = fillsFrom(halfUntil, 2);
    const halfTrades = fillsFrom(halfUntil, 1);
    const halfFires = firstUnmatched(halfFills, halfTrades, FILLS, halfUntil);
    out.push(
      scenario(`two fills a minute with one paper trade a minute from minute ${FILLS} fire at minute ${halfFires}, when the unmatched fills outnumber a lag's worth of fills`, {
        input: [...paperMode(halfFires), ...counters(halfFills.slice(0, halfFires + 1), halfTrades.slice(0, halfFires + 1))],
        at: at(halfFires),
        fires: firing(LIVE_TRADING_SIGNS.fillsOutsidePaper),
      }),
    );
    // A restart sets both counters back to 0; the smallest fill count of the lag window is then the new one.
    const RESTART = fires + 2;
    const restarted = (until: number) => Array.from({ length: until + 1 }, (_, t) => (t < RESTART ? 5 * t : 5 * (t - RESTART)));
    out.push(
      scenario(`a restart of cdb_execution at minute ${RESTART}, both counters back to 0, stays quiet at minute ${RESTART}`, {
        input: [...paperMode(RESTART), ...counters(restarted(RESTART), restarted(RESTART))],
        at: at(RESTART),
        fires: 'quiet',
      }),
    );
    return out;
  }

  const cdbLiveTradingDetected = alert({
    name: 'CdbLiveTradingDetected',
    // Three signs, each its own alert instance with a `sign` label: a mode other than paper is active; the paper
    // series is not 1; more orders were filled (a lag ago) than counted as paper trades since the process started.
    // Missing evidence (no paper series, no counters) is CdbPaperModeUnconfirmed's, which waits a short `for`.
    expr: or(
      or(
        max.by([...BY_TARGET, SIGN_LABEL], labelReplace(ne(select(executionMode, { mode: notEqual('paper') }), 0), SIGN_LABEL, LIVE_TRADING_SIGNS.modeActive('$1'), 'mode', '(.*)')),
        labelReplace(ne(max.by(BY_TARGET, select(executionMode, { mode: 'paper' })), 1), SIGN_LABEL, LIVE_TRADING_SIGNS.paperInactive, 'job', '.*'),
      ),
      labelReplace(
        gt(sub(sum.by(BY_TARGET, minOverTime(select(ordersFilled).over(paperTradeLag))), sum.by(BY_TARGET, select(paperTrades))), 0),
        SIGN_LABEL,
        LIVE_TRADING_SIGNS.fillsOutsidePaper,
        'job',
        '.*',
      ),
    ),
    keepFiringFor,
    severity: 'critical',
    labels: cdbLabels('paper-execution'),
    summary: 'Execution is not in paper mode: possible live trading.',
    description: description('{{ $labels.service }}', '{{ $labels.instance }}', `{{ $labels.${SIGN_LABEL} }}`),
    dashboard: { dashboard: DASHBOARD_IDS.paperExecution, panel: 'Execution mode' },
    runbook: {
      meaning: [
        'cdb_execution shows a sign that orders may reach a real exchange; the `sign` label says which:',
        `"${LIVE_TRADING_SIGNS.modeActive('<mode>')}" — \`cdb_execution_mode\` of a mode other than paper (live, or a mode the catalog does not know such as testnet) is not 0;`,
        `"${LIVE_TRADING_SIGNS.paperInactive}" — \`cdb_execution_mode{mode="paper"}\` is not 1;`,
        `"${LIVE_TRADING_SIGNS.fillsOutsidePaper}" — since cdb_execution started, \`cdb_orders_filled_total\` as it stood ${paperTradeLag} ago (paperTradeLag) is above \`cdb_paper_trades_total\` now. In paper mode every fill is a paper trade, counted at most that lag later, so the fill count never runs ahead; a fill outside paper mode does, whatever the mode gauge says.`,
        'In phase N1 only paper trading is allowed: this is an incident, never a feature. A cdb_execution that is up but does not export its paper-mode series or its trade counters cannot confirm paper mode: CdbPaperModeUnconfirmed pages for that.',
      ].join(' '),
      impact: 'Orders may reach a real exchange with real funds. Every minute counts; the block is void from the moment the mode changed.',
      diagnose: [
        'Look at `cdb_execution_mode` on the paper execution dashboard ("Execution mode by series") to see which instance changed and when.',
        'For the fill sign, compare `sum by (instance) (cdb_orders_filled_total)` with `sum by (instance) (cdb_paper_trades_total)`: the difference is the number of fills that were not paper trades since cdb_execution started.',
        'Check the deployed configuration of cdb_execution (its environment and config file) for the execution mode and exchange credentials.',
        'Check the exchange account for orders placed since the change.',
      ],
      mitigate: [
        'Stop cdb_execution immediately (`docker stop cdb_execution`); paper trading can wait, live orders cannot.',
        'Revoke or remove the exchange API keys from the host if any are present.',
        'Cancel any open real orders on the exchange, then restore paper mode and record the incident before restarting.',
        'The fill sign stays until cdb_execution restarts (its counters start again at 0): restart it only once the incident is recorded.',
      ],
    },
    silence: [
      {
        check: 'promql/counter-without-rate',
        reason:
          'The fill sign compares two counters of the same process, not a rate: in paper mode the fill total never runs ahead of the paper-trade total, and both start again at 0 on a restart (min_over_time then takes the new value). An increase() over a window would extrapolate the two windows differently and page on equal counts.',
      },
    ],
    source: import.meta.url,
    scenarios: [...modeScenarios(), ...fillScenarios()],
  });
  return cdbLiveTradingDetected;
}
