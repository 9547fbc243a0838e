import { finding, type Check, type Finding } from '../check';

/** Grafana refuses uids longer than 40 characters or outside `[a-zA-Z0-9_-]`, and provisions only one per uid. */
export const dashboardUid: Check = {
  id: 'dashboard/uid',
  severity: 'error',
  description: 'Dashboard uids Grafana would reject: invalid characters, longer than 40, or used twice.',
  run(ctx) {
    const out: Finding[] = [];
    const seen = new Map<string, string>();
    for (const { dashboard, location: where, uid } of ctx.dashboards) {
      if (!/^[a-zA-Z0-9_-]+$/.test(uid)) out.push(finding(dashboardUid, where, `uid "${uid}" has characters outside [a-zA-Z0-9_-]`, 'Use lower-case letters, digits and dashes in the dashboard id.'));
      if (uid.length > 40) out.push(finding(dashboardUid, where, `uid "${uid}" is ${uid.length} characters long; Grafana allows 40`, 'Shorten the dashboard id.'));
      const other = seen.get(uid);
      if (other) out.push(finding(dashboardUid, where, `uid "${uid}" is also used by a dashboard in ${other}`, 'Give each dashboard its own id.'));
      seen.set(uid, where.file);
    }
    return out;
  },
};
