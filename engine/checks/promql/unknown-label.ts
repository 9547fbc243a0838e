import { finding, type Check } from '../check';

/** Matchers and by/without/on/ignoring clauses may only name labels the series can carry. */
export const promqlUnknownLabel: Check = {
  id: 'promql/unknown-label',
  severity: 'error',
  description: 'Label matchers and grouping clauses naming labels the selected series cannot carry.',
  run(ctx) {
    const labelsOf = (name: string) => ctx.catalog.labelsForSeries(name) ?? ctx.recordedLabels.get(name);
    return ctx.queries.flatMap((q) => [
      ...q.analysis.selectors.flatMap((s) => {
        const labels = s.name ? labelsOf(s.name) : undefined;
        if (!labels) return [];
        return s.matchers
          .filter((m) => m.label !== '__name__' && !labels.has(m.label))
          .map((m) =>
            finding(
              promqlUnknownLabel,
              q.location,
              `matches on label "${m.label}", which ${s.name} does not have (it has: ${[...labels].sort().join(', ')})`,
              'Use one of the labels the catalog declares for this metric, or add the label to the catalog.',
            ),
          );
      }),
      ...q.analysis.groupings
        .filter((g) => g.available !== undefined && !g.available.has(g.label))
        .map((g) =>
          finding(
            promqlUnknownLabel,
            q.location,
            `groups ${g.clause} label "${g.label}", which its input cannot carry (available: ${[...g.available!].sort().join(', ') || 'none'})`,
            'Keep the label through every aggregation below this one, or group by a label the input has.',
          ),
        ),
    ]);
  },
};
