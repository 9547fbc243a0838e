/** The parts of the Prometheus HTTP API (v1) that live verification reads; Prometheus and vmalert both serve them. */

export interface Sample {
  readonly metric: Readonly<Record<string, string>>;
}

export interface TargetHealth {
  readonly labels: Readonly<Record<string, string>>;
  readonly scrapeUrl: string;
  readonly health: 'up' | 'down' | 'unknown';
  readonly lastError: string;
}

export interface RuleHealth {
  readonly type: 'recording' | 'alerting';
  readonly name: string;
  readonly query: string;
  readonly health: string;
  readonly lastError?: string;
  readonly state?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export interface RuleGroupHealth {
  readonly name: string;
  readonly file: string;
  readonly rules: readonly RuleHealth[];
  readonly lastEvaluation: string;
  /** Evaluation interval in seconds. */
  readonly interval: number;
}

export interface ActiveAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly state: 'pending' | 'firing';
  readonly activeAt: string;
}

export interface QueryStats {
  readonly timings?: Readonly<Record<string, number>>;
  readonly samples?: { readonly totalQueryableSamples?: number; readonly peakSamples?: number };
}

export interface QueryResult {
  readonly resultType: string;
  readonly result: readonly Sample[];
  readonly stats?: QueryStats;
}

export class PrometheusApi {
  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = 10_000,
  ) {}

  private async get<T>(path: string, params: Record<string, string | string[]> = {}): Promise<T> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) for (const v of [value].flat()) search.append(key, v);
    const url = `${this.baseUrl}${path}${search.size > 0 ? `?${search}` : ''}`;
    const response = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    const body = (await response.json()) as { status: string; data: T; error?: string; errorType?: string };
    if (body.status !== 'success') throw new Error(`${path}: ${body.errorType ?? 'error'}: ${body.error ?? response.statusText}`);
    return body.data;
  }

  query(expr: string, options: { time?: number; stats?: boolean } = {}): Promise<QueryResult> {
    return this.get('/api/v1/query', {
      query: expr,
      ...(options.time !== undefined ? { time: String(options.time) } : {}),
      ...(options.stats ? { stats: 'all' } : {}),
    });
  }

  queryRange(expr: string, range: { start: number; end: number; step: number }, options: { stats?: boolean } = {}): Promise<QueryResult> {
    return this.get('/api/v1/query_range', {
      query: expr,
      start: String(range.start),
      end: String(range.end),
      step: String(range.step),
      ...(options.stats ? { stats: 'all' } : {}),
    });
  }

  async targets(): Promise<readonly TargetHealth[]> {
    return (await this.get<{ activeTargets: TargetHealth[] }>('/api/v1/targets', { state: 'active' })).activeTargets;
  }

  async ruleGroups(): Promise<readonly RuleGroupHealth[]> {
    return (await this.get<{ groups: RuleGroupHealth[] }>('/api/v1/rules')).groups;
  }

  async alerts(): Promise<readonly ActiveAlert[]> {
    return (await this.get<{ alerts: ActiveAlert[] }>('/api/v1/alerts')).alerts;
  }

  labelValues(label: string, match: string): Promise<readonly string[]> {
    return this.get(`/api/v1/label/${encodeURIComponent(label)}/values`, { 'match[]': match });
  }
}
