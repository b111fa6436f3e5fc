import assert from 'node:assert/strict';
import { BotClients, ConnectorFactory } from '../../src/teams/bot-clients';
import { GuestPassBotAuthentication } from '../../src/teams/sso/bot-authentication';

/** A stand-in for the SDK's per-turn factory: counts the clients it builds and can be told to fail. */
function countingFactory(options: { fail?: boolean } = {}): ConnectorFactory & { made: string[] } {
  const made: string[] = [];
  return {
    made,
    async create(serviceUrl: string, audience?: string) {
      made.push(`${serviceUrl} ${audience ?? ''}`);
      if (options.fail) throw new Error('no credential');
      return { serviceUrl, audience } as never;
    },
  };
}

describe('BotClients', () => {
  it('builds one client per caller, service URL and audience, and hands it out again on later turns', async () => {
    const clients = new BotClients();
    const factory = countingFactory();
    const first = await clients.connectorFactory('teams', factory).create('https://smba.example/emea/', 'aud-1');
    const again = await clients.connectorFactory('teams', countingFactory()).create('https://smba.example/emea/', 'aud-1');
    assert.equal(again, first);
    assert.deepEqual(factory.made, ['https://smba.example/emea/ aud-1']);

    const others = [
      await clients.connectorFactory('teams', factory).create('https://smba.example/amer/', 'aud-1'),
      await clients.connectorFactory('teams', factory).create('https://smba.example/emea/', 'aud-2'),
      await clients.connectorFactory('another-bot', factory).create('https://smba.example/emea/', 'aud-1'),
    ];
    assert.equal(new Set([first, ...others]).size, 4);
  });

  it('does not keep a failure: the next turn builds the client again', async () => {
    const clients = new BotClients();
    const failing = countingFactory({ fail: true });
    await assert.rejects(clients.connectorFactory('teams', failing).create('https://smba.example/emea/'), /no credential/);
    const working = countingFactory();
    await clients.connectorFactory('teams', working).create('https://smba.example/emea/');
    assert.equal(working.made.length, 1);
  });

  it('keeps at most 100 clients, forgetting the oldest', async () => {
    const clients = new BotClients();
    const factory = countingFactory();
    for (let index = 0; index <= 100; index++) await clients.connectorFactory('teams', factory).create(`https://smba.example/${index}/`);
    await clients.connectorFactory('teams', factory).create('https://smba.example/100/');
    await clients.connectorFactory('teams', factory).create('https://smba.example/0/');
    assert.equal(factory.made.length, 102);
  });

  it('keeps one user token client per caller, and does not keep a failure', async () => {
    const clients = new BotClients();
    let made = 0;
    const make = async () => ({ made: ++made }) as never;
    const first = await clients.userTokenClient('teams', make);
    assert.equal(await clients.userTokenClient('teams', make), first);
    assert.notEqual(await clients.userTokenClient('another-bot', make), first);
    assert.equal(made, 2);

    await assert.rejects(clients.userTokenClient('failing', () => Promise.reject(new Error('no credential'))), /no credential/);
    assert.deepEqual(await clients.userTokenClient('failing', make), { made: 3 });
  });
});

describe('GuestPassBotAuthentication keeps the SDK clients between turns', () => {
  // No bot identity: the SDK accepts the request without a token (local development), with anonymous claims.
  const activity = { type: 'message', channelId: 'msteams', serviceUrl: 'https://smba.example/emea/' } as never;

  it('hands an incoming turn and a proactive turn the same Bot Connector client', async () => {
    const authentication = new GuestPassBotAuthentication({});
    const first = await authentication.authenticateRequest(activity, '');
    const second = await authentication.authenticateRequest(activity, '');
    assert.ok(first.connectorFactory && second.connectorFactory);
    const client = await first.connectorFactory.create('https://smba.example/emea/', first.audience);
    assert.equal(await second.connectorFactory.create('https://smba.example/emea/', second.audience), client);
    const proactive = authentication.createConnectorFactory(first.claimsIdentity);
    assert.equal(await proactive.create('https://smba.example/emea/', first.audience), client);
    assert.notEqual(await proactive.create('https://smba.example/amer/', first.audience), client);
  });

  it('builds the user token client once', async () => {
    const authentication = new GuestPassBotAuthentication({});
    const { claimsIdentity } = await authentication.authenticateRequest(activity, '');
    const client = await authentication.createUserTokenClient(claimsIdentity);
    assert.equal(await authentication.createUserTokenClient(claimsIdentity), client);
  });
});
