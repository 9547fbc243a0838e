import { comparePrecedence, InstantVector, Scalar, type Expr, type Precedence } from './expr';
import { num } from './functions';

/** Vector matching for a binary operation between two vectors. */
export interface VectorMatching<L extends string = string> {
  /** Match only on these labels. */
  readonly on?: readonly L[];
  /** Match on all labels but these. */
  readonly ignoring?: readonly L[];
  /** Many-to-one: each left series matches one right series; `true` or the right-hand labels to copy. */
  readonly groupLeft?: true | readonly string[];
  /** One-to-many, the mirror of `groupLeft`. */
  readonly groupRight?: true | readonly string[];
}

type Operand = Expr<string> | number;
type ResultOf<A, B> = A extends InstantVector<infer L>
  ? InstantVector<L>
  : B extends InstantVector<infer R>
    ? InstantVector<R>
    : Scalar;

const toExpr = (o: Operand): Expr<string> => (typeof o === 'number' ? num(o) : o);

function operand(e: Expr<string>, parent: Precedence, side: 'left' | 'right'): string {
  const c = comparePrecedence(e.precedence, parent);
  // Left-associative operators: an equal-precedence operand needs parentheses on the right only;
  // `^` is right-associative, so the reverse.
  const needsParens = c < 0 || (c === 0 && (parent === 'power' ? side === 'left' : side === 'right'));
  return needsParens ? `(${e.text})` : e.text;
}

function modifiers(m: VectorMatching | undefined): string {
  if (!m) return '';
  let s = '';
  if (m.on) s += ` on (${m.on.join(', ')})`;
  if (m.ignoring) s += ` ignoring (${m.ignoring.join(', ')})`;
  if (m.groupLeft) s += m.groupLeft === true ? ' group_left' : ` group_left (${m.groupLeft.join(', ')})`;
  if (m.groupRight) s += m.groupRight === true ? ' group_right' : ` group_right (${m.groupRight.join(', ')})`;
  return s;
}

function binary(op: string, precedence: Precedence, bool = false) {
  return <A extends Operand, B extends Operand>(a: A, b: B, matching?: VectorMatching): ResultOf<A, B> => {
    const left = toExpr(a);
    const right = toExpr(b);
    const text = `${operand(left, precedence, 'left')} ${op}${bool ? ' bool' : ''}${modifiers(matching)} ${operand(right, precedence, 'right')}`;
    const isVector = left.kind === 'instant' || right.kind === 'instant';
    return (isVector ? new InstantVector(text, precedence) : new Scalar(text, precedence)) as ResultOf<A, B>;
  };
}

export const add = binary('+', 'additive');
export const sub = binary('-', 'additive');
export const mul = binary('*', 'multiplicative');
export const div = binary('/', 'multiplicative');
export const mod = binary('%', 'multiplicative');
export const pow = binary('^', 'power');

/** Filtering comparisons: keep the left series where the comparison holds. */
export const gt = binary('>', 'comparison');
export const ge = binary('>=', 'comparison');
export const lt = binary('<', 'comparison');
export const le = binary('<=', 'comparison');
export const eq = binary('==', 'comparison');
export const ne = binary('!=', 'comparison');
/** `bool` comparisons: 1 where the comparison holds, 0 elsewhere. */
export const gtBool = binary('>', 'comparison', true);
export const ltBool = binary('<', 'comparison', true);
export const eqBool = binary('==', 'comparison', true);

/** Set operations between vectors. */
export const and = <L extends string>(a: InstantVector<L>, b: InstantVector<string>, matching?: VectorMatching) =>
  binary('and', 'and')(a, b, matching) as InstantVector<L>;
export const unless = <L extends string>(a: InstantVector<L>, b: InstantVector<string>, matching?: VectorMatching) =>
  binary('unless', 'and')(a, b, matching) as InstantVector<L>;
export const or = <L extends string, R extends string>(a: InstantVector<L>, b: InstantVector<R>, matching?: VectorMatching) =>
  binary('or', 'or')(a, b, matching) as InstantVector<L | R>;
