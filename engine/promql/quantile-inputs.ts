/** The inputs of every histogram_quantile() call of an expression, with the labels each input can carry. */
import { analyzePromql, type PromqlMemo, type SeriesLabels } from './analyze';
import { callArguments, callName, nodeText, parsePromql, type SyntaxNode } from './syntax';

/** The second argument of one histogram_quantile() call. */
export interface QuantileInput {
  /** The argument as written. */
  readonly text: string;
  /** Labels the argument's result can carry; undefined when a selector's labels are unknown. */
  readonly labels: ReadonlySet<string> | undefined;
}

/**
 * Every histogram_quantile() input of `text` (nested calls included, outermost first), with its labels inferred
 * by analyzePromql. Empty when `text` does not parse. `memo` supplies and keeps parses, as in analyzePromql.
 */
export function histogramQuantileInputs(text: string, seriesLabels: SeriesLabels, memo?: PromqlMemo): QuantileInput[] {
  const parsed = parsePromql(text, memo);
  if (parsed.syntaxErrors.length > 0) return [];
  const calls: SyntaxNode[] = [];
  parsed.tree.iterate({
    enter: (n) => {
      if (n.name === 'FunctionCall' && callName(text, n.node) === 'histogram_quantile') calls.push(n.node);
    },
  });
  return calls.flatMap((call) => {
    const input = callArguments(call)[1];
    if (!input) return [];
    const argument = nodeText(text, input);
    return [{ text: argument, labels: analyzePromql(argument, seriesLabels, memo).outputLabels }];
  });
}
