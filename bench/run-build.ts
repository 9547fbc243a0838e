/** The build benchmarks alone: `npx tsx bench/run-build.ts` prints their markdown. */
import { renderSections } from './report';
import { run as buildSpeed } from './build-speed';
import { run as scaling } from './scaling';

process.stdout.write(renderSections([await buildSpeed(), await scaling()]));
