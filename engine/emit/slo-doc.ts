/** docs/slos.md: every SLO with its objective, period, reasoning, error budget and the four burn-rate thresholds. */
import type { ResolvedProject } from '../resolve/resolved-project';
import { BURN_RATE_TIERS, burnRateFactor, errorBudget } from '../slo/burn-rate';
import { periodDays } from '../slo/model';
import { Exact } from '../slo/decimal';
import { generatedNote } from './generated-header';

/** Markdown text of the SLO list. */
export function emitSloDoc(project: ResolvedProject): string {
  const slos = project.slos.map((s) => s.slo);
  const lines = [
    `<!-- ${generatedNote(project.slos.map((s) => s.location.file))} -->`,
    '',
    '# Service level objectives',
    '',
    'Each SLO alerts in four tiers. A tier fires when the error ratio over both its windows exceeds',
    '`factor × error budget`, with factor = budget share × period ÷ long window: page-fast 2 % (1h / 5m),',
    'page-slow 5 % (6h / 30m), ticket-fast 10 % (1d / 2h), ticket-slow 10 % (3d / 6h). The windows are the same for',
    'every period; the factors scale with it.',
    '',
    '| SLO | service | objective | period | error budget | full outage budget | page-fast | page-slow | ticket-fast | ticket-slow |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const slo of slos) {
    const days = periodDays(slo.period);
    const budget = errorBudget(slo.objective);
    const outageMinutes = budget.times(Exact.of(days * 24 * 60)).toString(4);
    const tiers = BURN_RATE_TIERS.map((t) => {
      const factor = burnRateFactor(t, days);
      return `${factor.toExactText()}× (${factor.times(budget).toExactText()})`;
    });
    lines.push(`| ${slo.name} (\`${slo.id}\`) | ${slo.service} | ${slo.objective} % | ${slo.period} | ${budget.toString()} | ${outageMinutes} min | ${tiers.join(' | ')} |`);
  }
  lines.push(
    '',
    'Thresholds: burn-rate factor, and in brackets the error ratio it stands for. Both are exact: a value without a',
    'finite decimal is written as a fraction (14/15 is 0.9333…), and the rules hold the float64 nearest to it, so an',
    'error ratio equal to a threshold does not fire its tier.',
    '',
  );
  for (const slo of slos) {
    lines.push(`## ${slo.name}`, '', `${slo.description}`, '', `**Why ${slo.objective} % over ${slo.period}.** ${slo.reasoning}`, '', `SLI: ${slo.sli.kind}.`, '');
  }
  return lines.join('\n');
}
