import { describe, expect, it } from 'vitest';
import { findingRow } from '../../engine/report/findings';
import { describePath } from '../../engine/model/location';
import { secretsLiteral } from '../../engine/checks/secrets/literal';
import { defineCatalog } from '../../engine/catalog/catalog';
import { metric } from '../../engine/catalog/metric';
import type { ProjectDefinitions } from '../../engine/model/project';
import type { ReceiverModel } from '../../engine/model/alertmanager';
import type { PanelModel } from '../../engine/model/dashboard';
import { findingsOf } from './run';
import { rangeQuery, ready, requests, tinyAlert, tinyDashboard, tinyPanel, tinyProject, tinyRules, withAlerts } from '../fixtures/tiny-project';

const base = tinyProject();
const AWS_KEY = `AKIA${'ABCDEFGHIJ234567'}`;
const HEX = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const SLACK_PATH = `/services/T${'0123ABCD'}/B${'4567EFGH'}/${'abcdEFGH1234ijklMNOP5678'}`;

const withReceiver = (receiver: Partial<ReceiverModel>) =>
  tinyProject({ alertmanager: { ...base.alertmanager, receivers: [{ name: 'tickets', purpose: 'Everything.', ...receiver }] } });
const withWebhook = (url: string) => withReceiver({ webhooks: [{ url, sendResolved: true }] });
const withTarget = (target: string) =>
  tinyProject({ prometheus: { ...base.prometheus, jobs: [{ job: 'app', targetGroups: [{ targets: [target], labels: { service: 'app' } }] }] } });
const withPanel = (overrides: Partial<PanelModel>) => tinyProject({ dashboards: [tinyDashboard([tinyPanel(overrides)])] });
const withDescription = (description: string) => withAlerts(tinyAlert({ description }));

/** Finding of the check as `definition › field: what`, to assert where and what in one string. */
const found = (project: ProjectDefinitions) => findingsOf(secretsLiteral, project).map((f) => `${describePath(f.location)}: ${f.message}`);

describe('secrets/literal', () => {
  it.each<[string, ProjectDefinitions, string]>([
    [
      'Having a datasource URL with a user and password should fail.',
      tinyProject({ datasource: { ...base.datasource, url: 'https://admin:hunter2@prometheus:9090' } }),
      'datasource "Prometheus": url contains what looks like a secret: a URL with a user and password (admin:hu…@…)',
    ],
    [
      'Having a webhook URL with a token in its query string should fail.',
      withWebhook('https://pager.example.org/hook?token=abc123'),
      'alertmanager › receiver "tickets": webhooks[0].url contains what looks like a secret: token=ab…',
    ],
    [
      'Having a webhook URL with a key parameter should fail.',
      withWebhook('https://pager.example.org/hook?key=0f0f0f0f'),
      'alertmanager › receiver "tickets": webhooks[0].url contains what looks like a secret: a key in the query string (key=0f…)',
    ],
    [
      'Having a Slack-style webhook path with its key should fail.',
      withWebhook(`https://chat.example.org${SLACK_PATH}`),
      'alertmanager › receiver "tickets": webhooks[0].url contains what looks like a secret: a Slack-style webhook path with its key',
    ],
    [
      'Having an opaque key as a webhook path segment should fail.',
      withWebhook('https://chat.example.org/hooks/3f9a8b7c6d5e4f3a2b1c0d9e8f7a'),
      'alertmanager › receiver "tickets": webhooks[0].url contains what looks like a secret: a key in the URL path (3f9a…)',
    ],
    [
      'Having the Slack webhook URL itself in apiUrlFile should fail.',
      withReceiver({ slack: [{ apiUrlFile: `https://hooks.slack.com${SLACK_PATH}`, channel: '#ops', sendResolved: true }] }),
      'alertmanager › receiver "tickets": slack[0].apiUrlFile contains what looks like a secret: a Slack webhook URL; a Slack-style webhook path with its key; a URL where the path of a file is expected',
    ],
    [
      'Having a scrape target with a user and password should fail.',
      withTarget('scraper:s3cret@127.0.0.1:8080'),
      'scrape job "app": targetGroups[0].targets contains what looks like a secret: a target with a user and password (scraper:s3…@…)',
    ],
    [
      'Having a probed URL with credentials should fail.',
      withTarget('http://probe:s3cret@127.0.0.1:8080/health'),
      'scrape job "app": targetGroups[0].targets contains what looks like a secret: a URL with a user and password (probe:s3…@…)',
    ],
    [
      'Having password= in an alert description should fail.',
      withDescription('{{ $labels.service }} is down; log in with password=hunter2 to check.'),
      'alert group "tiny-alerts" › alert "AppNotReady": description contains what looks like a secret: password=hu…',
    ],
    [
      'Having an AWS access key id in a runbook step should fail.',
      withAlerts(tinyAlert({ runbook: { meaning: 'Not ready.', impact: 'No traffic.', diagnose: [`aws s3 ls with ${AWS_KEY}`], mitigate: ['Fix.'] } })),
      'alert group "tiny-alerts" › alert "AppNotReady": runbook.diagnose[0] contains what looks like a secret: an AWS access key id',
    ],
    [
      'Having a bearer token in a panel description should fail.',
      withPanel({ description: 'Query it with Authorization: Bearer eyJhbGciOi1234.' }),
      'dashboard "tiny" › panel "Requests by route": description contains what looks like a secret: a bearer token (Bearer eyJh…)',
    ],
    [
      'Having a hex key after "api key" in a panel description should fail.',
      withPanel({ description: `Requests per second; api key: ${HEX}` }),
      'dashboard "tiny" › panel "Requests by route": description contains what looks like a secret: a hex key (9f86…)',
    ],
    [
      'Having api_key= in a panel query should fail.',
      withPanel({ queries: [rangeQuery('sum(rate(app_requests_total{route="/x?api_key=abcd1234"}[$__rate_interval]))')] }),
      'dashboard "tiny" › panel "Requests by route": query 1 contains what looks like a secret: api_key=ab…',
    ],
    [
      'Having a secret in an alert rule annotation of a rule group should fail.',
      tinyProject({
        ruleGroups: [tinyRules([{ kind: 'alert', alert: 'AppDown', expr: 'app_ready == 0', labels: {}, annotations: { summary: 'Down; token=abcdef.' } }])],
      }),
      'rule group "tiny" › alert "AppDown": annotations.summary contains what looks like a secret: token=ab…',
    ],
    [
      'Having a secret in a receiver purpose (written as a comment) should fail.',
      withReceiver({ purpose: `Pages; secret = ${HEX}` }),
      'alertmanager › receiver "tickets": purpose contains what looks like a secret: secret=9f86…',
    ],
  ])('%s', (_, project, message) => {
    expect(found(project)).toEqual([message]);
  });

  const tokenMetric = metric({ name: 'app_trades_total', type: 'counter', help: 'Trades by token.', unit: 'count', labels: ['token'], exposedBy: ['app'] });

  it.each<[string, ProjectDefinitions]>([
    ['Having the tiny project should pass.', base],
    ['Having a webhook token read from a file should pass.', withReceiver({ webhooks: [{ url: 'http://bridge:8080/alerts', credentialsFile: '/etc/am-secrets/token', sendResolved: true }] })],
    ['Having a Slack webhook URL read from a file should pass.', withReceiver({ slack: [{ apiUrlFile: '/etc/am-secrets/slack-url', channel: '#ops', sendResolved: true }] })],
    ['Having an environment variable for the password should pass.', tinyProject({ datasource: { ...base.datasource, url: 'https://admin:${PROM_PASSWORD}@prometheus:9090' } })],
    ['Having token=${TOKEN} in a webhook URL should pass.', withWebhook('https://pager.example.org/hook?token=${PAGER_TOKEN}')],
    ['Having a scrape target with a user but no password should pass.', withTarget('scraper@127.0.0.1:8080')],
    [
      'Having prose about secrets in a description should pass.',
      withDescription('The bearer token is a mounted secret file; a wrong password or api key shows as 401. Bearer authentication is used.'),
    ],
    [
      'Having a placeholder in a runbook command should pass.',
      withAlerts(tinyAlert({ runbook: { meaning: 'Not ready.', impact: 'No traffic.', diagnose: ['curl -H "Authorization: Bearer $TOKEN" with password=<password>'], mitigate: ['Fix.'] } })),
    ],
    ['Having a metric name after the word key should pass.', withPanel({ description: 'The key series is cdb_order_execution_duration_seconds_bucket here.' })],
    [
      'Having a matcher on a catalog label named token should pass.',
      tinyProject({
        catalog: defineCatalog([requests, ready, tokenMetric]),
        dashboards: [tinyDashboard([tinyPanel({ queries: [rangeQuery('sum(rate(app_trades_total{token="BTC"}[$__rate_interval]))')] })])],
      }),
    ],
    ['Having a runbook URL with a commit hash should pass.', tinyProject({ links: { ...base.links, runbookUrl: `https://git.example.org/blob/${HEX.slice(0, 40)}/alerts.md` } })],
  ])('%s', (_, project) => {
    expect(found(project)).toEqual([]);
  });

  it('Having a secret should name the definition file, be an error and hint at files or the environment.', () => {
    const [f] = findingsOf(secretsLiteral, withWebhook('https://pager.example.org/hook?token=abc123'));
    expect(findingRow(f!)).toMatchObject({ severity: 'error', file: 'definitions/alertmanager.ts' });
    expect(f!.hint).toMatch(/file.*environment variable/);
  });
});
