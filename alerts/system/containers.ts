/**
 * Shared pieces of the container alerts: the `service` label of a cAdvisor result, and the labels of cAdvisor
 * series for scenarios.
 *
 * cAdvisor names a container by its docker name in `name`, which in the CdB compose file is the service name
 * (cdb_core, cdb_ws, ...), while its `service` target label is "cadvisor". The container recording rules keep
 * only `name`. The alerts copy `name` into `service` with label_replace, so that routing, grouping and the
 * inhibitions keyed on `service` (a service that is down mutes its own symptoms, critical mutes warning) treat a
 * container alert as an alert about that service. A static `service` label cannot do this: one alert covers every
 * container.
 */
import { labelReplace, matchesRegex, type InstantVector } from '../../engine/promql';
import type { ServiceName } from '../../config/services';
import { exporterTargetLabels } from '../common';

/** cAdvisor's `name` label of the CdB containers. */
export const CDB_CONTAINERS = { name: matchesRegex('cdb_.+') };

/** The result with `service` set to the container's `name` (overwriting cAdvisor's own target label). */
export function serviceFromContainerName<L extends string>(v: InstantVector<L | 'name'>): InstantVector<L | 'name' | 'service'> {
  return labelReplace(v, 'service', '$1', 'name', '(.+)');
}

/** Labels of a cAdvisor series of a CdB container, as scraped by the cadvisor job. */
export function containerLabels(name: ServiceName) {
  const dockerId = Buffer.from(name).toString('hex').padEnd(64, '0');
  return { ...exporterTargetLabels('cadvisor'), id: `/docker/${dockerId}`, name, image: `claire-de-binare/${name}:n1` };
}
