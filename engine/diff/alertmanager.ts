/** Alertmanager compared across the two trees: routes by their path of matchers, receivers, inhibition rules. */
import type { ConfigRoute } from '../alertmanager/config-file';
import type { ResolvedRoute } from '../alertmanager/routing';
import { renderMatcher } from '../model/alertmanager';
import type { TreeAlertmanager } from './tree-model';
import type { AlertmanagerDiff, InhibitRuleChange, InhibitRuleSummary, NamedChange, RouteChange, RouteLine } from './types';
import { byKey, cmp, fieldChange, jsonOrNull, type Obj } from './values';

/** The fields of a route, besides its matchers and receiver, whose change a reviewer needs to see. */
const ROUTE_SETTINGS = ['group_by', 'group_wait', 'group_interval', 'repeat_interval', 'mute_time_intervals', 'active_time_intervals', 'continue'];

/**
 * Every route by its path: the matchers of each route from the root down, ` ▸ `-joined (`(root)` for the root,
 * `(any)` for a route without matchers, `#2` for a second route with the same path), with its receiver (inherited
 * where the file names none) and settings.
 */
function flattenRoutes(root: ResolvedRoute<ConfigRoute> | undefined): Map<string, { receiver: string; settings: Obj }> {
  const out = new Map<string, { receiver: string; settings: Obj }>();
  const walk = (node: ResolvedRoute<ConfigRoute>, trail: readonly string[]) => {
    const own = node.route.matchers.map(renderMatcher).join(', ');
    const path = trail.length === 0 && own === '' ? ['(root)'] : [...trail, own === '' ? '(any)' : own];
    let key = path.join(' ▸ ');
    for (let n = 2; out.has(key); n++) key = `${path.join(' ▸ ')} #${n}`;
    const settings: Obj = {};
    for (const k of ROUTE_SETTINGS) if (node.route.fields[k] !== undefined) settings[k] = node.route.fields[k];
    out.set(key, { receiver: node.receiver, settings });
    const childTrail = path[0] === '(root)' ? [] : path;
    for (const child of node.routes) walk(child, childTrail);
  };
  if (root) walk(root, []);
  return out;
}

/** Routes keyed by their path of matchers, receivers by name, inhibition rules by source and target. */
export function diffAlertmanager(base: TreeAlertmanager, head: TreeAlertmanager): AlertmanagerDiff {
  const rb = flattenRoutes(base.routing);
  const rh = flattenRoutes(head.routing);
  const routesAdded: RouteLine[] = [];
  const routesRemoved: RouteLine[] = [];
  const routesChanged: RouteChange[] = [];
  for (const [path, r] of rh) if (!rb.has(path)) routesAdded.push({ path, receiver: r.receiver });
  for (const [path, r] of rb) {
    const h = rh.get(path);
    if (!h) {
      routesRemoved.push({ path, receiver: r.receiver });
      continue;
    }
    const changes = [
      ...fieldChange('receiver', r.receiver, h.receiver),
      ...[...new Set([...Object.keys(r.settings), ...Object.keys(h.settings)])]
        .sort(cmp)
        .flatMap((k) => fieldChange(k, jsonOrNull(r.settings[k]), jsonOrNull(h.settings[k]))),
    ];
    if (changes.length > 0) routesChanged.push({ path, changes });
  }

  const receiversAdded = [...head.receivers.keys()].filter((n) => !base.receivers.has(n)).sort(cmp);
  const receiversRemoved = [...base.receivers.keys()].filter((n) => !head.receivers.has(n)).sort(cmp);
  const receiversChanged: NamedChange[] = [];
  for (const [name, b] of base.receivers) {
    const h = head.receivers.get(name);
    if (!h) continue;
    const keys = [...new Set([...Object.keys(b), ...Object.keys(h)])].sort(cmp);
    const changes = keys.flatMap((k) => fieldChange(k, jsonOrNull(b[k]), jsonOrNull(h[k])));
    if (changes.length > 0) receiversChanged.push({ name, changes });
  }

  const inhibitRulesAdded: InhibitRuleSummary[] = [];
  const inhibitRulesRemoved: InhibitRuleSummary[] = [];
  const inhibitRulesChanged: InhibitRuleChange[] = [];
  for (const [k, r] of head.inhibitRules) if (!base.inhibitRules.has(k)) inhibitRulesAdded.push(r);
  for (const [k, r] of base.inhibitRules) {
    const h = head.inhibitRules.get(k);
    if (!h) inhibitRulesRemoved.push(r);
    else if (r.equal.join(',') !== h.equal.join(','))
      inhibitRulesChanged.push({ source: r.source, target: r.target, equalBefore: r.equal, equalAfter: h.equal });
  }
  const inhibitKey = (r: { source: string; target: string }) => `${r.source} ⇒ ${r.target}`;
  return {
    routesAdded: routesAdded.sort(byKey((r) => r.path)),
    routesRemoved: routesRemoved.sort(byKey((r) => r.path)),
    routesChanged: routesChanged.sort(byKey((r) => r.path)),
    receiversAdded,
    receiversRemoved,
    receiversChanged: receiversChanged.sort(byKey((r) => r.name)),
    inhibitRulesAdded: inhibitRulesAdded.sort(byKey(inhibitKey)),
    inhibitRulesRemoved: inhibitRulesRemoved.sort(byKey(inhibitKey)),
    inhibitRulesChanged: inhibitRulesChanged.sort(byKey(inhibitKey)),
  };
}
