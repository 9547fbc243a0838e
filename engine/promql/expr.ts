/**
 * A typed PromQL expression: rendered text plus, in its type, the label names its series can carry.
 *
 * Expressions are immutable values built by the functions in `builder.ts`; they render to PromQL with
 * `String(expr)`. The label type parameter lets the compiler reject `sum by (typo)` or a matcher on a label the
 * metric does not have.
 */
export type ExprKind = 'instant' | 'range' | 'scalar';

/** Operator precedence from lowest to highest, as the PromQL grammar defines it. */
export type Precedence = 'or' | 'and' | 'comparison' | 'additive' | 'multiplicative' | 'power' | 'atom';

const PRECEDENCE_ORDER: readonly Precedence[] = ['or', 'and', 'comparison', 'additive', 'multiplicative', 'power', 'atom'];

/** Compares two precedences: negative when `a` binds less tightly than `b`. */
export function comparePrecedence(a: Precedence, b: Precedence): number {
  return PRECEDENCE_ORDER.indexOf(a) - PRECEDENCE_ORDER.indexOf(b);
}

abstract class BaseExpr {
  constructor(
    /** PromQL text of this expression. */
    readonly text: string,
    /** How tightly the outermost operator binds; operands of a looser operator get parentheses. */
    readonly precedence: Precedence,
  ) {}
  toString(): string {
    return this.text;
  }
}

/** An instant vector whose series may carry the labels `L`. */
export class InstantVector<L extends string = string> extends BaseExpr {
  readonly kind = 'instant' as const;
  /** Phantom field: only the type matters. */
  declare readonly __labels?: L;
}

/** A range vector (`selector[window]` or a subquery) whose series may carry the labels `L`. */
export class RangeVector<L extends string = string> extends BaseExpr {
  readonly kind = 'range' as const;
  declare readonly __labels?: L;
}

/** A scalar expression (a number literal, `time()`, `scalar(...)`). */
export class Scalar extends BaseExpr {
  readonly kind = 'scalar' as const;
}

/** Any PromQL expression that evaluates to an instant result (what a rule or panel query may be). */
export type Expr<L extends string = string> = InstantVector<L> | Scalar;
