/** Metrics every CdB application service exposes about itself, and the Redis bus it talks over. */
import { metric } from '../../engine/catalog/metric';
import { APPLICATION_SERVICES } from '../../config/services';

export const serviceInfo = metric({
  name: 'cdb_service_info',
  type: 'info',
  help: 'Build information of the service; always 1.',
  unit: 'info',
  labels: ['version', 'commit'],
  exposedBy: APPLICATION_SERVICES,
});

export const serviceHealthy = metric({
  name: 'cdb_service_healthy',
  type: 'gauge',
  help: 'Whether the service reports itself healthy on /health (1) or not (0).',
  unit: 'boolean',
  labels: [],
  exposedBy: APPLICATION_SERVICES,
});

export const serviceDependencyUp = metric({
  name: 'cdb_service_dependency_up',
  type: 'gauge',
  help: 'Whether the service can reach a dependency (1) or not (0), as seen from inside the service.',
  unit: 'boolean',
  labels: ['dependency'],
  labelValues: { dependency: ['redis', 'postgres', 'exchange'] },
  exposedBy: APPLICATION_SERVICES,
});

export const serviceStartTime = metric({
  name: 'cdb_service_start_time_seconds',
  type: 'gauge',
  help: 'Start time of the service process, in seconds since the epoch.',
  unit: 'timestamp_seconds',
  labels: [],
  exposedBy: APPLICATION_SERVICES,
});

/** The topics on the Redis bus, in event-flow order. */
export const BUS_TOPICS = ['market_data', 'signals', 'risk_decisions', 'orders', 'fills'] as const;

export const busMessagesPublished = metric({
  name: 'cdb_bus_messages_published_total',
  type: 'counter',
  help: 'Messages the service published to a Redis pub/sub topic.',
  unit: 'count',
  labels: ['topic'],
  labelValues: { topic: BUS_TOPICS },
  exposedBy: APPLICATION_SERVICES,
});

export const busMessagesConsumed = metric({
  name: 'cdb_bus_messages_consumed_total',
  type: 'counter',
  help: 'Messages the service consumed from a Redis pub/sub topic.',
  unit: 'count',
  labels: ['topic'],
  labelValues: { topic: BUS_TOPICS },
  exposedBy: APPLICATION_SERVICES,
});

export const serviceHealthMetrics = [
  serviceInfo,
  serviceHealthy,
  serviceDependencyUp,
  serviceStartTime,
  busMessagesPublished,
  busMessagesConsumed,
];
