/**
 * Link base URLs that are still placeholders: alerts carry `dashboard_url` and `runbook_url` built from them, and a
 * placeholder ships links that nobody who receives the alert can open. The build warns about each; a deployment's
 * CI makes them an error (`--require-links`).
 */
import type { ProjectDefinitions } from '../model/project';

/** A link setting whose URL cannot be what people open. */
export interface PlaceholderLink {
  /** The setting, e.g. `links.grafanaUrl`. */
  readonly setting: string;
  readonly url: string;
  /** Why it is a placeholder. */
  readonly reason: string;
}

/** Hosts that only reach the machine the browser itself runs on. */
const LOOPBACK = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/;
/** Names reserved for documentation and tests (RFC 2606, RFC 6761): they never resolve to a real service. */
const RESERVED = /(^|\.)(example\.(com|net|org)|example|invalid|test)$/;

/** Why `url` is a placeholder, or undefined when it may be a real address. */
export function placeholderReason(url: string): string | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return 'it is not a URL';
  }
  if (LOOPBACK.test(host)) return `${host} reaches only the machine the browser runs on, not the Grafana or repository of the people alerted`;
  if (RESERVED.test(host)) return `${host} is a name reserved for examples (RFC 2606), which never resolves`;
  return undefined;
}

/** The link settings of `links` that are placeholders, in setting order. */
export function placeholderLinks(links: ProjectDefinitions['links']): PlaceholderLink[] {
  return (Object.entries(links) as Array<[keyof typeof links, string]>).flatMap(([key, url]) => {
    const reason = placeholderReason(url);
    return reason ? [{ setting: `links.${key}`, url, reason }] : [];
  });
}

/** One line per placeholder link: the setting, its URL and why it cannot be opened. */
export function describePlaceholderLinks(placeholders: readonly PlaceholderLink[]): string[] {
  return placeholders.map((p) => `${p.setting} is a placeholder (${p.url}): ${p.reason}; alerts link to it. Set it with --config (links: { ${p.setting.split('.')[1]}: ... }).`);
}
