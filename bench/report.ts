/** What each benchmark reports, and the markdown `npm run bench` prints from it. */

/** One target of the issue, measured. */
export interface TargetResult {
  readonly name: string;
  /** The target as written, e.g. "≤ 1.0 s". */
  readonly target: string;
  /** The measured figure, e.g. "0.82 s (median of 5)". */
  readonly measured: string;
  readonly met: boolean;
  /** Why it is not met and what would meet it, when it is not. */
  readonly note?: string;
}

/** A table of measurements. */
export interface Table {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface BenchSection {
  readonly title: string;
  readonly tables: readonly Table[];
  readonly targets: readonly TargetResult[];
}

export function renderTable(table: Table): string {
  return [
    `#### ${table.title}`,
    '',
    `| ${table.columns.join(' | ')} |`,
    `|${table.columns.map(() => '---').join('|')}|`,
    ...table.rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

export function renderSections(sections: readonly BenchSection[]): string {
  const targets = sections.flatMap((s) => s.targets);
  const out = ['## Benchmarks', ''];
  out.push('| target | goal | measured | met |', '|---|---|---|---|');
  for (const t of targets) out.push(`| ${t.name} | ${t.target} | ${t.measured} | ${t.met ? 'yes' : 'NO'} |`);
  const notes = targets.filter((t) => !t.met && t.note);
  if (notes.length > 0) out.push('', ...notes.map((t) => `- ${t.name}: ${t.note}`));
  for (const section of sections) {
    out.push('', `### ${section.title}`);
    for (const table of section.tables) out.push('', renderTable(table));
  }
  return `${out.join('\n')}\n`;
}

/** The median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
