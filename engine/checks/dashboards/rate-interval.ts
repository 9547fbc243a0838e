import { finding, type Check } from '../check';
import { RATE_INTERVAL_STANDIN } from '../../promql/analyze';

const RATE_FUNCTIONS = new Set(['rate', 'irate']);

/** In panels, rate and irate take `$__rate_interval`, which is never shorter than four scrape intervals. */
export const dashboardRateInterval: Check = {
  id: 'dashboard/rate-interval',
  severity: 'error',
  description: 'rate() or irate() in a panel query whose window is not $__rate_interval.',
  run: (ctx) =>
    ctx.queries
      .filter((q) => q.kind === 'panel')
      .flatMap((q) =>
        q.analysis.selectors
          .filter((s) => s.enclosingFunction !== undefined && RATE_FUNCTIONS.has(s.enclosingFunction))
          .filter((s) => s.window !== RATE_INTERVAL_STANDIN)
          .map((s) =>
            finding(
              dashboardRateInterval,
              q.location,
              `${s.enclosingFunction}(${s.name ?? ''}[...]) does not use $__rate_interval: ${q.expr}`,
              "Use .over('$__rate_interval'), or read a recording rule that already holds the rate.",
            ),
          ),
      ),
};
