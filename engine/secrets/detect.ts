/**
 * Detectors of secrets in text: credentials in URLs and scrape targets, `password=` and the like, bearer tokens,
 * keys after a word that says so, and the formats of well-known tokens. The secrets/literal check runs them on every
 * string a definition puts into a generated file; loading settings runs them on every string of a --config file.
 */

/** How a value is used, which decides the detectors beyond the ones every text gets. */
export type ValueKind = 'text' | 'promql' | 'url' | 'webhook' | 'target' | 'file';

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
export const maySecretBeIn = (value: string, kind: ValueKind) => kind === 'target' || MAY_HOLD_SECRET.test(value);

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
