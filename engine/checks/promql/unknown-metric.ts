import { finding, type Check } from '../check';

/** A selector must name a catalog series or a recording rule of the project. */
export const promqlUnknownMetric: Check = {
  id: 'promql/unknown-metric',
  severity: 'error',
  description: 'Selectors of metrics that are neither in the catalog nor recorded by a rule.',
  run(ctx) {
    const known = (name: string) => ctx.catalog.metricForSeries(name) !== undefined || ctx.recordedLabels.has(name);
    return ctx.queries.flatMap((q) =>
      q.analysis.selectors
        .filter((s) => s.name === undefined || !known(s.name))
        .map((s) =>
          finding(
            promqlUnknownMetric,
            q.location,
            s.name === undefined ? 'selects series without a metric name' : `selects unknown metric "${s.name}"`,
            'Add the metric to the catalog (catalog/) or define the recording rule, and select it through the catalog.',
          ),
        ),
    );
  },
};
