/**
 * The generated prometheus.yml, pointed at a local stack: every target address (`host:port` of the compose
 * network) is replaced by the address where that component runs on 127.0.0.1, and the intervals are shortened so
 * that a verification run sees minutes of evaluation in seconds. Everything else (jobs, labels, probe relabelling,
 * rule files) stays as generated. An address with no local stand-in is an error: the run proves every target.
 */
import { parse, stringify } from 'yaml';

export interface LocalPrometheusOptions {
  /** Compose address (`cdb_ws:8001`) → local address (`127.0.0.1:40123`). */
  readonly addresses: ReadonlyMap<string, string>;
  /** Absolute paths or globs of the rule files to load. */
  readonly ruleFiles: readonly string[];
  readonly scrapeInterval: string;
  readonly evaluationInterval: string;
  /** A remote-write endpoint to send every sample to as well. */
  readonly remoteWriteUrl?: string;
}

type Yaml = Record<string, unknown>;
const HOST_PORT = /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^/:]+:\d+)(.*)$/i;

export function localizePrometheusConfig(text: string, options: LocalPrometheusOptions): string {
  const config = parse(text) as Yaml;
  const unmapped = new Set<string>();
  const local = (target: string): string => {
    const match = HOST_PORT.exec(target);
    const mapped = match ? options.addresses.get(match[2]!) : undefined;
    if (!match || !mapped) {
      unmapped.add(target);
      return target;
    }
    return `${match[1] ? `${match[1]}://` : ''}${mapped}${match[3]}`;
  };

  const global = (config.global ??= {}) as Yaml;
  global.scrape_interval = options.scrapeInterval;
  global.scrape_timeout = options.scrapeInterval;
  global.evaluation_interval = options.evaluationInterval;
  config.rule_files = [...options.ruleFiles];

  const alerting = config.alerting as { alertmanagers?: { static_configs?: { targets: string[] }[] }[] } | undefined;
  for (const am of alerting?.alertmanagers ?? []) for (const sc of am.static_configs ?? []) sc.targets = sc.targets.map(local);

  for (const job of (config.scrape_configs ?? []) as Yaml[]) {
    for (const sc of (job.static_configs ?? []) as { targets: string[] }[]) sc.targets = sc.targets.map(local);
    for (const relabel of (job.relabel_configs ?? []) as Yaml[]) {
      if (relabel.target_label === '__address__' && typeof relabel.replacement === 'string') relabel.replacement = local(relabel.replacement);
    }
    if (job.scrape_interval !== undefined) job.scrape_interval = options.scrapeInterval;
    if (job.scrape_timeout !== undefined) job.scrape_timeout = options.scrapeInterval;
  }
  if (options.remoteWriteUrl) config.remote_write = [{ url: options.remoteWriteUrl }];

  if (unmapped.size > 0) throw new Error(`no local address for: ${[...unmapped].sort().join(', ')}`);
  return stringify(config);
}
