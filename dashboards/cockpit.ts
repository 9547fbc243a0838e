/**
 * The cockpit: one row per layer, four numbers each, answering "is this layer healthy?" at a glance.
 * Every panel links to its layer's dashboard. Colours turn red where the layer's alerts fire (alerts/thresholds.ts).
 */
import { dashboard, row } from '../engine/dashboards/dashboard';
import { barGauge, NEUTRAL, query, stat, thresholds, warnThenFail } from '../engine/dashboards/panels';
import { sloPeriodErrorBudgetRemaining } from '../engine/slo/conventions';
import type { PanelLink, PanelModel } from '../engine/model/dashboard';
import { count, div, max, min, notMatchesRegex, select, sum } from '../engine/promql';
import { REAL_FILESYSTEMS } from '../config/monitoring';
import { LAYERS, type LayerId } from '../config/layers';
import { exporters } from '../catalog';
import { riskCircuitBreakerOpen, dbWriterBacklog, wsConnected } from '../catalog/cdb';
import * as system from '../recording-rules/system';
import * as marketData from '../recording-rules/market-data';
import * as signalEngine from '../recording-rules/signal-engine';
import * as risk from '../recording-rules/risk';
import * as execution from '../recording-rules/paper-execution';
import * as database from '../recording-rules/database';
import { ageStat, DASHBOARD_IDS, drawdownStat, executionModeStat, FOLDERS, stateStat, upDownStat, zeroActivitySeconds } from './common';
import type { Settings } from '../config/settings';
import type { DashboardModel } from '../engine/model/dashboard';

export function cockpitDashboard(settings: Settings): DashboardModel {
  const LAYER_DASHBOARD: Record<LayerId, string> = {
    system: DASHBOARD_IDS.system,
    'market-data': DASHBOARD_IDS.marketData,
    'signal-engine': DASHBOARD_IDS.signalEngine,
    risk: DASHBOARD_IDS.risk,
    'paper-execution': DASHBOARD_IDS.paperExecution,
    database: DASHBOARD_IDS.database,
  };

  const HOUR = 3600;
  const T = settings.thresholds;
  const zai = zeroActivitySeconds(settings);

  function linked(layerId: LayerId, panels: PanelModel[]): PanelModel[] {
    const link: PanelLink = { title: 'Open the layer dashboard', dashboard: LAYER_DASHBOARD[layerId] };
    return panels.map((p) => ({ ...p, links: [link] }));
  }

  const PANELS: Record<LayerId, PanelModel[]> = {
    system: [
      stat({
        title: 'Health endpoints OK',
        description: 'Share of services whose health endpoint probe succeeds. Below 100 %: open the layer to see which service fails.',
        unit: 'percentunit',
        queries: [div(sum(select(system.serviceProbeSuccess)), count(select(system.serviceProbeSuccess)))],
        thresholds: thresholds('red', [1, 'green']),
        colorMode: 'background',
      }),
      stat({
        title: 'Scrape targets up',
        description: 'Share of scrape targets of the least healthy service that are up. Below 100 %: some metrics are missing.',
        unit: 'percentunit',
        queries: [min(select(system.serviceUp))],
        thresholds: thresholds('red', [1, 'green']),
        colorMode: 'background',
      }),
      stat({
        title: 'Container restarts (1h)',
        description: 'CdB container starts in the last hour, all containers together. Any restart during a block needs a look.',
        unit: 'short',
        queries: [sum(select(system.containerRestarts))],
        thresholds: thresholds('green', [1, 'red']),
      }),
      stat({
        title: 'Lowest disk space free',
        description: 'Free share of the fullest real filesystem of the host. Below 10 % the block may not last 72 hours.',
        unit: 'percentunit',
        queries: [min(div(select(exporters.nodeFilesystemAvailBytes, REAL_FILESYSTEMS), select(exporters.nodeFilesystemSizeBytes, REAL_FILESYSTEMS)))],
        thresholds: thresholds('red', [0.1, 'orange'], [0.2, 'green']),
      }),
    ],
    'market-data': [
      upDownStat({ title: 'Websocket connected', description: 'Whether every exchange websocket is connected. DOWN: no market data reaches the engine.', expr: min(select(wsConnected)) }),
      ageStat({
        title: 'Market data age',
        description: 'Seconds since the last market-data message of the stalest exchange. Above a minute the signals run on stale prices.',
        expr: max(select(marketData.feedAge)),
        warnAfter: T.CdbMarketDataStale.maxAgeSeconds / 4,
        failAfter: T.CdbMarketDataStale.maxAgeSeconds,
      }),
      stat({
        title: 'Market data messages',
        description: 'Market-data messages per second, all exchanges and channels. Zero means the feed stopped.',
        unit: 'ops',
        queries: [sum(select(marketData.messagesReceivedRate))],
        thresholds: thresholds('red', [0.01, 'green']),
      }),
      stat({
        title: 'Reconnects (1h)',
        description: 'Websocket reconnections in the last hour. More than a few means the connection is unstable.',
        unit: 'short',
        queries: [sum(select(marketData.reconnectsLastHour))],
        thresholds: warnThenFail('green', 3, T.CdbWebsocketReconnectStorm.reconnectsPerHour),
      }),
    ],
    'signal-engine': [
      ageStat({
        title: 'Time since last signal',
        description: `Seconds since the engine last generated a signal. ${zai.signals / HOUR} hours without a signal is a Zero-Activity Incident.`,
        expr: min(select(signalEngine.lastSignalAge)),
        warnAfter: zai.signals / 4,
        failAfter: zai.signals,
      }),
      stat({
        title: 'Signals',
        description: 'Signals generated per second, all strategies. Long stretches at zero lead to a Zero-Activity Incident.',
        unit: 'ops',
        fixedColor: NEUTRAL,
        queries: [sum(select(signalEngine.signalsRate))],
      }),
      stat({
        title: 'Signal error ratio',
        description: 'Share of strategy evaluations that failed, worst strategy. Above 1 % a strategy is mostly blind.',
        unit: 'percentunit',
        queries: [max(select(signalEngine.errorRatio))],
        thresholds: warnThenFail('green', T.CdbSignalErrorRatioHigh.ratio / 5, T.CdbSignalErrorRatioHigh.ratio),
      }),
      stat({
        title: 'Signal latency p99',
        description: '99th percentile of signal processing time, slowest strategy. Above 1 s signals act on old prices.',
        unit: 's',
        queries: [max(select(signalEngine.processingDurationP99))],
        thresholds: warnThenFail('green', T.CdbSignalLatencyHigh.p99Seconds / 2, T.CdbSignalLatencyHigh.p99Seconds),
      }),
    ],
    risk: [
      stateStat({
        title: 'Circuit breaker',
        description: 'State of the risk circuit breaker. OPEN: every signal is rejected until it closes.',
        queries: [max(select(riskCircuitBreakerOpen))],
        zero: { text: 'CLOSED', color: 'green' },
        one: { text: 'OPEN', color: 'red' },
      }),
      stat({
        title: 'Rejection ratio',
        description: 'Share of signals the risk manager rejected in the last 5 minutes. A spike means limits are hit or data is stale.',
        unit: 'percentunit',
        queries: [max(select(risk.rejectionRatio))],
        thresholds: warnThenFail('green', 0.5, T.CdbRiskRejectionRatioSpike.ratio),
      }),
      drawdownStat({
        description: 'Current drawdown of equity from its peak in the block: orange from 80 % of the configured maximum drawdown, red once it is reached and new positions are rejected.',
        warnShare: 0.8,
      }),
      stat({
        title: 'Exposure of limit',
        description: 'Open exposure as a share of the configured limit. At 100 % new orders are rejected.',
        unit: 'percentunit',
        queries: [max(select(risk.exposureToLimit))],
        thresholds: warnThenFail('green', 0.8, 1),
      }),
    ],
    'paper-execution': [
      executionModeStat({
        description:
          'PAPER is the only expected mode in phase N1. LIVE means real orders may be placed: an incident.',
      }),
      ageStat({
        title: 'Time since last paper trade',
        description: `Seconds since the last paper trade. ${zai.trades / HOUR} hours without one is a Zero-Activity Incident.`,
        expr: min(select(execution.lastPaperTradeAge)),
        warnAfter: zai.trades / 4,
        failAfter: zai.trades,
      }),
      stat({
        title: 'Order failure ratio',
        description: 'Share of submitted orders that failed in the last 5 minutes. Above 5 % execution is unreliable.',
        unit: 'percentunit',
        queries: [max(select(execution.failureRatio))],
        thresholds: warnThenFail('green', T.CdbOrderFailureRatioHigh.ratio / 4, T.CdbOrderFailureRatioHigh.ratio),
      }),
      stat({
        title: 'Fills',
        description: 'Orders filled per second, both sides. Zero for long while signals flow means orders do not complete.',
        unit: 'ops',
        fixedColor: NEUTRAL,
        queries: [sum(select(execution.filledRate))],
      }),
    ],
    database: [
      stat({
        title: 'Write error ratio',
        description: 'Share of PostgreSQL writes that failed in the last 5 minutes. Any error risks losing trades from the record.',
        unit: 'percentunit',
        queries: [max(select(database.writeErrorRatio))],
        thresholds: warnThenFail('green', T.CdbDbWriteErrors.ratio / 10, T.CdbDbWriteErrors.ratio),
      }),
      stat({
        title: 'Writer backlog',
        description: 'Events waiting to be written to PostgreSQL. A growing backlog ends in lost events when the writer restarts.',
        unit: 'short',
        queries: [max(select(dbWriterBacklog))],
        thresholds: warnThenFail('green', T.CdbDbWriterBacklogGrowing.minBacklog, T.CdbDbWriterBacklogGrowing.minBacklog * 10),
      }),
      ageStat({
        title: 'Oldest last write',
        description: 'Seconds since the last successful write of the table written least recently. Long gaps mean writes stopped.',
        expr: max(select(database.lastWriteAge)),
        warnAfter: T.CdbDbNoSuccessfulWrite.maxAgeSeconds,
        failAfter: 4 * T.CdbDbNoSuccessfulWrite.maxAgeSeconds,
      }),
      stat({
        title: 'PostgreSQL connections used',
        description: 'Connections in use as a share of max_connections. At 100 % new connections, and so writes, fail.',
        unit: 'percentunit',
        queries: [max(select(database.connectionsToMax))],
        thresholds: warnThenFail('green', T.CdbPostgresNearMaxConnections.warningRatio, T.CdbPostgresNearMaxConnections.criticalRatio),
      }),
    ],
  };

  /** The SLO row: every SLO's remaining budget, linking to the SLO dashboard. */
  const sloRow = row('Service level objectives', [
    {
      ...barGauge({
        title: 'SLO error budget remaining',
        description: 'Share of each SLO period error budget left. Red: the SLO is missed or about to be; open the SLO dashboard.',
        unit: 'percentunit',
        width: 24,
        height: 5,
        min: 0,
        max: 1,
        queries: [query(select(sloPeriodErrorBudgetRemaining), '{{slo_name}}')],
        thresholds: thresholds('red', [0, 'orange'], [0.25, 'green']),
      }),
      links: [{ title: 'Open the SLO dashboard', dashboard: DASHBOARD_IDS.slo }],
    },
  ]);

  return dashboard({
    id: DASHBOARD_IDS.cockpit,
    title: 'CdB · Cockpit',
    description: 'Is Claire de Binare healthy? One row per analysis layer, every number linking to its layer dashboard, and the SLOs error budgets.',
    folder: FOLDERS.overview,
    tags: ['overview'],
    timeFrom: 'now-1h',
    rows: [...LAYERS.map((l) => row(`${l.number} · ${l.title}`, linked(l.id, PANELS[l.id]))), sloRow],
    source: import.meta.url,
  });
}
