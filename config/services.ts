import type { LayerId } from './layers';

/**
 * The ten docker services of the CdB stack and the scrape jobs that watch them.
 *
 * `job` is the Prometheus job name and the value of the `service` target label on everything scraped for the
 * service. Application services expose `/metrics` and `/health` on `port`; PostgreSQL and Redis are watched through
 * their exporters.
 */
export interface CdbService {
  readonly name: string;
  readonly layer: LayerId;
  readonly description: string;
  /** Host name of the container on the compose network. */
  readonly host: string;
  /** Port of its `/metrics` and `/health` endpoints (application services only). */
  readonly port?: number;
  /** Path of the health endpoint probed by blackbox_exporter, when it has one. */
  readonly healthPath?: string;
}

export const SERVICES = [
  { name: 'cdb_postgres', layer: 'database', host: 'cdb_postgres', description: 'PostgreSQL: orders, fills, signals and reports.' },
  { name: 'cdb_redis', layer: 'system', host: 'cdb_redis', description: 'Redis: the pub/sub message bus between layers.' },
  { name: 'cdb_ws', layer: 'market-data', host: 'cdb_ws', port: 8001, healthPath: '/health', description: 'Market-data websocket client and screener.' },
  { name: 'cdb_core', layer: 'signal-engine', host: 'cdb_core', port: 8002, healthPath: '/health', description: 'Signal engine: turns market data into trading signals.' },
  { name: 'cdb_risk', layer: 'risk', host: 'cdb_risk', port: 8003, healthPath: '/health', description: 'Risk manager: approves or rejects signals against limits.' },
  { name: 'cdb_execution', layer: 'paper-execution', host: 'cdb_execution', port: 8004, healthPath: '/health', description: 'Paper execution: simulated orders and fills.' },
  { name: 'cdb_db_writer', layer: 'database', host: 'cdb_db_writer', port: 8005, healthPath: '/health', description: 'Persistence: writes bus events to PostgreSQL.' },
  { name: 'cdb_paper_runner', layer: 'paper-execution', host: 'cdb_paper_runner', port: 8006, healthPath: '/health', description: 'Paper-trading runner: drives the 72-hour blocks and their reports.' },
  { name: 'cdb_prometheus', layer: 'system', host: 'cdb_prometheus', port: 9090, healthPath: '/-/healthy', description: 'Prometheus: scrapes, records and alerts.' },
  { name: 'cdb_grafana', layer: 'system', host: 'cdb_grafana', port: 3000, healthPath: '/api/health', description: 'Grafana: the dashboards generated here.' },
] as const satisfies readonly CdbService[];

export type ServiceName = (typeof SERVICES)[number]['name'];

/** The services that run CdB's own code and expose the catalog's `cdb_*` metrics. */
export const APPLICATION_SERVICES = ['cdb_ws', 'cdb_core', 'cdb_risk', 'cdb_execution', 'cdb_db_writer', 'cdb_paper_runner'] as const;
export type ApplicationService = (typeof APPLICATION_SERVICES)[number];

/**
 * Exporters and monitoring components scraped besides the services, with the job name used for them.
 * `watches` is the value of the `service` target label on their series.
 */
export const EXPORTER_JOBS = {
  cadvisor: { job: 'cadvisor', host: 'cdb_cadvisor', port: 8080, watches: 'cadvisor' },
  node: { job: 'node_exporter', host: 'cdb_node_exporter', port: 9100, watches: 'host' },
  redis: { job: 'redis_exporter', host: 'cdb_redis_exporter', port: 9121, watches: 'cdb_redis' },
  postgres: { job: 'postgres_exporter', host: 'cdb_postgres_exporter', port: 9187, watches: 'cdb_postgres' },
  blackbox: { job: 'blackbox_http', host: 'cdb_blackbox_exporter', port: 9115, watches: 'probed service' },
  alertmanager: { job: 'cdb_alertmanager', host: 'cdb_alertmanager', port: 9093, watches: 'cdb_alertmanager' },
} as const;
