import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { configurationProblems } from './configuration-problems';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '0c9d1a2b-1111-4222-8333-444455556666';

const problemsOf = (env: NodeJS.ProcessEnv) => configurationProblems(() => loadConfig(env));

describe('loadConfig', () => {
  it('with nothing set, runs in sandbox and local-development mode on port 3978', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3978);
    assert.deepEqual(config.graph.credential, { kind: 'sandbox' });
    assert.equal(config.bot.localDevelopment, true);
    assert.equal(config.graph.baseUrl, 'https://graph.microsoft.com');
    assert.equal(config.graph.authorityHost, 'https://login.microsoftonline.com');
  });

  it('chooses a client secret credential from the conventional variables', () => {
    const config = loadConfig({ AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_SECRET: 's3cret' });
    assert.deepEqual(config.graph.credential, { kind: 'clientSecret', tenantId: TENANT, clientId: CLIENT, clientSecret: 's3cret' });
    assert.equal(config.tenantId, TENANT);
  });

  it('chooses a certificate credential and checks the file exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gp-cert-'));
    const path = join(dir, 'app.pem');
    writeFileSync(path, 'pem');
    const config = loadConfig({ AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_CERTIFICATE_PATH: path });
    assert.equal(config.graph.credential.kind, 'clientCertificate');
    assert.deepEqual(problemsOf({ AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_CERTIFICATE_PATH: join(dir, 'missing.pem') }), [
      `AZURE_CLIENT_CERTIFICATE_PATH: no file at ${join(dir, 'missing.pem')}`,
    ]);
  });

  it('chooses a managed identity when asked or when App Service provides one', () => {
    assert.deepEqual(loadConfig({ AZURE_TENANT_ID: TENANT, AZURE_USE_MANAGED_IDENTITY: 'true' }).graph.credential, { kind: 'managedIdentity', clientId: undefined });
    assert.deepEqual(loadConfig({ AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, IDENTITY_ENDPOINT: 'http://169.254.1.1/msi' }).graph.credential, {
      kind: 'managedIdentity',
      clientId: CLIENT,
    });
  });

  it('follows a national cloud and strips trailing slashes', () => {
    const config = loadConfig({ GRAPH_BASE_URL: 'https://graph.microsoft.us/', AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us' });
    assert.equal(config.graph.baseUrl, 'https://graph.microsoft.us');
    assert.equal(config.graph.authorityHost, 'https://login.microsoftonline.us');
  });

  it('keeps state in an SQLite file under DATA_DIR, committed with synchronous NORMAL unless FULL is asked for', () => {
    assert.deepEqual(loadConfig({ DATA_DIR: '/var/guestpass' }).store, { kind: 'sqlite', filePath: join('/var/guestpass', 'guestpass.sqlite'), synchronous: 'normal' });
    assert.equal((loadConfig({ SQLITE_SYNCHRONOUS: 'FULL' }).store as { synchronous: string }).synchronous, 'full');
    assert.deepEqual(problemsOf({ SQLITE_SYNCHRONOUS: 'off' }).map((p) => p.split(':')[0]), ['SQLITE_SYNCHRONOUS']);
  });

  it('bounds a shutdown to SHUTDOWN_TIMEOUT_SECONDS, 10 unless set', () => {
    assert.equal(loadConfig({}).shutdownTimeoutSeconds, 10);
    assert.equal(loadConfig({ SHUTDOWN_TIMEOUT_SECONDS: '25' }).shutdownTimeoutSeconds, 25);
    assert.deepEqual(problemsOf({ SHUTDOWN_TIMEOUT_SECONDS: '0' }).map((p) => p.split(':')[0]), ['SHUTDOWN_TIMEOUT_SECONDS']);
    assert.deepEqual(problemsOf({ SHUTDOWN_TIMEOUT_SECONDS: 'soon' }).map((p) => p.split(':')[0]), ['SHUTDOWN_TIMEOUT_SECONDS']);
  });

  it('turns telemetry on only when an exporter, an OTLP endpoint or an Application Insights connection string is set', () => {
    assert.equal(loadConfig({}).telemetry, undefined);
    assert.equal(loadConfig({ OTEL_TRACES_EXPORTER: 'none', OTEL_METRICS_EXPORTER: 'none' }).telemetry, undefined);
    assert.deepEqual(loadConfig({ OTEL_TRACES_EXPORTER: 'console' }).telemetry, { traces: ['console'], metrics: [], azureMonitorConnectionString: undefined });
    assert.deepEqual(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318' }).telemetry, {
      traces: ['otlp'],
      metrics: ['otlp'],
      azureMonitorConnectionString: undefined,
    });
    assert.deepEqual(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318', OTEL_METRICS_EXPORTER: 'none' }).telemetry?.metrics, []);
    const azure = 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/';
    assert.deepEqual(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: azure }).telemetry, { traces: [], metrics: [], azureMonitorConnectionString: azure });
    assert.deepEqual(problemsOf({ OTEL_TRACES_EXPORTER: 'zipkin' }).map((p) => p.split(':')[0]), ['OTEL_TRACES_EXPORTER']);
  });

  it('names the variable when a value is wrong', () => {
    assert.deepEqual(problemsOf({ PORT: 'eighty' }).map((p) => p.split(':')[0]), ['PORT']);
    assert.deepEqual(problemsOf({ GRAPH_BASE_URL: 'http://graph.microsoft.com' }), ['GRAPH_BASE_URL: must be an absolute https:// URL']);
    assert.match(problemsOf({ AZURE_CLIENT_ID: 'not-a-guid' })[0] ?? '', /^AZURE_CLIENT_ID: must be a GUID/);
    assert.deepEqual(problemsOf({ AZURE_CLIENT_SECRET: 'x' }), [
      'AZURE_TENANT_ID: required with AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH',
      'AZURE_CLIENT_ID: required with AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH',
    ]);
  });

  it('in production, refuses to start without Graph credentials or a bot identity', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    assert.equal(problems.length, 2);
    assert.match(problems[0] ?? '', /AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET/);
    assert.match(problems[1] ?? '', /^MicrosoftAppId: required when NODE_ENV=production/);
  });

  it('checks the bot identity variables belong together', () => {
    assert.deepEqual(problemsOf({ MicrosoftAppId: CLIENT }), ['MicrosoftAppPassword: required with MicrosoftAppType=MultiTenant']);
    assert.deepEqual(problemsOf({ MicrosoftAppId: CLIENT, MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' }), [
      'MicrosoftAppTenantId: required with MicrosoftAppType=SingleTenant',
    ]);
    const config = loadConfig({ MicrosoftAppId: CLIENT, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT });
    assert.equal(config.bot.localDevelopment, false);
  });

  it("takes the bulk invitation budget of all instances together, at most Graph's 150 per 5 s", () => {
    assert.equal(loadConfig({}).bulkInvitationsPer5Seconds, undefined, "unset: Graph's whole budget");
    assert.equal(loadConfig({ BULK_INVITATIONS_PER_5_SECONDS: '' }).bulkInvitationsPer5Seconds, undefined);
    assert.equal(loadConfig({ BULK_INVITATIONS_PER_5_SECONDS: '100' }).bulkInvitationsPer5Seconds, 100);
    assert.equal(loadConfig({ BULK_INVITATIONS_PER_5_SECONDS: '150' }).bulkInvitationsPer5Seconds, 150);
    for (const wrong of ['151', '0', 'many', '2.5']) {
      assert.equal(problemsOf({ BULK_INVITATIONS_PER_5_SECONDS: wrong }).length, 1, wrong);
      assert.match(problemsOf({ BULK_INVITATIONS_PER_5_SECONDS: wrong })[0]!, /^BULK_INVITATIONS_PER_5_SECONDS/);
    }
  });
});
