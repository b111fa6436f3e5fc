import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { configurationProblems } from './configuration-problems';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '0c9d1a2b-1111-4222-8333-444455556666';
const APP = { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_SECRET: 's3cret' };
const SSO = { SSO_CONNECTION_NAME: 'GuestPassSSO', SSO_APP_ID_URI: `api://guestpass.contoso.com/${CLIENT}` };

const problemsOf = (env: NodeJS.ProcessEnv) => configurationProblems(() => loadConfig(env));

describe('GRAPH_AUTH_MODE and single sign-on settings', () => {
  it('defaults to app-only, with the cloud\'s own Bot Framework token service', () => {
    const config = loadConfig(APP);
    assert.deepEqual(config.graph.auth, { mode: 'app' });
    assert.equal(config.bot.channel.OAuthUrl, undefined, 'left to the SDK, which knows each cloud\'s');
    assert.equal(config.bot.ssoAppIdUri, undefined);
    assert.deepEqual(loadConfig({ ...APP, GRAPH_AUTH_MODE: '' }).graph.auth, { mode: 'app' });
  });

  for (const mode of ['delegated', 'delegated-app-lookups'] as const) {
    it(`${mode}: takes the connection, the app ID URI and a token service override`, () => {
      const config = loadConfig({ ...APP, ...SSO, GRAPH_AUTH_MODE: mode, BOT_OAUTH_URL: 'https://token.botframework.us/' });
      assert.deepEqual(config.graph.auth, { mode, connectionName: 'GuestPassSSO' });
      assert.equal(config.bot.ssoAppIdUri, SSO.SSO_APP_ID_URI);
      assert.equal(config.bot.channel.OAuthUrl, 'https://token.botframework.us');
    });
  }

  it('refuses an unknown mode', () => {
    assert.ok(problemsOf({ ...APP, GRAPH_AUTH_MODE: 'user' }).some((problem) => problem.startsWith('GRAPH_AUTH_MODE:')));
  });

  it('delegated modes need the tenant, the client and its secret or certificate: not the sandbox', () => {
    const problems = problemsOf({ ...SSO, GRAPH_AUTH_MODE: 'delegated' });
    const problem = problems.find((text) => text.startsWith('GRAPH_AUTH_MODE=delegated:'));
    assert.ok(problem, problems.join('\n'));
    for (const name of ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH']) assert.ok(problem.includes(name), name);
  });

  it('delegated modes refuse a managed identity: on-behalf-of needs the app\'s own credential', () => {
    const problems = problemsOf({ ...SSO, GRAPH_AUTH_MODE: 'delegated-app-lookups', AZURE_TENANT_ID: TENANT, AZURE_USE_MANAGED_IDENTITY: 'true' });
    assert.ok(problems.some((problem) => /managed identity/.test(problem)), problems.join('\n'));
  });

  it('delegated modes need SSO_CONNECTION_NAME', () => {
    const problems = problemsOf({ ...APP, GRAPH_AUTH_MODE: 'delegated' });
    assert.deepEqual(problems.map((problem) => problem.split(':')[0]), ['SSO_CONNECTION_NAME']);
  });

  it('accepts a certificate, but not a password-protected one (OnBehalfOfCredential takes no password)', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gp-obo-')), 'app.pem');
    writeFileSync(path, 'pem');
    const env = { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_CERTIFICATE_PATH: path, ...SSO, GRAPH_AUTH_MODE: 'delegated' };
    assert.equal(loadConfig(env).graph.credential.kind, 'clientCertificate');
    const problems = problemsOf({ ...env, AZURE_CLIENT_CERTIFICATE_PASSWORD: 'pw' });
    assert.ok(problems.some((problem) => problem.startsWith('AZURE_CLIENT_CERTIFICATE_PASSWORD:')), problems.join('\n'));
  });

  it('the sign-on tokens must be the Graph client\'s to exchange: same registration as the bot, URI ending in its id', () => {
    const otherBot = '11111111-2222-4333-8444-555555555555';
    const problems = problemsOf({
      ...APP,
      ...SSO,
      GRAPH_AUTH_MODE: 'delegated',
      MicrosoftAppId: otherBot,
      MicrosoftAppPassword: 'p',
      SSO_APP_ID_URI: `api://guestpass.contoso.com/${otherBot}`,
    });
    assert.ok(problems.some((problem) => problem.startsWith('AZURE_CLIENT_ID:') && problem.includes('MicrosoftAppId')), problems.join('\n'));
    assert.ok(problems.some((problem) => problem.startsWith('SSO_APP_ID_URI:')), problems.join('\n'));
    const botIdForm = { ...APP, ...SSO, GRAPH_AUTH_MODE: 'delegated', SSO_APP_ID_URI: `api://guestpass.contoso.com/botid-${CLIENT}` };
    assert.equal(loadConfig(botIdForm).bot.ssoAppIdUri, botIdForm.SSO_APP_ID_URI, 'the botid- form is fine');
  });

  it('checks the shapes of SSO_APP_ID_URI and BOT_OAUTH_URL', () => {
    const problems = problemsOf({ ...APP, SSO_APP_ID_URI: 'https://guestpass.contoso.com', BOT_OAUTH_URL: 'http://token.example.com' });
    assert.ok(problems.some((problem) => problem.startsWith('SSO_APP_ID_URI:')));
    assert.ok(problems.some((problem) => problem.startsWith('BOT_OAUTH_URL:')));
    assert.equal(loadConfig({ ...APP, BOT_OAUTH_URL: 'http://127.0.0.1:4000' }).bot.channel.OAuthUrl, 'http://127.0.0.1:4000', 'plain http to this machine (tests)');
  });

  it('documents each new variable in .env.example, with a comment above it', () => {
    const lines = readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8').split('\n');
    for (const name of ['GRAPH_AUTH_MODE', 'SSO_CONNECTION_NAME', 'SSO_APP_ID_URI', 'BOT_OAUTH_URL']) {
      const at = lines.findIndex((line) => line.startsWith(`${name}=`));
      assert.ok(at > 0, name);
      assert.match(lines[at - 1]!, /^# \S/, `${name} has a comment`);
    }
  });

  it('names every problem at once', () => {
    const problems = problemsOf({ GRAPH_AUTH_MODE: 'delegated' });
    assert.ok(problems.some((problem) => problem.startsWith('GRAPH_AUTH_MODE=delegated:')));
    assert.ok(problems.some((problem) => problem.startsWith('SSO_CONNECTION_NAME:')));
  });
});
