/**
 * SLOs compared across the two trees, read back from their metadata recording rules: objective, period, error
 * budget, and each burn-rate tier's factor and error-ratio threshold.
 */
import type { TreeModel } from './tree-model';
import type { SloChange, SlosDiff, SloState, SloTierChange } from './types';
import { byKey, canonicalJson, cmp, round } from './values';

interface SloModel {
  readonly state: SloState;
  readonly factors: ReadonlyMap<string, number>;
}

const vectorValue = (expr: string): number | null => {
  const m = /^\s*vector\(\s*([^)]+?)\s*\)\s*$/.exec(expr) ?? /^\s*([+-]?[\d.eE+-]+)\s*$/.exec(expr);
  if (!m) return null;
  const n = Number(m[1]);
  return Number.isFinite(n) ? n : null;
};

function sloModels(model: TreeModel): Map<string, SloModel> {
  const raw = new Map<string, { name: string; objective: number | null; period: number | null; factors: Map<string, number> }>();
  for (const r of model.records) {
    const id = r.labels['slo_id'];
    if (id === undefined || !['slo:objective:ratio', 'slo:time_period:days', 'slo:burn_rate_threshold:ratio'].includes(r.record)) continue;
    const s = raw.get(id) ?? { name: r.labels['slo_name'] ?? id, objective: null, period: null, factors: new Map<string, number>() };
    raw.set(id, s);
    const v = vectorValue(r.expr);
    if (r.record === 'slo:objective:ratio') s.objective = v;
    else if (r.record === 'slo:time_period:days') s.period = v;
    else if (v !== null) s.factors.set(r.labels['slo_tier'] ?? '', v);
  }
  const out = new Map<string, SloModel>();
  for (const [id, s] of raw) {
    const budget = s.objective !== null && s.period !== null ? round((1 - s.objective) * s.period * 1440) : null;
    out.set(id, {
      state: { id, name: s.name, objective: s.objective, periodDays: s.period, errorBudgetMinutes: budget },
      factors: s.factors,
    });
  }
  return out;
}

const TIER_ORDER = ['page-fast', 'page-slow', 'ticket-fast', 'ticket-slow'];
const tierRank = (t: string) => {
  const i = TIER_ORDER.indexOf(t);
  return i < 0 ? TIER_ORDER.length : i;
};

/** SLOs keyed by id. */
export function diffSlos(base: TreeModel, head: TreeModel): SlosDiff {
  const bs = sloModels(base);
  const hs = sloModels(head);
  const added = [...hs].filter(([id]) => !bs.has(id)).map(([, s]) => s.state);
  const removed = [...bs].filter(([id]) => !hs.has(id)).map(([, s]) => s.state);
  const changed: SloChange[] = [];
  for (const [id, b] of bs) {
    const h = hs.get(id);
    if (!h) continue;
    const factorsChanged = canonicalJson(Object.fromEntries(b.factors)) !== canonicalJson(Object.fromEntries(h.factors));
    if (b.state.objective === h.state.objective && b.state.periodDays === h.state.periodDays && !factorsChanged) continue;
    const tiers = [...new Set([...b.factors.keys(), ...h.factors.keys()])]
      .sort((x, y) => tierRank(x) - tierRank(y) || cmp(x, y))
      .map((tier): SloTierChange => {
        const fb = b.factors.get(tier) ?? null;
        const fa = h.factors.get(tier) ?? null;
        const th = (f: number | null, o: number | null) => (f === null || o === null ? null : round(f * (1 - o)));
        return { tier, factorBefore: fb, factorAfter: fa, thresholdBefore: th(fb, b.state.objective), thresholdAfter: th(fa, h.state.objective) };
      });
    changed.push({ id, name: h.state.name, before: b.state, after: h.state, tiers });
  }
  return {
    added: added.sort(byKey((s) => s.id)),
    removed: removed.sort(byKey((s) => s.id)),
    changed: changed.sort(byKey((s) => s.id)),
  };
}
