/**
 * The check framework: a check has an id, a severity and a run function that returns findings. Most checks read
 * the resolved definitions; a check of the output reads what the build emitted too (the dashboards as Grafana
 * loads them), after synthesis and before anything is written.
 */
import type { Location } from '../model/location';
import type { ResolvedProject } from '../resolve/resolved-project';

/** How bad a finding is, least to most. A build fails on `error` by default. */
export const SEVERITIES = ['information', 'warning', 'error'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One problem, located at the definition that causes it. */
export interface Finding {
  readonly checkId: string;
  readonly severity: Severity;
  /** The definition that causes it: its file and its path inside the file. */
  readonly location: Location;
  readonly message: string;
  /** How to fix it. */
  readonly hint: string;
  /** Set when the definition silences this check for itself: the reason it gave. */
  readonly silencedBecause?: string;
}

/** What the build emitted, for the checks of the output. */
export interface EmittedOutput {
  /** Each dashboard's JSON as written to its file, by dashboard id. */
  readonly dashboards: ReadonlyMap<string, unknown>;
}

interface CheckBase {
  /** `area/name`, e.g. `promql/syntax`. */
  readonly id: string;
  readonly severity: Severity;
  /** One sentence: what the check catches. */
  readonly description: string;
}

/** A check of the definitions. */
export interface DefinitionCheck extends CheckBase {
  readonly reads?: undefined;
  run(project: ResolvedProject): Finding[];
}

/** A check of the output: runs only when it is given what the build emitted. */
export interface OutputCheck extends CheckBase {
  readonly reads: 'output';
  run(project: ResolvedProject, output: EmittedOutput): Finding[];
}

export type Check = DefinitionCheck | OutputCheck;

/** A finding of `check` with the check's id and severity filled in. */
export function finding(check: Pick<Check, 'id' | 'severity'>, location: Location, message: string, hint: string): Finding {
  return { checkId: check.id, severity: check.severity, location, message, hint };
}
