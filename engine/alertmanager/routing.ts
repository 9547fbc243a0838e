/**
 * Alertmanager's routing tree: which routes, and so which receivers, an alert with given labels reaches.
 *
 * The walk is Alertmanager 0.25's: a route whose matchers the alert satisfies tries its child routes in the order
 * they are written; a matching child stops the search among its siblings unless it says `continue: true`; a
 * route none of whose children match is itself the result. The results come out depth first, in written order,
 * and a receiver reached through two routes is listed twice, as `amtool config routes test` prints it. A route
 * without a receiver has its parent's, as Alertmanager settles when it loads the file.
 */
import type { MatcherModel } from '../model/alertmanager';
import { compileMatcher, matchesLabels, type CompiledMatcher, type LabelSet } from './matchers';

/**
 * A route as the walk reads it. RouteModel (the project's own routing) is one; a route read from a file, where the
 * receiver may be left to inherit, is another.
 */
export interface RoutingRoute {
  readonly receiver?: string;
  readonly matchers?: readonly MatcherModel[];
  /** Keep trying the following siblings after this route matched. */
  readonly continue?: boolean;
  readonly routes?: readonly RoutingRoute[];
}

/** A route with what loading it settles: its receiver, own or inherited, and its matchers compiled. */
export interface ResolvedRoute<R extends RoutingRoute = RoutingRoute> {
  /** The route as given. */
  readonly route: R;
  readonly receiver: string;
  readonly matchers: readonly CompiledMatcher[];
  readonly continue: boolean;
  readonly routes: readonly ResolvedRoute<R>[];
}

/** A routing tree Alertmanager would refuse: a root route without a receiver. */
export class RoutingError extends Error {
  override readonly name = 'RoutingError';
}

/**
 * The tree under `root` as Alertmanager loads it: every receiver resolved, every regex compiled (a regex RE2
 * refuses throws MatcherError). Resolve once, then route as many label sets as needed.
 */
export function resolveRoutes<R extends RoutingRoute & { readonly routes?: readonly R[] }>(root: R): ResolvedRoute<R> {
  if (!root.receiver) throw new RoutingError('the root route has no receiver: every alert needs one to fall back to');
  const resolve = (route: R, inherited: string): ResolvedRoute<R> => {
    const receiver = route.receiver || inherited;
    return {
      route,
      receiver,
      matchers: (route.matchers ?? []).map(compileMatcher),
      continue: route.continue === true,
      routes: ((route.routes ?? []) as readonly R[]).map((child) => resolve(child, receiver)),
    };
  };
  return resolve(root, root.receiver);
}

/** The routes an alert with `labels` ends at, in the order Alertmanager notifies them; empty if the root refuses it. */
export function matchRoutes<R extends RoutingRoute>(root: ResolvedRoute<R>, labels: LabelSet): ResolvedRoute<R>[] {
  const match = (node: ResolvedRoute<R>): ResolvedRoute<R>[] => {
    if (!matchesLabels(node.matchers, labels)) return [];
    const found: ResolvedRoute<R>[] = [];
    for (const child of node.routes) {
      const below = match(child);
      found.push(...below);
      if (below.length > 0 && !child.continue) break;
    }
    return found.length > 0 ? found : [node];
  };
  return match(root);
}

/**
 * The receivers an alert with `labels` is notified through, as `amtool config routes test` lists them (comma-joined
 * they are its output): in routing order, a receiver repeated when two matching routes name it.
 */
export function routeReceivers(root: ResolvedRoute, labels: LabelSet): string[] {
  return matchRoutes(root, labels).map((r) => r.receiver);
}
