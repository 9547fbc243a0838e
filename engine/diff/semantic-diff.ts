/**
 * Semantic diff of two generated trees (path relative to generated/ → content), in the reviewer's terms: alerts
 * and the promtool scenarios that prove them, SLOs, recording rules, dashboards, rows and panels, Alertmanager
 * routes, receivers and inhibitions. Pure: no disk, no git. Every list is sorted, so the same two trees always give the same diff.
 *
 * This entry only composes: tree-model.ts reads each side, and each section has its own file.
 */
import { diffAlertmanager } from './alertmanager';
import { diffAlerts } from './alerts';
import { diffDashboards } from './dashboards';
import { diffRecordingRules } from './recording-rules';
import { diffScenarios } from './scenarios';
import { diffSlos } from './slos';
import { isSemanticFile, treeModel } from './tree-model';
import type { ObservabilityDiff, Tree } from './types';
import { cmp } from './values';

export * from './types';
export { comparisonThreshold } from './alerts';
export { canonicalJson, round, sortKeys } from './values';

/** Everything that changed from `base` to `head`, in observability terms. */
export function semanticDiff(base: Tree, head: Tree): ObservabilityDiff {
  const warnings: string[] = [];
  const bm = treeModel(base, warnings);
  const hm = treeModel(head, warnings);
  const other = (pred: (p: string) => boolean) => [...new Set([...base.keys(), ...head.keys()])].filter((p) => !isSemanticFile(p) && pred(p)).sort(cmp);
  const alerts = diffAlerts(bm, hm);
  return {
    alerts,
    slos: diffSlos(bm, hm),
    recordingRules: diffRecordingRules(bm, hm),
    dashboards: diffDashboards(bm, hm),
    scenarios: diffScenarios(bm, hm, alerts),
    alertmanager: diffAlertmanager(bm.alertmanager, hm.alertmanager),
    otherFiles: {
      added: other((p) => !base.has(p)),
      removed: other((p) => !head.has(p)),
      changed: other((p) => base.has(p) && head.has(p) && base.get(p) !== head.get(p)),
    },
    warnings: [...new Set(warnings)].sort(cmp),
  };
}
