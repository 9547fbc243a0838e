import { expressionGuards } from '../../promql/guards';
import { finding, type Check, type Finding } from '../check';

/**
 * A quantile of a histogram never exceeds its largest finite bucket bound: histogram_quantile() returns that bound
 * for every observation beyond it. An alert on a quantile above a threshold at or past that bound can never fire.
 */
export const alertsReachableThreshold: Check = {
  id: 'alerts/reachable-threshold',
  severity: 'error',
  description: 'Alerts on a histogram quantile above a threshold the quantile can never exceed (the largest finite bucket bound).',
  run(ctx) {
    const out: Finding[] = [];
    const readsQuantile = new Map(ctx.queries.filter((q) => q.kind === 'rule' && q.rule?.kind === 'recording').map((q) => [q.rule!.kind === 'recording' ? q.rule!.record : '', q.analysis.functions.includes('histogram_quantile')]));
    for (const { alert, items } of ctx.evidence) {
      const analysis = ctx.queries.find((q) => q.alert === alert)?.analysis;
      const quantileDirect = analysis?.functions.includes('histogram_quantile') ?? false;
      const histograms = items.filter((i) => i.metric.type === 'histogram' && (i.metric.buckets ?? []).length > 0 && (quantileDirect || i.via.some((r) => readsQuantile.get(r))));
      if (histograms.length === 0) continue;
      const thresholds = expressionGuards(alert.expr, ctx.promqlMemo).thresholds;
      for (const h of histograms) {
        const largest = Math.max(...(h.metric.buckets ?? []));
        for (const t of thresholds.filter((x) => x >= largest)) {
          out.push(
            finding(
              alertsReachableThreshold,
              alert.location,
              `compares a quantile of ${h.metric.name} with ${t}, but its largest finite bucket is ${largest}: histogram_quantile() never returns more, so the alert can never fire`,
              `Use a threshold below ${largest}, or give ${h.metric.name} larger buckets in the catalog (and in the service's instrumentation).`,
            ),
          );
        }
      }
    }
    return out;
  },
};
