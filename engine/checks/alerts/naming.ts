import { finding, type Check, type Finding } from '../check';

const LEGACY_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Alert names follow the project's convention and are valid for Prometheus 2.42. */
export const alertsNaming: Check = {
  id: 'alerts/naming',
  severity: 'error',
  description: "Alert names that break the project's naming convention or Prometheus' name rules.",
  run(ctx) {
    const { namePattern, exemptNames } = ctx.alertConventions;
    const out: Finding[] = [];
    for (const q of ctx.queries) {
      if (!q.alert) continue;
      const name = q.alert.name;
      if (!LEGACY_NAME.test(name)) out.push(finding(alertsNaming, q.location, `"${name}" is not a valid alert name for Prometheus 2.42`, 'Use only [a-zA-Z0-9_:].'));
      else if (!exemptNames.includes(name) && !namePattern.test(name)) {
        out.push(finding(alertsNaming, q.location, `"${name}" does not match ${namePattern}`, 'Name alerts in CamelCase with the project prefix, e.g. CdbMarketDataStale.'));
      }
    }
    return out;
  },
};
