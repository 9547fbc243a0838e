/** Runs the query-cost benchmark alone: `npx tsx bench/run-query-cost.ts` (BENCH_HOURS shortens the history). */
import { run } from './query-cost';
import { renderSections } from './report';

process.stdout.write(renderSections([await run()]));
