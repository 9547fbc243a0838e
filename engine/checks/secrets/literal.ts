import { finding, type Check, type Finding } from '../check';
import type { RouteModel } from '../../model/alertmanager';
import { locate, within, type Location } from '../../model/location';
import type { ResolvedProject } from '../../resolve/resolved-project';
import { maySecretBeIn, secretsIn, type ValueKind } from '../../secrets/detect';

/** One string of the definitions that ends up in a generated file. */
interface Literal {
  readonly location: Location;
  /** The field, as a reader finds it in the definition: `url`, `annotations.description`, `panel query 2`. */
  readonly field: string;
  readonly value: string;
  readonly kind: ValueKind;
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
