/** The inputs of every histogram_quantile() call of an expression, with the labels each input can carry. */
import type { SyntaxNode } from '@lezer/common';
import { analyzePromql, parsePromql, type SeriesLabels } from './analyze';

/** The second argument of one histogram_quantile() call. */
export interface QuantileInput {
  /** The argument as written. */
  readonly text: string;
  /** Labels the argument's result can carry; undefined when a selector's labels are unknown. */
  readonly labels: ReadonlySet<string> | undefined;
}

function exprArguments(call: SyntaxNode): SyntaxNode[] {
  const args: SyntaxNode[] = [];
  const body = call.getChild('FunctionCallBody');
  for (let c = body?.firstChild; c; c = c.nextSibling) if (c.type.is('Expr')) args.push(c);
  return args;
}

/**
 * Every histogram_quantile() input of `text` (nested calls included, outermost first), with its labels inferred
 * by analyzePromql. Empty when `text` does not parse.
 */
export function histogramQuantileInputs(text: string, seriesLabels: SeriesLabels): QuantileInput[] {
  const tree = parsePromql(text).tree;
  let broken = false;
  const calls: SyntaxNode[] = [];
  tree.iterate({
    enter: (n) => {
      if (n.type.isError) broken = true;
      if (n.name === 'FunctionCall') {
        const id = n.node.getChild('FunctionIdentifier');
        if (id && text.slice(id.from, id.to) === 'histogram_quantile') calls.push(n.node);
      }
    },
  });
  if (broken) return [];
  return calls.flatMap((call) => {
    const input = exprArguments(call)[1];
    if (!input) return [];
    const argument = text.slice(input.from, input.to);
    return [{ text: argument, labels: analyzePromql(argument, seriesLabels).outputLabels }];
  });
}
