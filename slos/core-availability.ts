/** The services that turn market data into paper trades are up. */
import { slo } from '../engine/slo/model';
import { gaugeNotation } from '../engine/slo/simulate';
import { matchesRegex, select } from '../engine/promql';
import { exporters } from '../catalog';
import { targetLabels } from '../alerts/common';
import type { Settings } from '../config/settings';
import type { SloSpec } from '../engine/model/slo';

const CORE_SERVICES = ['cdb_core', 'cdb_risk', 'cdb_execution'] as const;

export function coreAvailability(settings: Settings): SloSpec {
  const { objective } = settings.slos['core-availability'];
  /** Hours of downtime the objective allows in 30 days. */
  const allowedHours = Number((((100 - objective) / 100) * 30 * 24).toPrecision(2));
  return slo({
    id: 'core-availability',
    layer: 'system',
    service: 'cdb_core',
    name: 'Core services availability',
    description: 'Share of time the signal engine, the risk manager and paper execution answer their scrapes.',
    reasoning: `A ${settings.block.hours}-hour block needs the whole chain up; ${objective} % over 30 days allows about ${allowedHours} hours of downtime a month, room for deploys between blocks but not for a crash loop inside one.`,
    objective,
    period: '30d',
    sli: { kind: 'availability', good: select(exporters.up, { job: matchesRegex(CORE_SERVICES.join('|')) }) },
    // The scenario's good signal is the average of the three services: all up or all down together.
    scenarioInput: (t) => CORE_SERVICES.map((s) => ({ series: String(select(exporters.up, targetLabels(s))), values: gaugeNotation(t.good) })),
    source: import.meta.url,
  });
}
