/**
 * The routing parts of an alertmanager.yml as the file writes them: routes with their `matchers` lists and the
 * older `match` / `match_re` maps, and the matchers of inhibition rules. Reads the generated file (or any other)
 * back into the model's matcher type, so that routing and the diff work from the file that Alertmanager loads.
 */
import { parse as parseYaml } from 'yaml';
import type { MatcherModel } from '../model/alertmanager';
import { compileMatcher, parseMatchers } from './matchers';
import { resolveRoutes, type ResolvedRoute, type RoutingRoute } from './routing';

/** A part of an alertmanager.yml that Alertmanager would refuse to load. */
export class AlertmanagerConfigError extends Error {
  override readonly name = 'AlertmanagerConfigError';
}

/** A route of the file: what routing reads, and the route's mapping as written for whatever else a caller compares. */
export interface ConfigRoute extends RoutingRoute {
  /** Undefined when the file leaves it to inherit. */
  readonly receiver?: string;
  readonly matchers: readonly MatcherModel[];
  readonly continue: boolean;
  readonly routes: readonly ConfigRoute[];
  /** The route's YAML mapping as written (`group_by`, timings, `mute_time_intervals`, ...). */
  readonly fields: Readonly<Record<string, unknown>>;
}

type Mapping = Readonly<Record<string, unknown>>;
const isMapping = (v: unknown): v is Mapping => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The matchers of a route or of one side of an inhibition rule, in the order the file writes them: the items of the
 * `matchers` list (one item may hold several, comma-separated), then `match` (equality), then `match_re` (regex).
 * Throws AlertmanagerConfigError on a matcher Alertmanager would refuse.
 */
export function readConfigMatchers(list: unknown, match: unknown, matchRe: unknown): MatcherModel[] {
  const out: MatcherModel[] = [];
  try {
    if (list !== undefined && list !== null) {
      if (!Array.isArray(list)) throw new AlertmanagerConfigError(`matchers must be a list of strings, not ${JSON.stringify(list)}`);
      for (const item of list) out.push(...parseMatchers(String(item)));
    }
    if (isMapping(match)) for (const [label, value] of Object.entries(match)) out.push({ label, op: '=', value: String(value) });
    if (isMapping(matchRe)) {
      for (const [label, value] of Object.entries(matchRe)) {
        const m: MatcherModel = { label, op: '=~', value: String(value) };
        compileMatcher(m);
        out.push(m);
      }
    }
  } catch (error) {
    if (error instanceof AlertmanagerConfigError) throw error;
    throw new AlertmanagerConfigError((error as Error).message);
  }
  return out;
}

/** The route tree under a `route:` mapping, as written (receivers not inherited yet: see resolveRoutes). */
export function readConfigRoute(raw: unknown): ConfigRoute {
  const fields = isMapping(raw) ? raw : {};
  const children = fields['routes'];
  return {
    ...(typeof fields['receiver'] === 'string' && fields['receiver'] !== '' ? { receiver: fields['receiver'] } : {}),
    matchers: readConfigMatchers(fields['matchers'], fields['match'], fields['match_re']),
    continue: fields['continue'] === true,
    routes: Array.isArray(children) ? children.map(readConfigRoute) : [],
    fields,
  };
}

/**
 * The routing tree of an alertmanager.yml's text, resolved as Alertmanager loads it. Throws
 * AlertmanagerConfigError when the file has no route or a route Alertmanager would refuse.
 */
export function readRoutingTree(alertmanagerYml: string): ResolvedRoute<ConfigRoute> {
  const doc: unknown = parseYaml(alertmanagerYml);
  if (!isMapping(doc) || !isMapping(doc['route'])) throw new AlertmanagerConfigError('the file has no route');
  try {
    return resolveRoutes(readConfigRoute(doc['route']));
  } catch (error) {
    if (error instanceof AlertmanagerConfigError) throw error;
    throw new AlertmanagerConfigError((error as Error).message);
  }
}
