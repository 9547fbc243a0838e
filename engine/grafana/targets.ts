/**
 * The Grafana versions the build can target. Each line has its own `@grafana/schema` pinned in package.json (the
 * judge of which keys a dashboard may carry) and its own id lists taken from `@grafana/data` of that line; a
 * version of any other line is refused, because nothing here could say what that Grafana knows.
 */

/** A Grafana release line the build can emit dashboards for. */
export interface GrafanaTarget {
  /** `major.minor`, e.g. `11.6`. */
  readonly line: string;
  /**
   * The dashboard `schemaVersion` the line writes: what its `@grafana/schema` gives `defaultDashboard` (a test
   * holds the two together). A file with an older one is migrated on every load; a newer one the line does not know.
   */
  readonly schemaVersion: number;
  /** The package name under which the line's `@grafana/schema` is installed (an npm alias for all but one line). */
  readonly schemaPackage: string;
  /** The package name under which the line's `@grafana/data` is installed (development only: tests extract ids). */
  readonly dataPackage: string;
}

/** Every line the build can target, oldest first. */
export const GRAFANA_TARGETS: readonly GrafanaTarget[] = [
  { line: '11.6', schemaVersion: 41, schemaPackage: '@grafana/schema', dataPackage: '@grafana/data' },
  { line: '12.4', schemaVersion: 42, schemaPackage: 'grafana-schema-12.4', dataPackage: 'grafana-data-12.4' },
];

const VERSION = /^(\d+)\.(\d+)\.(\d+)$/;

/** The line of a version such as `11.6.0`, when the build can target it. */
export function grafanaTarget(version: string): GrafanaTarget | undefined {
  const m = VERSION.exec(version);
  return m ? GRAFANA_TARGETS.find((t) => t.line === `${Number(m[1])}.${Number(m[2])}`) : undefined;
}

/** The line of `version`; throws for a version no pinned package describes. */
export function requireGrafanaTarget(version: string): GrafanaTarget {
  const target = grafanaTarget(version);
  if (!target) throw new Error(`Grafana ${version} is not a version the build can target: use ${GRAFANA_TARGETS.map((t) => `${t.line}.x`).join(' or ')}`);
  return target;
}
