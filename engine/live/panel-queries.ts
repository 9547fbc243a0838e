/**
 * The Prometheus queries of generated Grafana dashboards, as Grafana would send them: template variables expanded
 * to their default value (a query variable's "All" to its allValue or to every value it lists, otherwise its first
 * value) and Grafana's interval macros replaced.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { PrometheusApi } from './prometheus-api';

export interface PanelQuery {
  /** Path of the dashboard file, relative to the dashboards directory. */
  readonly file: string;
  readonly dashboard: string;
  readonly panel: string;
  readonly refId: string;
  /** The query as written in the dashboard. */
  readonly expr: string;
  /** Whether Grafana sends it as an instant query (stat and table panels) rather than a range query. */
  readonly instant: boolean;
}

interface DashboardJson {
  title: string;
  panels?: PanelJson[];
  templating?: { list?: VariableJson[] };
}
interface PanelJson {
  title?: string;
  panels?: PanelJson[];
  targets?: { expr?: string; refId?: string; instant?: boolean; range?: boolean }[];
}
interface VariableJson {
  name: string;
  type: string;
  query?: string | { query?: string };
  current?: { value?: string | string[] };
  includeAll?: boolean;
  allValue?: string;
  options?: { value: string }[];
}

function dashboardFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return dashboardFiles(path);
      return name.endsWith('.json') ? [path] : [];
    });
}

function readDashboard(path: string): DashboardJson {
  return JSON.parse(readFileSync(path, 'utf8')) as DashboardJson;
}

/** Every panel query of every dashboard under `dir`, in file and panel order (rows' nested panels included). */
export function panelQueries(dir: string): PanelQuery[] {
  return dashboardFiles(dir).flatMap((path) => {
    const dashboard = readDashboard(path);
    const out: PanelQuery[] = [];
    const visit = (panels: readonly PanelJson[]) => {
      for (const panel of panels) {
        for (const target of panel.targets ?? []) {
          if (!target.expr) continue;
          out.push({
            file: relative(dir, path),
            dashboard: dashboard.title,
            panel: panel.title ?? '(untitled)',
            refId: target.refId ?? '?',
            expr: target.expr,
            instant: target.instant === true && target.range !== true,
          });
        }
        visit(panel.panels ?? []);
      }
    };
    visit(dashboard.panels ?? []);
    return out;
  });
}

const escapeRegex = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The default value of each template variable of a dashboard, resolving query variables against Prometheus. */
export async function defaultVariableValues(path: string, api: PrometheusApi): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  for (const variable of readDashboard(path).templating?.list ?? []) {
    if (variable.type === 'datasource') continue;
    const query = typeof variable.query === 'string' ? variable.query : variable.query?.query;
    let options: string[] = (variable.options ?? []).map((o) => o.value).filter((v) => v !== '$__all');
    const labelValues = variable.type === 'query' && query ? /^label_values\((.+),\s*([a-zA-Z_]\w*)\)$/.exec(query.trim()) : null;
    if (labelValues) options = [...(await api.labelValues(labelValues[2]!, labelValues[1]!))];
    else if (variable.type === 'query') throw new Error(`${path}: variable ${variable.name}: only label_values(metric, label) queries are expanded`);
    const current = [variable.current?.value ?? []].flat();
    if (current.includes('$__all') || (current.length === 0 && variable.includeAll)) {
      values.set(variable.name, variable.allValue ?? `(${options.map(escapeRegex).join('|')})`);
    } else {
      values.set(variable.name, current[0] ?? options[0] ?? '');
    }
  }
  return values;
}

/** Grafana's interval macros for a query of `rangeSeconds` at `stepSeconds`, scraped every `scrapeSeconds`. */
export function intervalMacros(rangeSeconds: number, stepSeconds: number, scrapeSeconds: number): Map<string, string> {
  const rateInterval = Math.max(stepSeconds + scrapeSeconds, 4 * scrapeSeconds);
  return new Map([
    ['__rate_interval', `${rateInterval}s`],
    ['__interval', `${stepSeconds}s`],
    ['__interval_ms', String(stepSeconds * 1000)],
    ['__range', `${rangeSeconds}s`],
    ['__range_s', String(rangeSeconds)],
    ['__range_ms', String(rangeSeconds * 1000)],
  ]);
}

/**
 * Replaces `$name`, `${name}`, `${name:format}` and `[[name]]` of the known variables. Like Grafana, it leaves
 * anything else alone (`$1` in a label_replace is PromQL's, not Grafana's).
 */
export function expandVariables(expr: string, values: ReadonlyMap<string, string>): string {
  return expr.replace(/\$\{(\w+)(?::\w+)?\}|\[\[(\w+)\]\]|\$(\w+)/g, (whole, a?: string, b?: string, c?: string) => values.get((a ?? b ?? c)!) ?? whole);
}
