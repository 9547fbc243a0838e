import { finding, type Check, type Finding } from '../check';
import { durationSeconds } from '../../promql/duration';
import { COUNTER_FUNCTIONS } from './rate-non-counter';

function seconds(duration: string | undefined): number | undefined {
  if (!duration) return undefined;
  try {
    return durationSeconds(duration);
  } catch {
    return undefined;
  }
}

/** In rules, a rate window needs at least two scrapes in it, or one missed scrape leaves it empty. */
export const promqlRuleRateWindow: Check = {
  id: 'promql/rule-rate-window',
  severity: 'error',
  description: 'rate(), irate() or increase() in a recording or alert rule over a window shorter than twice the scrape interval.',
  run(ctx) {
    const interval = ctx.prometheus.scrapeInterval;
    const minimum = 2 * durationSeconds(interval);
    const out: Finding[] = [];
    for (const q of ctx.queries) {
      if (q.kind !== 'rule' && q.kind !== 'alert') continue;
      for (const s of q.analysis.selectors) {
        if (s.enclosingFunction === undefined || !COUNTER_FUNCTIONS.has(s.enclosingFunction)) continue;
        const window = seconds(s.window);
        if (window === undefined || window >= minimum) continue;
        out.push(
          finding(
            promqlRuleRateWindow,
            q.location,
            `${s.enclosingFunction}(${s.name ?? ''}[${s.window}]) spans fewer than two scrape intervals (scrape interval ${interval}): ${q.expr}`,
            `Use a window of at least ${minimum}s; four scrape intervals (${2 * minimum}s) also survive a missed scrape.`,
          ),
        );
      }
    }
    return out;
  },
};
