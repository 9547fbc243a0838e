/**
 * Silences: a definition may turn one check off for itself, with a written reason. A finding is silenced by the
 * silences of its definition and of every definition containing it (a dashboard's silences cover its panels),
 * matched on structured locations. A silence that is never used is an error too: the finding it was written for
 * has gone, or the definition moved, and a stale silence would hide the next real finding.
 */
import { contains, type Location } from '../model/location';
import type { SilenceSite } from '../resolve/resolved-project';
import type { Finding } from './check';

const CHECK_ID = 'checks/silence';
const hasReason = (reason: string) => reason.trim().length >= 10;

/**
 * Marks findings a definition has silenced (`silencedBecause`), and adds a `checks/silence` finding for every
 * silence without a reason, naming a check that does not exist, or silencing nothing. `ranChecks` are the ids of
 * the checks that ran: a silence of a check that did not run cannot be judged unused.
 */
export function applySilences(
  sites: readonly SilenceSite[],
  findings: readonly Finding[],
  allCheckIds: ReadonlySet<string>,
  ranChecks: ReadonlySet<string>,
): Finding[] {
  const used = new Set<object>();
  const silenced = findings.map((f) => {
    for (const site of sites) {
      if (!contains(site.location, f.location)) continue;
      const silence = site.silences.find((s) => s.check === f.checkId && hasReason(s.reason));
      if (!silence) continue;
      used.add(silence);
      return { ...f, silencedBecause: silence.reason };
    }
    return f;
  });
  const problems: Finding[] = [];
  const problem = (location: Location, message: string, hint: string) => problems.push({ checkId: CHECK_ID, severity: 'error', location, message, hint });
  for (const site of sites) {
    for (const s of site.silences) {
      if (!hasReason(s.reason)) problem(site.location, `silences ${s.check} without a reason`, 'Say in a sentence why the check does not apply here.');
      else if (!allCheckIds.has(s.check)) problem(site.location, `silences ${s.check}, which is not a check`, `Use one of: ${[...allCheckIds].sort().join(', ')}.`);
      else if (ranChecks.has(s.check) && !used.has(s)) {
        problem(site.location, `silences ${s.check}, which finds nothing here`, 'Remove the silence: the finding it was written for is gone.');
      }
    }
  }
  return [...silenced, ...problems];
}
