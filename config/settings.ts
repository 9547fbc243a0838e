/**
 * The settings of the CdB observability: every number and endpoint a deployment may change, with its default,
 * unit and range. A `--config <file.yaml>` override is validated against this schema and merged into it before any
 * definition is made; the definitions (dashboards, rules, alerts, SLOs, routing) are functions of the result.
 */
import { z } from 'zod';
import { loadSettings } from '../engine/settings/load-settings';
import { durationSeconds } from '../engine/promql/duration';
import { fileIn, group, hostPort, hours, objective, text, url, versionOf, window } from '../engine/settings/values';
import { GRAFANA_TARGETS } from '../engine/grafana/targets';
import { thresholdsSchema } from './thresholds';
import { APPLICATION_SERVICES, EXPORTER_JOBS } from './services';
import { RECEIVERS, SECRETS_DIR, TICKET_RECEIVERS } from './receivers';

/** Where the defaults are written, for messages about them. */
const DEFAULTS_SOURCE = 'config/settings.ts';

/** Scrape jobs with one static target, whose target a deployment may move. Probe jobs follow the services. */
const MOVABLE_JOBS = [...APPLICATION_SERVICES, 'cdb_prometheus', 'cdb_grafana', ...Object.values(EXPORTER_JOBS).filter((e) => e.job !== EXPORTER_JOBS.blackbox.job).map((e) => e.job)] as const;

const targets = z.array(hostPort()).min(1, 'must list at least one target');

/** A webhook receiver: its URL and the file its bearer token is read from. */
const webhook = (defaults: { url: string; credentialsFile: string }) =>
  group({ url: url(defaults.url), credentialsFile: fileIn(SECRETS_DIR, defaults.credentialsFile) });

/** A chat receiver: the file its webhook URL (the secret) is read from, and its channel. */
const chat = (defaults: { apiUrlFile: string; channel: string }) =>
  group({ apiUrlFile: fileIn(SECRETS_DIR, defaults.apiUrlFile), channel: text(defaults.channel) });

export const settingsSchema = z.strictObject({
  /** Alert thresholds and `for` durations, by alert name (config/thresholds.ts). */
  thresholds: thresholdsSchema,
  /** The paper-trading block. */
  block: group({
    /** Length of a block in hours (72 in phase N1): disks must last it, the block review spans it. Change only with the operating rules. */
    hours: hours(72),
  }),
  /** What CdB trades. */
  trading: group({
    /**
     * The quote currency of the traded pairs: amounts the catalog declares in `quote_currency` (equity, PnL,
     * exposure) are in it, and panels show them with its name as their unit. Change it with the pairs traded.
     */
    quoteCurrency: text('USDT'),
  }),
  scrape: group(
    {
      /** Scrape interval. Lowering it raises Prometheus' load; raise it only with every `rate()` window (≥ 4×). */
      interval: window('15s'),
      /** Scrape timeout; must stay below the scrape interval. */
      timeout: window('10s'),
      /** Rule evaluation interval; alert `for` durations should be several of these. */
      evaluationInterval: window('30s'),
      /** Targets by job name, replacing the job's compose address (e.g. a service moved to another host). */
      targets: z.strictObject(Object.fromEntries(MOVABLE_JOBS.map((job) => [job, targets.optional()])) as Record<(typeof MOVABLE_JOBS)[number], z.ZodOptional<typeof targets>>).prefault({}),
    },
    (s) => (durationSeconds(s.timeout as string) < durationSeconds(s.interval as string) ? undefined : { path: 'timeout', message: 'must be shorter than the scrape interval' }),
  ),
  /** The Prometheus datasource Grafana is provisioned with. */
  datasource: group({
    name: text('CdB Prometheus'),
    /** Reached over the compose network; change with the Prometheus service name or port. */
    url: url('http://cdb_prometheus:9090'),
  }),
  /** Receivers by name; secrets only as files in the secrets mount. */
  receivers: z
    .strictObject({
      [RECEIVERS.pager]: webhook({ url: 'http://cdb_pager_bridge:8080/alerts', credentialsFile: `${SECRETS_DIR}/pager-token` }),
      [RECEIVERS.deadMansSwitch]: webhook({ url: 'http://cdb_deadmansswitch:8080/ping', credentialsFile: `${SECRETS_DIR}/deadmansswitch-token` }),
      ...Object.fromEntries(TICKET_RECEIVERS.map((t) => [t.name, chat({ apiUrlFile: `${SECRETS_DIR}/chat-webhook-url`, channel: `#cdb-${t.layer.id}` })])),
    })
    .prefault({}),
  /** SLO objectives by SLO id, in percent. Each SLO's file says why its objective is what it is. */
  slos: group({
    'market-data-freshness': group({ objective: objective(99.5) }),
    'signal-latency': group({ objective: objective(99) }),
    'paper-order-execution': group({ objective: objective(99.5) }),
    'database-write-success': group({ objective: objective(99.9) }),
    'core-availability': group({ objective: objective(99.5) }),
  }),
  /**
   * Where people open what alerts link to. The defaults are placeholders that no one who receives an alert can
   * open: the build warns while either is one, and `--require-links` (for a deployment's CI) refuses to build.
   */
  links: group({
    /** Grafana as the people who receive alerts reach it; `dashboard_url` annotations start with it. Placeholder: localhost. */
    grafanaUrl: url('http://localhost:3000'),
    /**
     * Where generated/docs/alerts.md is read; `runbook_url` annotations start with it. Change it to the repository's
     * browsable URL of that file. Placeholder: a host under the reserved `.invalid` domain.
     */
    runbookUrl: url('https://git.example.invalid/cdb/observability/-/blob/main/generated/docs/alerts.md'),
  }),
  /** The Grafana the dashboards are made for. */
  grafana: group({
    /**
     * The version deployed (the compose file's `grafana/grafana` image tag). It decides the dashboards'
     * `schemaVersion`, and the check `dashboard/schema-keys` holds every emitted key to that line's schema
     * (`@grafana/schema`), `dashboard/grafana-ids` every unit, reducer and transformation id to its `@grafana/data`.
     */
    version: versionOf('Grafana', GRAFANA_TARGETS.map((t) => t.line), '11.6.0'),
  }),
})
  .superRefine((s, ctx) => {
    // Settings that only make sense together.
    const { CdbDiskWillFillBeforeBlockEnds: disk, CdbContainerRestarting: restarts, CdbTargetFlapping: flapping } = s.thresholds;
    if (durationSeconds(disk.for) >= s.block.hours * 3600) {
      ctx.addIssue({
        code: 'custom',
        path: ['thresholds', 'CdbDiskWillFillBeforeBlockEnds', 'for'],
        message: `must be shorter than a block (${s.block.hours}h): a disk filling within the block is full before a longer for ends, and a full disk predicts 0, not less`,
      });
    }
    const scrapesPerHour = 3600 / durationSeconds(s.scrape.interval);
    if (restarts.startsPerHour > scrapesPerHour) {
      ctx.addIssue({
        code: 'custom',
        path: ['thresholds', 'CdbContainerRestarting', 'startsPerHour'],
        message: `must be at most ${scrapesPerHour}, the scrapes in an hour at scrape.interval ${s.scrape.interval}: changes() sees one start per scrape at most`,
      });
    }
    const scrapesPerFlappingWindow = Math.floor(durationSeconds(flapping.window) / durationSeconds(s.scrape.interval));
    if (flapping.minChanges > scrapesPerFlappingWindow) {
      ctx.addIssue({
        code: 'custom',
        path: ['thresholds', 'CdbTargetFlapping', 'minChanges'],
        message: `must be at most ${scrapesPerFlappingWindow}, the scrapes in its window (${flapping.window}) at scrape.interval ${s.scrape.interval}: changes() sees one change per scrape at most`,
      });
    }
  });

/** The resolved settings every definition is made from. */
export type Settings = z.output<typeof settingsSchema>;

/** The settings: the defaults, with the override file's values when `file` is given. Throws SettingsError. */
export function cdbSettings(file?: string): Settings {
  return loadSettings(settingsSchema, { ...(file ? { file } : {}), defaultsSource: DEFAULTS_SOURCE });
}
