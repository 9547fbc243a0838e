/** A Prometheus duration literal such as `30s`, `5m`, `1h`, `3d`. */
export type Duration = `${number}${'ms' | 's' | 'm' | 'h' | 'd' | 'w' | 'y'}`;

/** Grafana's range macros. They are not PromQL: the checks substitute them before parsing a panel query. */
export type GrafanaRangeMacro = '$__rate_interval' | '$__interval' | '$__range';

/** The window of a range selector: a duration in rules, a duration or a Grafana macro in panels. */
export type Window = Duration | GrafanaRangeMacro;

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

/** Seconds in a duration literal; compound durations such as `1h30m` are accepted. Throws on anything else. */
export function durationSeconds(duration: string): number {
  const parts = duration.match(/\d+(?:ms|s|m|h|d|w|y)/g);
  if (!parts || parts.join('') !== duration) throw new Error(`not a Prometheus duration: "${duration}"`);
  return parts.reduce((total, part) => {
    const [, amount, unit] = /^(\d+)(ms|s|m|h|d|w|y)$/.exec(part)!;
    return total + Number(amount) * UNIT_SECONDS[unit!]!;
  }, 0);
}
