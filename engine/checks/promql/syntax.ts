import { finding, type Check } from '../check';

/** Every expression must parse with the PromQL grammar (panel queries after Grafana macros are substituted). */
export const promqlSyntax: Check = {
  id: 'promql/syntax',
  severity: 'error',
  description: 'Expressions that do not parse as PromQL.',
  run: (ctx) =>
    ctx.queries
      .filter((q) => q.analysis.syntaxErrors.length > 0)
      .map((q) =>
        finding(
          promqlSyntax,
          q.location,
          `does not parse as PromQL (${q.analysis.syntaxErrors.slice(0, 3).join('; ')}): ${q.expr}`,
          'Build the expression with the typed builder in engine/promql instead of raw text.',
        ),
      ),
};
