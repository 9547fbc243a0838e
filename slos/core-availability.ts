/** The services that turn market data into paper trades are up. */
import { slo } from '../engine/slo/model';
import { gaugeNotation } from '../engine/slo/simulate';
import { matchesRegex, select } from '../engine/promql';
import { exporters } from '../catalog';
import { targetLabels } from '../alerts/common';

const CORE_SERVICES = ['cdb_core', 'cdb_risk', 'cdb_execution'] as const;

export const coreAvailability = slo({
  id: 'core-availability',
  layer: 'system',
  service: 'cdb_core',
  name: 'Core services availability',
  description: 'Share of time the signal engine, the risk manager and paper execution answer their scrapes.',
  reasoning:
    'A 72-hour block needs the whole chain up; 99.5 % over 30 days allows about 3.6 hours of downtime a month, room for deploys between blocks but not for a crash loop inside one.',
  objective: 99.5,
  period: '30d',
  sli: { kind: 'availability', good: select(exporters.up, { job: matchesRegex(CORE_SERVICES.join('|')) }) },
  // The scenario's good signal is the average of the three services: all up or all down together.
  scenarioInput: (t) => CORE_SERVICES.map((s) => ({ series: String(select(exporters.up, targetLabels(s))), values: gaugeNotation(t.good) })),
  source: import.meta.url,
});
