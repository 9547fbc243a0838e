import { finding, type Check, type Finding } from '../check';
import type { RouteModel } from '../../model/alertmanager';
import { locate, within, type Location } from '../../model/location';
import type { ResolvedProject } from '../../resolve/resolved-project';

/** How a value is used, which decides the detectors beyond the ones every text gets. */
type ValueKind = 'text' | 'promql' | 'url' | 'webhook' | 'target' | 'file';

/** One string of the definitions that ends up in a generated file. */
interface Literal {
  readonly location: Location;
  /** The field, as a reader finds it in the definition: `url`, `annotations.description`, `panel query 2`. */
  readonly field: string;
  readonly value: string;
  readonly kind: ValueKind;
}

/** A value that stands for a secret instead of being one: `$VAR`, `${VAR}`, `<token>`, `{{ template }}`. */
const isPlaceholder = (value: string) => /^(?:\$|<|\{|%\()/.test(value);

/** A value mixing letters and digits, or long: what generated tokens look like, unlike words. */
const looksGenerated = (value: string) => (/[a-zA-Z]/.test(value) && /[0-9]/.test(value)) || value.length >= 24;

/** The secret with all but its start masked, so the report does not spread it further. */
const redact = (secret: string) => `${secret.slice(0, Math.min(4, Math.floor(secret.length / 3)))}…`;

/** `name=value` with a name that says it holds a secret (`password=`, `access_token=`, `api_key=`). */
const ASSIGNMENT =
  /([A-Za-z0-9_.-]*(?:password|passwd|pwd|token|secret|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth[_-]?key))\s*=(?![=~])\s*["']?([^\s&"',;)}\]]+)/gi;
/**
 * The words ASSIGNMENT needs. Its leading `[A-Za-z0-9_.-]*` retries from every position of a long identifier, which
 * is slow on the thousands of PromQL texts and descriptions of a large project; texts without any of these words
 * (nearly all) skip it.
 */
const ASSIGNMENT_KEYWORD = /password|passwd|pwd|token|secret|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth[_-]?key/i;
/** `Authorization: Bearer <value>` and the like. */
const BEARER = /\bBearer\s+([A-Za-z0-9\-._~+/]+=*)/g;
/** A long hex or base64 blob right after a word saying it is a key, token or secret. */
const BLOB_AFTER_KEYWORD = /(?:key|token|secret|password)["']?[\s:=]{1,4}["']?([A-Za-z0-9+/_=-]{32,})/gi;
/** Credentials in a URL: `scheme://user:password@host`. */
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/([^\s/@:"']+):([^\s/@"']+)@/gi;
/** Credentials in a scrape target written without a scheme: `user:password@host:port`. */
const TARGET_CREDENTIALS = /^([^\s/@:]+):([^\s/@]+)@/;
/** URLs inside any text, to inspect their query strings. */
const URLS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`)]+/gi;
/** Query parameters that carry a secret in webhook and API URLs. */
const SECRET_PARAMETER = /(?:^|[_-])(?:key|token|secret|password|passwd|pwd|apikey|sig|signature|auth|code)$|token|secret|password|apikey|api_key/i;

/** Patterns whose mere presence is a secret. */
const KNOWN_SECRETS: ReadonlyArray<{ readonly what: string; readonly pattern: RegExp }> = [
  { what: 'an AWS access key id', pattern: /(?<![A-Z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Z0-9])/ },
  { what: 'a private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { what: 'a Slack webhook URL', pattern: /hooks\.slack\.com\/services\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/[A-Za-z0-9]+/ },
  { what: 'a Slack-style webhook path with its key', pattern: /\/services\/T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/[A-Za-z0-9]{12,}/ },
  { what: 'a Discord webhook URL with its token', pattern: /\/api\/webhooks\/[0-9]+\/[A-Za-z0-9_-]{20,}/ },
  { what: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { what: 'a GitHub token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{22,}/ },
  { what: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}/ },
];

/**
 * Text that every detector but the scrape-target one needs somewhere in a value (case aside): a value without any
 * of it cannot match, and nearly every PromQL text and description of a project has none. Checking it first spares
 * the dozen scans of each detector.
 */
const MAY_HOLD_SECRET = /AKIA|ASIA|PRIVATE KEY|\/services\/|\/api\/webhooks\/|xox|gh[pousr]_|github_pat_|glpat-|:\/\/|Bearer|key|token|secret|passw|pwd/i;

/** Whether any detector could find something in `value`: false for nearly every text of a project. */
const maySecretBeIn = (value: string, kind: ValueKind) => kind === 'target' || MAY_HOLD_SECRET.test(value);

/**
 * What in `value` looks like a secret, as phrases for the message (empty: nothing). In PromQL, `name="value"` with
 * a name from `labelNames` is a label matcher on a catalog label (say `token="BTC"`), not a credential.
 */
export function secretsIn(value: string, kind: ValueKind, labelNames: ReadonlySet<string> = new Set()): string[] {
  if (!maySecretBeIn(value, kind)) return [];
  const found: string[] = [];
  for (const { what, pattern } of KNOWN_SECRETS) if (pattern.test(value)) found.push(what);
  for (const m of value.matchAll(URL_CREDENTIALS)) {
    if (!isPlaceholder(m[2]!)) found.push(`a URL with a user and password (${m[1]}:${redact(m[2]!)}@…)`);
  }
  if (kind === 'target') {
    const m = TARGET_CREDENTIALS.exec(value);
    if (m && !isPlaceholder(m[2]!)) found.push(`a target with a user and password (${m[1]}:${redact(m[2]!)}@…)`);
  }
  for (const m of ASSIGNMENT_KEYWORD.test(value) ? value.matchAll(ASSIGNMENT) : []) {
    if (kind === 'promql' && labelNames.has(m[1]!)) continue;
    if (!isPlaceholder(m[2]!)) found.push(`${m[1]}=${redact(m[2]!)}`);
  }
  for (const text of value.matchAll(URLS)) {
    let url: URL;
    try {
      url = new URL(text[0]);
    } catch {
      continue;
    }
    for (const [name, v] of url.searchParams) {
      // Names the assignment pattern already reported are left to it.
      if (SECRET_PARAMETER.test(name) && v !== '' && !isPlaceholder(v) && !found.some((f) => f.startsWith(`${name}=`))) {
        found.push(`a ${name} in the query string (${name}=${redact(v)})`);
      }
    }
    if (kind === 'webhook') {
      const segment = url.pathname.split('/').find((s) => /^[A-Za-z0-9_-]{24,}$/.test(s) && /[A-Za-z]/.test(s) && /[0-9]/.test(s));
      if (segment && !found.some((f) => f.includes('webhook'))) found.push(`a key in the URL path (${redact(segment)})`);
    }
  }
  for (const m of value.matchAll(BEARER)) {
    if (looksGenerated(m[1]!)) found.push(`a bearer token (Bearer ${redact(m[1]!)})`);
  }
  for (const m of value.matchAll(BLOB_AFTER_KEYWORD)) {
    const blob = m[1]!;
    const hex = /^[0-9a-fA-F]{32,}$/.test(blob);
    const base64 = /[A-Z]/.test(blob) && /[a-z]/.test(blob) && /[0-9]/.test(blob);
    if ((hex || base64) && !found.some((f) => f.includes(redact(blob)))) found.push(`a ${hex ? 'hex' : 'base64'} key (${redact(blob)})`);
  }
  if (kind === 'file' && /:\/\//.test(value)) found.push('a URL where the path of a file is expected');
  return found;
}

/** A field name, or a function making it: most values cannot hold a secret, and their names are never needed. */
type FieldName = string | (() => string);
const fieldName = (field: FieldName) => (typeof field === 'string' ? field : field());

/**
 * Every string of the project that a generated file contains and a detector could match, with where it is
 * defined. Building a name and a record for each of the hundreds of thousands of strings of a large system took
 * longer than checking them, so the others are dropped as they are met.
 */
function literals(p: ResolvedProject): Literal[] {
  const out: Literal[] = [];
  const add = (at: Location, field: FieldName, value: string | undefined, kind: ValueKind = 'text') => {
    if (value && maySecretBeIn(value, kind)) out.push({ location: at, field: fieldName(field), value, kind });
  };
  const addRecord = (at: Location, field: FieldName, record: Readonly<Record<string, string>> | undefined) => {
    if (record === undefined) return;
    for (const k of Object.keys(record)) add(at, () => `${fieldName(field)}.${k}`, record[k]);
  };

  const config = p.configLocation;
  const datasource = within(config, ['datasource', p.datasource.name]);
  add(datasource, 'url', p.datasource.url, 'url');
  add(datasource, 'name', p.datasource.name);
  add(within(config, ['links']), 'grafanaUrl', p.links.grafanaUrl, 'url');
  add(within(config, ['links']), 'runbookUrl', p.links.runbookUrl, 'url');
  const prometheus = within(config, ['prometheus']);
  addRecord(prometheus, 'externalLabels', p.prometheus.externalLabels);
  p.prometheus.alertmanagers.forEach((a, i) => add(prometheus, `alertmanagers[${i}]`, a, 'target'));
  for (const job of p.prometheus.jobs) {
    const where = within(config, ['scrape job', job.job]);
    add(where, 'metricsPath', job.metricsPath, 'url');
    add(where, 'probe.exporter', job.probe?.exporter, 'target');
    add(where, 'probe.module', job.probe?.module);
    job.targetGroups.forEach((g, i) => {
      for (const t of g.targets) add(where, `targetGroups[${i}].targets`, t, 'target');
      addRecord(where, `targetGroups[${i}].labels`, g.labels);
    });
  }

  const am = p.alertmanager;
  const amFile = p.alertmanagerLocation;
  for (const r of am.receivers) {
    const where = within(amFile, ['receiver', r.name]);
    add(where, 'purpose', r.purpose);
    r.webhooks?.forEach((w, i) => {
      add(where, `webhooks[${i}].url`, w.url, 'webhook');
      add(where, `webhooks[${i}].credentialsFile`, w.credentialsFile, 'file');
    });
    r.slack?.forEach((s, i) => {
      add(where, `slack[${i}].apiUrlFile`, s.apiUrlFile, 'file');
      add(where, `slack[${i}].channel`, s.channel);
    });
  }
  const routes = (route: RouteModel, at: Location) => {
    route.matchers?.forEach((m, i) => add(at, `matchers[${i}]`, m.value));
    route.routes?.forEach((r, i) => routes(r, within(at, ['route', i + 1])));
  };
  routes(am.route, within(amFile, ['route']));
  am.inhibitRules.forEach((r, i) => {
    const where = within(amFile, ['inhibit rule', i + 1]);
    add(where, 'reason', r.reason);
    [...r.source, ...r.target].forEach((m) => add(where, `matcher ${m.label}`, m.value));
  });

  const catalogFile = locate(p.fileOf(p.sources.catalog));
  for (const m of p.catalog.metrics) {
    const where = within(catalogFile, ['metric', m.name]);
    add(where, 'help', m.help);
    for (const [label, values] of Object.entries(m.labelValues ?? {})) {
      for (const v of (values as readonly string[] | undefined) ?? []) add(where, `labelValues.${label}`, v);
    }
  }

  for (const { dashboard: d, location } of p.dashboards) {
    add(location, 'title', d.title);
    add(location, 'description', d.description);
    for (const row of d.rows) {
      add(location, () => `row "${row.title}" title`, row.title);
      for (const panel of row.panels) {
        const at = within(location, ['panel', panel.title]);
        add(at, 'title', panel.title);
        add(at, 'description', panel.description);
        panel.queries.forEach((q, i) => {
          add(at, () => `query ${i + 1}`, q.expr, 'promql');
          add(at, () => `query ${i + 1} legend`, q.legend);
        });
        panel.links?.forEach((l, i) => add(at, () => `links[${i}].title`, l.title));
      }
    }
    for (const v of d.variables) add(within(location, ['variable', v.name]), 'series', v.series, 'promql');
  }

  for (const g of p.recordingGroups) {
    for (const r of g.rules) {
      const where = locate(p.fileOf(g.source), ['rule group', g.name], r.kind === 'recording' ? ['recording rule', r.record] : ['alert', r.alert]);
      add(where, 'expr', r.expr, 'promql');
      addRecord(where, 'labels', r.labels);
      if (r.kind === 'alert') addRecord(where, 'annotations', r.annotations);
    }
  }

  for (const g of p.alertGroups) {
    for (const a of g.alerts) {
      const where = a.location;
      add(where, 'expr', a.expr, 'promql');
      addRecord(where, 'labels', a.labels);
      add(where, 'summary', a.summary);
      add(where, 'description', a.description);
      addRecord(where, 'annotations', a.annotations);
      add(where, 'runbook.meaning', a.runbook.meaning);
      add(where, 'runbook.impact', a.runbook.impact);
      a.runbook.diagnose.forEach((s, i) => add(where, () => `runbook.diagnose[${i}]`, s));
      a.runbook.mitigate.forEach((s, i) => add(where, () => `runbook.mitigate[${i}]`, s));
      for (const s of a.scenarios) {
        const at = `scenario "${s.name}"`;
        s.input.forEach((x, i) => add(where, () => `${at} input[${i}]`, x.series, 'promql'));
        s.expect.forEach((e, i) => {
          add(where, () => `${at} expect[${i}].description`, e.description);
          addRecord(where, () => `${at} expect[${i}].labels`, e.labels);
        });
        s.expectSeries?.forEach((e, i) => add(where, () => `${at} expectSeries[${i}]`, e.expr, 'promql'));
      }
    }
  }
  return out;
}

/** Secrets belong in files or the environment of the container reading them, never in git or generated/. */
export const secretsLiteral: Check = {
  id: 'secrets/literal',
  severity: 'error',
  description: 'A literal that looks like a secret (credentials in a URL, a token, password or key) in a definition that ends up in a generated file.',
  run(ctx) {
    const out: Finding[] = [];
    const labelNames = new Set(ctx.catalog.metrics.flatMap((m) => m.labels as readonly string[]));
    for (const l of literals(ctx)) {
      const found = secretsIn(l.value, l.kind, labelNames);
      if (found.length === 0) continue;
      out.push(
        finding(
          secretsLiteral,
          l.location,
          `${l.field} contains what looks like a secret: ${[...new Set(found)].join('; ')}`,
          l.kind === 'file'
            ? 'Put the secret into the file and name only the file path here.'
            : 'Remove the literal: have the consumer read the secret from a file (credentialsFile, apiUrlFile, a *_file field) or an environment variable set at deploy time.',
        ),
      );
    }
    return out;
  },
};
