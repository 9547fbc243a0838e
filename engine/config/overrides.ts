/**
 * Environment overrides: a YAML file that changes, for one deployment, what the definitions say about the
 * datasource, scrape targets, alert thresholds, receivers, SLO objectives and links. Validated with zod; an
 * unknown key is an error, reported with the file and line.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node } from 'yaml';
import { z } from 'zod';
import type { ProjectModel, ScrapeJobModel } from '../model/project';
import type { ReceiverModel } from '../model/alertmanager';

const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;
const duration = z.string().regex(DURATION, 'a Prometheus duration such as 30s, 5m or 1h');
const hostPort = z.string().regex(/^[a-zA-Z0-9_.-]+:\d{1,5}$/, 'host:port');
const url = z.string().regex(/^https?:\/\/[^\s]+$/, 'an http(s) URL');
const absolutePath = z.string().regex(/^\//, 'an absolute path inside the container');

/** The override file's schema. Every level is strict: unknown keys are errors. */
export const overridesSchema = z
  .object({
    datasource: z.object({ url: url.optional(), name: z.string().min(1).optional() }).strict().optional(),
    scrape: z
      .object({
        interval: duration.optional(),
        /** Targets by job name, replacing the job's targets. */
        targets: z.record(z.string(), z.array(hostPort).min(1)).optional(),
      })
      .strict()
      .optional(),
    /** By alert name, then by threshold key (see alerts/thresholds.ts): numbers or durations. */
    thresholds: z.record(z.string(), z.record(z.string(), z.union([z.number(), duration]))).optional(),
    /** By receiver name. */
    receivers: z
      .record(
        z.string(),
        z
          .object({ url: url.optional(), credentialsFile: absolutePath.optional(), apiUrlFile: absolutePath.optional(), channel: z.string().min(1).optional() })
          .strict(),
      )
      .optional(),
    /** By SLO id. */
    slos: z.record(z.string(), z.object({ objective: z.number().gt(0, 'objective must be above 0 %').lt(100, 'objective must be below 100 %') }).strict()).optional(),
    links: z.object({ grafanaUrl: url.optional(), runbookUrl: url.optional() }).strict().optional(),
  })
  .strict();

export type Overrides = z.output<typeof overridesSchema>;

/** An override file the build cannot use; the message names the file, line and key of every problem. */
export class OverridesError extends Error {
  override readonly name = 'OverridesError';
}

/** What the thresholds of a project look like: alert name → threshold key → default value. */
export type ThresholdTable = Readonly<Record<string, Readonly<Record<string, number | string>>>>;

interface Located {
  readonly overrides: Overrides;
  /** `file:line` of a key path, for messages about values that are valid YAML but wrong for the project. */
  where(path: readonly (string | number)[]): string;
}

/** Reads and validates an override file against its schema and the project's threshold table. */
export function loadOverrides(file: string, thresholds: ThresholdTable): Located {
  const text = readFileSync(file, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) {
    throw new OverridesError(
      `${file} is not valid YAML; nothing was written:\n${doc.errors.map((e) => `  - ${file}:${e.linePos?.[0]?.line ?? '?'}: ${e.message.split('\n')[0]}`).join('\n')}`,
    );
  }
  /** `file:line` of the deepest key of `path` present in the file. */
  const where = (path: readonly (string | number)[]) => {
    let node: unknown = doc.contents;
    let offset: number | undefined = (doc.contents as Node | null)?.range?.[0];
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) break;
        offset = (pair.key as Node).range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
        node = node.items[segment];
        offset = (node as Node).range?.[0] ?? offset;
      } else break;
    }
    return offset === undefined ? file : `${file}:${lines.linePos(offset).line}`;
  };
  const parsed = overridesSchema.safeParse(doc.toJS() ?? {});
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
      for (const key of keys) {
        const path = key === undefined ? issue.path : [...issue.path, key];
        problems.push(`${where(path as (string | number)[])}: ${path.join('.') || '(file)'}: ${issue.message}`);
      }
    }
  } else {
    for (const [alert, values] of Object.entries(parsed.data.thresholds ?? {})) {
      const defaults = thresholds[alert];
      if (!defaults) {
        problems.push(`${where(['thresholds', alert])}: thresholds.${alert}: no alert of that name has thresholds`);
        continue;
      }
      for (const [key, value] of Object.entries(values)) {
        const current = defaults[key];
        if (current === undefined) problems.push(`${where(['thresholds', alert, key])}: thresholds.${alert}.${key}: not a threshold of ${alert} (it has ${Object.keys(defaults).join(', ')})`);
        else if (typeof current !== typeof value) problems.push(`${where(['thresholds', alert, key])}: thresholds.${alert}.${key}: must be a ${typeof current === 'number' ? 'number' : 'duration'}`);
      }
    }
  }
  if (problems.length > 0) throw new OverridesError(`${file} is invalid; nothing was written:\n  - ${problems.join('\n  - ')}`);
  return { overrides: parsed.data!, where };
}

/** Sets overridden threshold values in place, before the alert definitions read them. */
export function applyThresholdOverrides(table: ThresholdTable, overrides: Overrides): void {
  for (const [alert, values] of Object.entries(overrides.thresholds ?? {})) Object.assign(table[alert] as Record<string, unknown>, values);
}

/** The project with the overrides applied; throws OverridesError for names the project does not have. */
export function applyOverrides(project: ProjectModel, located: Located): ProjectModel {
  const { overrides: o, where } = located;
  const problems: string[] = [];
  const jobs = new Map(project.prometheus.jobs.map((j) => [j.job, j]));
  for (const job of Object.keys(o.scrape?.targets ?? {})) {
    if (!jobs.has(job)) problems.push(`${where(['scrape', 'targets', job])}: scrape.targets.${job}: no scrape job of that name (jobs: ${[...jobs.keys()].join(', ')})`);
    else if (jobs.get(job)!.probe || jobs.get(job)!.targetGroups.length !== 1) problems.push(`${where(['scrape', 'targets', job])}: scrape.targets.${job}: a probe job's targets follow the services; override those instead`);
  }
  const receivers = new Map(project.alertmanager.receivers.map((r) => [r.name, r]));
  for (const [name, change] of Object.entries(o.receivers ?? {})) {
    const r = receivers.get(name);
    if (!r) {
      problems.push(`${where(['receivers', name])}: receivers.${name}: no receiver of that name (receivers: ${[...receivers.keys()].join(', ')})`);
      continue;
    }
    // Every field must change something: webhook fields need a webhook receiver, chat fields a chat receiver.
    const fits: Record<string, boolean> = { url: !!r.webhooks, credentialsFile: !!r.webhooks, apiUrlFile: !!r.slack, channel: !!r.slack };
    for (const field of Object.keys(change)) {
      if (!fits[field]) problems.push(`${where(['receivers', name, field])}: receivers.${name}.${field}: ${name} has no ${r.webhooks ? 'chat' : r.slack ? 'webhook' : 'notification'} configuration for it to change`);
    }
  }
  const slos = new Set(project.slos.map((s) => s.id));
  for (const id of Object.keys(o.slos ?? {})) if (!slos.has(id)) problems.push(`${where(['slos', id])}: slos.${id}: no SLO of that id (SLOs: ${[...slos].join(', ')})`);
  if (problems.length > 0) throw new OverridesError(`overrides do not fit the project; nothing was written:\n  - ${problems.join('\n  - ')}`);

  const scrapeInterval = o.scrape?.interval ?? project.prometheus.scrapeInterval;
  const job = (j: ScrapeJobModel): ScrapeJobModel => {
    const targets = o.scrape?.targets?.[j.job];
    return targets ? { ...j, targetGroups: [{ targets, labels: j.targetGroups[0]!.labels }] } : j;
  };
  const receiver = (r: ReceiverModel): ReceiverModel => {
    const change = o.receivers?.[r.name];
    if (!change) return r;
    return {
      ...r,
      ...(r.webhooks
        ? { webhooks: r.webhooks.map((w) => ({ ...w, ...(change.url ? { url: change.url } : {}), ...(change.credentialsFile ? { credentialsFile: change.credentialsFile } : {}) })) }
        : {}),
      ...(r.slack ? { slack: r.slack.map((s) => ({ ...s, ...(change.apiUrlFile ? { apiUrlFile: change.apiUrlFile } : {}), ...(change.channel ? { channel: change.channel } : {}) })) } : {}),
    };
  };
  return {
    ...project,
    datasource: { ...project.datasource, ...(o.datasource ?? {}), scrapeInterval },
    prometheus: { ...project.prometheus, scrapeInterval, jobs: project.prometheus.jobs.map(job) },
    alertmanager: { ...project.alertmanager, receivers: project.alertmanager.receivers.map(receiver) },
    slos: project.slos.map((s) => (o.slos?.[s.id] ? { ...s, objective: o.slos[s.id]!.objective } : s)),
    links: { ...project.links, ...(o.links ?? {}) },
  };
}
