/**
 * `npm run conformance -- --service <job> --url <url> | --file <path> [--format text|json]`: checks what a CdB
 * service exposes on /metrics against the catalog's contract for its scrape job. Service teams run it in their
 * own CI against a running instance, or against an exposition saved to a file.
 *
 * Exit codes: 0 conforms; 1 findings (errors, or warnings too with `--fail-on warning`); 2 the check could not
 * run (bad arguments, unknown service, unreachable URL, HTTP error, unreadable or unparsable exposition).
 * With `--format json`, stdout carries only the JSON document, also when the check could not run.
 */
import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { parseArguments } from './cli/command';
import { catalog } from '../catalog';
import { compareExposition } from '../engine/conformance/compare';
import type { ConformanceSeverity } from '../engine/conformance/finding';
import { ExpositionParseError, parseExposition, type ExpositionFormat } from '../engine/conformance/parse-exposition';
import { conforms, renderJson, renderText } from '../engine/conformance/render';

/**
 * What Prometheus 2.42 sends when it scrapes, so the service answers as it answers Prometheus (OpenMetrics when
 * it can, with its `_created` series).
 */
const PROMETHEUS_ACCEPT = 'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

interface Options {
  service: string;
  url?: string;
  file?: string;
  format: 'text' | 'json';
  failOn: ConformanceSeverity;
  allowUndeclared: boolean;
  timeout: string;
}

/** A failure to run the check at all (exit 2), as opposed to a target that does not conform (exit 1). */
class CannotCheck extends Error {}

const program = new Command()
  .name('check-conformance')
  .description("Compare a service's /metrics with the metric catalog's contract for its scrape job.")
  .requiredOption('--service <job>', 'scrape job of the service, as in the catalog (e.g. cdb_core)')
  .addOption(new Option('--url <url>', 'scrape this /metrics URL').conflicts('file'))
  .addOption(new Option('--file <path>', 'read the exposition from this file').conflicts('url'))
  .addOption(new Option('--format <format>', 'report format').choices(['text', 'json']).default('text'))
  .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the check').choices(['error', 'warning']).default('error'))
  .option('--allow-undeclared', 'report metrics the catalog does not declare for the job as warnings, not errors (for exporters)', false)
  .option('--timeout <seconds>', 'give up on the URL after this long', '10');

const options = parseArguments<Options>(program);

/** The exposition text and, from the Content-Type, its format where the server says it. */
async function readExposition(): Promise<{ text: string; format?: ExpositionFormat }> {
  if (options.file !== undefined) {
    try {
      return { text: await readFile(options.file, 'utf8') };
    } catch (error) {
      throw new CannotCheck(`cannot read ${options.file}: ${(error as Error).message}`);
    }
  }
  const url = options.url!;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new CannotCheck(`--url needs an http(s) URL, not "${url}"`);
  const seconds = Number(options.timeout);
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: PROMETHEUS_ACCEPT }, signal: AbortSignal.timeout(seconds * 1000) });
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError') throw new CannotCheck(`${url} did not answer within ${seconds} s`);
    throw new CannotCheck(`cannot reach ${url}: ${e.cause?.message ?? e.cause?.code ?? e.message}`);
  }
  const text = await response.text();
  if (!response.ok) throw new CannotCheck(`${url} answered HTTP ${response.status} ${response.statusText}`.trimEnd());
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('protobuf')) throw new CannotCheck(`${url} answered in protobuf (${type}); only the text formats are read`);
  return { text, format: type.startsWith('application/openmetrics-text') ? 'openmetrics' : type.startsWith('text/plain') ? 'prometheus' : undefined };
}

async function main(): Promise<number> {
  if ((options.url === undefined) === (options.file === undefined)) throw new CannotCheck('give exactly one of --url <url> or --file <path>');
  if (!(Number(options.timeout) > 0)) throw new CannotCheck(`--timeout must be a positive number of seconds, not "${options.timeout}"`);
  const jobs = [...new Set(catalog.metrics.flatMap((m) => m.exposedBy))];
  if (!jobs.includes(options.service)) throw new CannotCheck(`unknown service "${options.service}"; the catalog knows the jobs ${jobs.join(', ')}`);
  const source = options.url ?? options.file!;
  const { text, format } = await readExposition();
  let exposition;
  try {
    exposition = parseExposition(text, format);
  } catch (error) {
    if (error instanceof ExpositionParseError) throw new CannotCheck(`${source} is not a valid exposition: ${error.message}`);
    throw error;
  }
  const result = compareExposition(catalog, options.service, exposition, { undeclared: options.allowUndeclared ? 'warning' : 'error' });
  const context = { source, failOn: options.failOn };
  process.stdout.write(options.format === 'json' ? renderJson(result, context) : renderText(result, context));
  return conforms(result, options.failOn) ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof CannotCheck)) throw error;
  console.error(`check-conformance: ${error.message}`);
  if (options.format === 'json') process.stdout.write(`${JSON.stringify({ job: options.service, ok: false, error: error.message }, null, 2)}\n`);
  process.exitCode = 2;
}
