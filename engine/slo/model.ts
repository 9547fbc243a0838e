/**
 * SLO definitions and their validation. Definitions are checked with zod when the build expands them into rules;
 * every problem is reported with the definition file, the SLO id and the field.
 */
import { z } from 'zod';
import type { Metric } from '../catalog/metric';
import { SeriesSelector } from '../promql/selector';
import type { AvailabilitySli, LatencySli, RatioSli, SloSpec } from '../model/slo';
import { RESERVED_SLO_LABELS } from './conventions';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const isSelector = (v: unknown) => v instanceof SeriesSelector;
const isQueryOrSelector = (v: unknown) => typeof v === 'function' || isSelector(v);

const labels = z
  .record(z.string(), z.string())
  .superRefine((record, ctx) => {
    for (const key of Object.keys(record)) {
      if (!LABEL_NAME.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: `label names match [a-zA-Z_][a-zA-Z0-9_]*, "${key}" does not` });
      if ((RESERVED_SLO_LABELS as readonly string[]).includes(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `label "${key}" is reserved by the SLO engine` });
      }
    }
  });

/** The zod schema of an SLO definition. */
export const sloSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and dashes'),
    layer: z.string().min(1),
    service: z.string().min(1),
    name: z.string().min(1),
    description: z.string().min(1),
    reasoning: z.string().min(1),
    objective: z.number().gt(0, 'objective must be above 0 %').lt(100, 'objective must be below 100 %'),
    period: z
      .string()
      .regex(/^[1-9]\d*[dw]$/, 'period is a whole number of days or weeks, e.g. 7d, 28d, 30d, 4w')
      .default('30d'),
    sli: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('ratio'),
        errors: z.custom<RatioSli['errors']>(isQueryOrSelector, 'errors is a selector or a window query'),
        total: z.custom<RatioSli['total']>(isQueryOrSelector, 'total is a selector or a window query'),
        presence: z.custom<SeriesSelector<string>>(isSelector, 'presence is a selector').optional(),
      }),
      z.object({
        kind: z.literal('latency'),
        histogram: z.custom<LatencySli['histogram']>((v) => (v as Metric | undefined)?.type === 'histogram', 'histogram is a catalog histogram'),
        threshold: z.number().positive(),
        matchers: z.record(z.string(), z.string()).optional(),
      }),
      z.object({
        kind: z.literal('availability'),
        good: z.custom<AvailabilitySli['good']>((v) => typeof v === 'object' && v !== null && 'text' in v, 'good is a 0/1 selector or expression'),
        presence: z.custom<SeriesSelector<string>>(isSelector, 'presence is a selector').optional(),
      }),
    ]),
    minTrafficRate: z.number().positive().optional(),
    traffic: z.enum(['continuous', 'sparse']).optional(),
    labels: labels.optional(),
    annotations: z
      .record(z.string(), z.string())
      .superRefine((record, ctx) => {
        for (const key of Object.keys(record)) {
          if (['summary', 'description', 'runbook_url', 'dashboard_url'].includes(key)) {
            ctx.addIssue({ code: 'custom', path: [key], message: `annotation "${key}" is written by the SLO engine` });
          }
        }
      })
      .optional(),
    periodWindow: z.enum(['derived', 'raw']).default('derived'),
    scenarioInput: z.custom<NonNullable<SloSpec['scenarioInput']>>((v) => typeof v === 'function', 'scenarioInput is a function').optional(),
    source: z.string().min(1),
  })
  .strict()
  .superRefine((slo, ctx) => {
    const sli = slo.sli;
    if (sli.kind === 'latency' && sli.histogram.bucketsUndeclared !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['sli', 'histogram'],
        message: `${sli.histogram.name} declares no buckets (${sli.histogram.bucketsUndeclared}): a latency SLO counts the bucket at its threshold, so declare the buckets it has`,
      });
    } else if (sli.kind === 'latency' && !(sli.histogram.buckets ?? []).includes(sli.threshold)) {
      ctx.addIssue({
        code: 'custom',
        path: ['sli', 'threshold'],
        message: `threshold ${sli.threshold} is not a bucket bound of ${sli.histogram.name} (${(sli.histogram.buckets ?? []).join(', ')})`,
      });
    }
    if (sli.kind === 'ratio' && !sli.presence && !isSelector(sli.total)) {
      ctx.addIssue({ code: 'custom', path: ['sli', 'presence'], message: 'a ratio SLI whose total is a query needs a presence selector' });
    }
    if (sli.kind === 'availability' && !sli.presence && !isSelector(sli.good)) {
      ctx.addIssue({ code: 'custom', path: ['sli', 'presence'], message: 'an availability SLI whose good signal is an expression needs a presence selector' });
    }
    if (/^[12]d$/.test(slo.period)) {
      ctx.addIssue({ code: 'custom', path: ['period'], message: 'period must be at least 3d, the longest alert window (ticket-slow, 3d)' });
    }
    if (!slo.scenarioInput && defaultInputProblem(sli)) {
      ctx.addIssue({ code: 'custom', path: ['scenarioInput'], message: `scenarioInput is needed: ${defaultInputProblem(sli)}` });
    }
    if (slo.minTrafficRate !== undefined && sli.kind === 'availability') {
      ctx.addIssue({ code: 'custom', path: ['minTrafficRate'], message: 'availability SLIs count time, not events: a minimum traffic rate does not apply' });
    }
    if (slo.traffic !== undefined && sli.kind === 'availability') {
      ctx.addIssue({ code: 'custom', path: ['traffic'], message: 'availability SLIs count time, not events: whether traffic is continuous or sparse does not apply' });
    }
  });

/** A validated SLO: defaults applied. */
export type SloModel = z.output<typeof sloSchema>;

/** Declares an SLO; it is validated when the build expands it. */
export function slo(spec: SloSpec): SloSpec {
  return spec;
}

/**
 * Whether the SLO's events flow all the time (`continuous`, the default) or may stop for hours (`sparse`);
 * undefined for availability SLIs, which count time, not events. See `SloSpec.traffic`.
 */
export function trafficOf(slo: SloModel): 'continuous' | 'sparse' | undefined {
  return slo.sli.kind === 'availability' ? undefined : (slo.traffic ?? 'continuous');
}

/** Days in a period such as `30d` or `4w`. */
export function periodDays(period: string): number {
  const m = /^(\d+)([dw])$/.exec(period);
  if (!m) throw new Error(`not a period: ${period}`);
  return Number(m[1]) * (m[2] === 'w' ? 7 : 1);
}

const onlyEquality = (s: SeriesSelector<string>) => !/(=~|!=|!~)/.test(s.text.slice(s.seriesName.length));

/** Why scenario input cannot be built from the SLI's selectors alone, if it cannot. */
export function defaultInputProblem(sli: z.output<typeof sloSchema>['sli']): string | undefined {
  if (sli.kind === 'ratio') {
    if (!(sli.errors instanceof SeriesSelector) || !(sli.total instanceof SeriesSelector)) return 'errors or total is a query';
    if (sli.errors.seriesName === sli.total.seriesName) return 'errors and total select the same metric';
    if (!onlyEquality(sli.errors) || !onlyEquality(sli.total)) return 'a selector has non-equality matchers';
  }
  if (sli.kind === 'availability') {
    if (!(sli.good instanceof SeriesSelector)) return 'the good signal is an expression';
    if (!onlyEquality(sli.good)) return 'the good selector has non-equality matchers';
  }
  return undefined;
}
