/**
 * The Claire de Binare metric catalog: the instrumentation contract of the ten services, the exporters and the
 * monitoring stack. Dashboards, rules and alerts select metrics from here; the prom-client factory creates them.
 */
import { defineCatalog } from '../engine/catalog/catalog';
import { cdbMetrics } from './cdb';
import { exporterMetrics } from './exporters';

export * as cdb from './cdb';
export * as exporters from './exporters';

export const catalog = defineCatalog([...cdbMetrics, ...exporterMetrics]);
