/**
 * prometheus-redis-exporter 1.x (Debian 12 package 1.45.0) watching cdb_redis.
 *
 * Names, types, HELP texts and labels must match the real exposition (checked against the running 1.45.0
 * binary in front of redis-server 7.0); never rename them here. Most HELP texts really are "<field> metric".
 */
import { EXPORTER_JOBS } from '../../config/services';
import { metric } from '../../engine/catalog/metric';

const JOBS = [EXPORTER_JOBS.redis.job];

/** 0 when the exporter cannot reach Redis (the exporter itself is then still `up`). */
export const redisUp = metric({
  name: 'redis_up',
  type: 'gauge',
  help: 'Information about the Redis instance',
  unit: 'boolean',
  labels: [],
  exposedBy: JOBS,
});

export const redisConnectedClients = metric({
  name: 'redis_connected_clients',
  type: 'gauge',
  help: 'connected_clients metric',
  unit: 'count',
  labels: [],
  exposedBy: JOBS,
});

export const redisBlockedClients = metric({
  name: 'redis_blocked_clients',
  type: 'gauge',
  help: 'blocked_clients metric',
  unit: 'count',
  labels: [],
  exposedBy: JOBS,
});

export const redisConfigMaxclients = metric({
  name: 'redis_config_maxclients',
  type: 'gauge',
  help: 'config_maxclients metric',
  unit: 'count',
  labels: [],
  exposedBy: JOBS,
});

export const redisMemoryUsedBytes = metric({
  name: 'redis_memory_used_bytes',
  type: 'gauge',
  help: 'memory_used_bytes metric',
  unit: 'bytes',
  labels: [],
  exposedBy: JOBS,
});

/** 0 when no maxmemory is configured. */
export const redisMemoryMaxBytes = metric({
  name: 'redis_memory_max_bytes',
  type: 'gauge',
  help: 'memory_max_bytes metric',
  unit: 'bytes',
  labels: [],
  exposedBy: JOBS,
});

export const redisPubsubChannels = metric({
  name: 'redis_pubsub_channels',
  type: 'gauge',
  help: 'pubsub_channels metric',
  unit: 'count',
  labels: [],
  exposedBy: JOBS,
});

export const redisPubsubPatterns = metric({
  name: 'redis_pubsub_patterns',
  type: 'gauge',
  help: 'pubsub_patterns metric',
  unit: 'count',
  labels: [],
  exposedBy: JOBS,
});

export const redisCommandsProcessedTotal = metric({
  name: 'redis_commands_processed_total',
  type: 'counter',
  help: 'commands_processed_total metric',
  unit: 'count',
  labels: [],
  exposedBy: JOBS,
});

export const redisUptimeInSeconds = metric({
  name: 'redis_uptime_in_seconds',
  type: 'gauge',
  help: 'uptime_in_seconds metric',
  unit: 'seconds',
  labels: [],
  exposedBy: JOBS,
});

export const redisStartTimeSeconds = metric({
  name: 'redis_start_time_seconds',
  type: 'gauge',
  help: 'Start time of the Redis instance since unix epoch in seconds.',
  unit: 'timestamp_seconds',
  labels: [],
  exposedBy: JOBS,
});

export const redisRejectedConnectionsTotal = metric({
  name: 'redis_rejected_connections_total',
  type: 'counter',
  help: 'rejected_connections_total metric',
  unit: 'count',
  labels: [],
  exposedBy: JOBS,
});

export const redisEvictedKeysTotal = metric({
  name: 'redis_evicted_keys_total',
  type: 'counter',
  help: 'evicted_keys_total metric',
  unit: 'count',
  labels: [],
  exposedBy: JOBS,
});

export const redisExporterMetrics = [
  redisUp,
  redisConnectedClients,
  redisBlockedClients,
  redisConfigMaxclients,
  redisMemoryUsedBytes,
  redisMemoryMaxBytes,
  redisPubsubChannels,
  redisPubsubPatterns,
  redisCommandsProcessedTotal,
  redisUptimeInSeconds,
  redisStartTimeSeconds,
  redisRejectedConnectionsTotal,
  redisEvictedKeysTotal,
];
