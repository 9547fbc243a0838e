/** Text helpers shared by the markdown sections of the report: inline code, field lines, folded sections, counts. */
import type { FieldChange } from './field-change';

/** Inline code that survives backticks in the text; `_(none)_` for absent. */
export function code(text: string | null): string {
  if (text === null) return '_(none)_';
  if (text === '') return '`""`';
  const oneLine = text.replace(/\s*\n\s*/g, ' ');
  const fence = oneLine.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ' ' : ''}${oneLine}${fence.length > 1 ? ' ' : ''}${fence}`;
}

/** A field change as a nested bullet: `- field: `before` → `after``. */
export function fieldLine(c: FieldChange, indent = '  '): string {
  return `${indent}- ${c.field}: ${code(c.before)} → ${code(c.after)}`;
}

/** A folded `<details>` block; nothing when there are no lines. */
export function section(title: string, lines: readonly string[]): string[] {
  if (lines.length === 0) return [];
  return ['<details>', `<summary>${title}</summary>`, '', ...lines, '', '</details>', ''];
}

/** `n` and the noun in the right number: `1 panel`, `0 panels`, `2 panels` (`many` defaults to `one` + s). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
