/** The Alertmanager receivers of CdB by name, and where their secrets are mounted. */
import { LAYERS, type LayerId } from './layers';

/**
 * Where the Alertmanager container finds its secret files: a read-only mount of its own, outside the generated
 * configuration directory (which the build replaces).
 */
export const SECRETS_DIR = '/etc/alertmanager-secrets';

/** Receiver names; routing tests and the docs refer to them. */
export const RECEIVERS = {
  pager: 'cdb-pager',
  deadMansSwitch: 'cdb-deadmansswitch',
  silent: 'cdb-silent',
  tickets: (layerId: LayerId | (string & {})) => `cdb-tickets-${layerId}`,
} as const;

/** Every ticket receiver, one per layer. */
export const TICKET_RECEIVERS = LAYERS.map((l) => ({ layer: l, name: RECEIVERS.tickets(l.id) }));
