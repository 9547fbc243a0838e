/**
 * Alert routing for CdB: critical pages, warning opens a ticket in the layer's channel, info notifies nobody, and
 * Watchdog feeds the dead man's switch. Secrets are read from files mounted into the Alertmanager container.
 */
import { matcher, type AlertmanagerModel, type ReceiverModel, type RouteModel } from '../engine/model/alertmanager';
import { LAYERS } from './layers';
import { RECEIVERS, TICKET_RECEIVERS } from './receivers';
import type { Settings } from './settings';

/**
 * Alerts that only describe the effect of a service being down or unhealthy, and so wait while that is the case.
 * Alerts about the trading itself (Zero-Activity, risk limits, live trading) and about crashes never wait.
 */
const SYMPTOM_ALERTS = [
  'CdbMarketDataStale',
  'CdbWebsocketDisconnected',
  'CdbWebsocketReconnectStorm',
  'CdbSignalErrorRatioHigh',
  'CdbSignalLatencyHigh',
  'CdbRiskRejectionRatioSpike',
  'CdbOrderFailureRatioHigh',
  'CdbExecutionLatencyHigh',
  'CdbDbWriteErrors',
  'CdbDbWriterBacklogGrowing',
  'CdbDbNoSuccessfulWrite',
  'CdbDbSlowQueries',
  'CdbSloBurnRatePageFast',
  'CdbSloBurnRatePageSlow',
  'CdbSloBurnRateTicketFast',
  'CdbSloBurnRateTicketSlow',
];

/** Labels an alert group is built from: one notification per alert, layer and service. */
const GROUP_BY = ['alertname', 'layer', 'service'];

const warningRoutes: RouteModel[] = LAYERS.map((l) => ({ receiver: RECEIVERS.tickets(l.id), matchers: [matcher('layer', l.id)] }));

/** The receivers, with their endpoints and secret files from the settings. */
function receivers(settings: Settings): ReceiverModel[] {
  // Receiver settings are keyed by receiver name; the ticket receivers' names are made per layer.
  const endpoint = settings.receivers as unknown as Readonly<Record<string, { url: string; credentialsFile: string } & { apiUrlFile: string; channel: string }>>;
  const webhook = (name: string, sendResolved: boolean) => {
    const { url, credentialsFile } = endpoint[name]!;
    return [{ url, credentialsFile, sendResolved }];
  };
  return [
    {
      name: RECEIVERS.pager,
      purpose: 'Pages the on-call engineer through the paging bridge; the bearer token is a mounted secret file.',
      webhooks: webhook(RECEIVERS.pager, true),
    },
    {
      name: RECEIVERS.deadMansSwitch,
      purpose: "Heartbeat for the dead man's switch: it raises the alarm when Watchdog stops arriving.",
      webhooks: webhook(RECEIVERS.deadMansSwitch, false),
    },
    { name: RECEIVERS.silent, purpose: 'Info alerts: visible in Alertmanager and Grafana, never notified.' },
    ...TICKET_RECEIVERS.map(({ layer: l, name }) => {
      const { apiUrlFile, channel } = endpoint[name]!;
      return {
          name,
          purpose: `Warnings of layer ${l.number} (${l.title}): a ticket in the layer's chat channel; the webhook URL is a secret file.`,
          slack: [{ apiUrlFile, channel, sendResolved: true }],
        };
      }),
    ];
  }

  /** The Alertmanager configuration: routing, receivers and inhibitions. */
  export function alertmanager(settings: Settings): AlertmanagerModel {
    return {
    resolveTimeout: '5m',
    route: {
      // Anything no route below matches still reaches a human: the system layer's ticket channel.
      receiver: RECEIVERS.tickets('system'),
      groupBy: GROUP_BY,
      groupWait: '30s',
      groupInterval: '5m',
      repeatInterval: '4h',
      routes: [
        {
          receiver: RECEIVERS.deadMansSwitch,
          matchers: [matcher('alertname', 'Watchdog')],
          groupWait: '0s',
          groupInterval: '1m',
          repeatInterval: '1m',
        },
        {
          receiver: RECEIVERS.pager,
          matchers: [matcher('severity', 'critical')],
          groupWait: '10s',
          repeatInterval: '1h',
          routes: [{ receiver: RECEIVERS.pager, matchers: [matcher('alertname', 'CdbLiveTradingDetected')], groupWait: '0s', repeatInterval: '5m' }],
        },
        { receiver: RECEIVERS.tickets('system'), matchers: [matcher('severity', 'warning')], routes: warningRoutes },
        { receiver: RECEIVERS.silent, matchers: [matcher('severity', 'info')] },
      ],
    },
    receivers: receivers(settings),
    inhibitRules: [
      {
        reason: 'A service Prometheus cannot scrape mutes its failing health check and its symptom alerts (never Zero-Activity, risk, live-trading or container alerts).',
        source: [matcher('alertname', 'CdbTargetDown')],
        target: [matcher('alertname', ['CdbHealthEndpointFailing', ...SYMPTOM_ALERTS].join('|'), '=~')],
        equal: ['service'],
      },
      {
        reason: 'A service failing its health check mutes its symptom alerts.',
        source: [matcher('alertname', 'CdbHealthEndpointFailing')],
        target: [matcher('alertname', SYMPTOM_ALERTS.join('|'), '=~')],
        equal: ['service'],
      },
      {
        reason: 'Redis or PostgreSQL down makes every health check that depends on them fail: one page, not one per service.',
        source: [matcher('alertname', 'CdbRedisDown|CdbPostgresDown', '=~')],
        target: [matcher('alertname', 'CdbHealthEndpointFailing')],
        equal: [],
      },
      {
        reason: 'Redis or PostgreSQL down mutes the alerts about their internals.',
        source: [matcher('alertname', 'CdbRedisDown|CdbPostgresDown', '=~')],
        target: [matcher('alertname', 'CdbRedisPubSubChannelsGone|CdbBusTopicNotConsumed|CdbPostgresNearMaxConnections', '=~')],
        equal: ['service'],
      },
      {
        reason: 'While market data is stale, no signal and no trade is expected: the Zero-Activity alerts downstream wait.',
        source: [matcher('alertname', 'CdbMarketDataStale')],
        target: [matcher('alertname', 'CdbZeroActivitySignals|CdbZeroActivityPaperTrades', '=~')],
        equal: [],
      },
      {
        reason: 'A paging burn-rate tier of an SLO mutes the ticket tiers of the same SLO: one notification per burn.',
        source: [matcher('slo_tier', 'page-fast|page-slow', '=~')],
        target: [matcher('slo_tier', 'ticket-fast|ticket-slow', '=~')],
        equal: ['slo_id'],
      },
      {
        reason: 'A critical alert mutes the warning of the same alert for the same service.',
        source: [matcher('severity', 'critical')],
        target: [matcher('severity', 'warning')],
        equal: ['alertname', 'layer', 'service'],
      },
    ],
    source: import.meta.url,
  };
}
