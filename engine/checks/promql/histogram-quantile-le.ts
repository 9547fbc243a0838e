import { finding, type Check } from '../check';
import { substituteGrafanaMacros, type SeriesLabels } from '../../promql/analyze';
import { histogramQuantileInputs } from '../../promql/quantile-inputs';

/** histogram_quantile() reads the buckets from the `le` label: an input that aggregated it away has no buckets left. */
export const promqlHistogramQuantileLe: Check = {
  id: 'promql/histogram-quantile-le',
  severity: 'error',
  description: 'histogram_quantile() over an input whose aggregation drops the le label.',
  run(ctx) {
    const seriesLabels: SeriesLabels = (name) => ctx.catalog.labelsForSeries(name) ?? ctx.recordedLabels.get(name);
    return ctx.queries
      .filter((q) => q.analysis.syntaxErrors.length === 0 && q.analysis.functions.includes('histogram_quantile'))
      .flatMap((q) => {
        const text = q.kind === 'panel' || q.kind === 'variable' ? substituteGrafanaMacros(q.expr) : q.expr;
        return histogramQuantileInputs(text, seriesLabels, ctx.promqlMemo)
          .filter((input) => input.labels !== undefined && !input.labels.has('le'))
          .map((input) =>
            finding(
              promqlHistogramQuantileLe,
              q.location,
              `histogram_quantile() input drops the le label (it keeps: ${[...input.labels!].sort().join(', ') || 'no labels'}): ${q.expr}`,
              'Keep le in every aggregation of the buckets, e.g. sum by (le) (...) or sum by (job, le) (...).',
            ),
          );
      });
  },
};
