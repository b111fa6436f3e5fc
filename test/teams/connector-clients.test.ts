import assert from 'node:assert/strict';
import { ConnectorClients, ConnectorFactory } from '../../src/teams/connector-clients';

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

describe('ConnectorClients', () => {
  it('builds one client per caller, service URL and audience, and hands it out again on later turns', async () => {
    const clients = new ConnectorClients();
    const factory = countingFactory();
    const first = await clients.cached('teams', factory).create('https://smba.example/emea/', 'aud-1');
    const again = await clients.cached('teams', countingFactory()).create('https://smba.example/emea/', 'aud-1');
    assert.equal(again, first);
    assert.deepEqual(factory.made, ['https://smba.example/emea/ aud-1']);

    const others = [
      await clients.cached('teams', factory).create('https://smba.example/amer/', 'aud-1'),
      await clients.cached('teams', factory).create('https://smba.example/emea/', 'aud-2'),
      await clients.cached('another-bot', factory).create('https://smba.example/emea/', 'aud-1'),
    ];
    assert.equal(new Set([first, ...others]).size, 4);
  });

  it('does not keep a failure: the next turn builds the client again', async () => {
    const clients = new ConnectorClients();
    const failing = countingFactory({ fail: true });
    await assert.rejects(clients.cached('teams', failing).create('https://smba.example/emea/'), /no credential/);
    const working = countingFactory();
    await clients.cached('teams', working).create('https://smba.example/emea/');
    assert.equal(working.made.length, 1);
  });

  it('keeps at most 100 clients, forgetting the oldest', async () => {
    const clients = new ConnectorClients();
    const factory = countingFactory();
    for (let index = 0; index <= 100; index++) await clients.cached('teams', factory).create(`https://smba.example/${index}/`);
    await clients.cached('teams', factory).create('https://smba.example/100/');
    await clients.cached('teams', factory).create('https://smba.example/0/');
    assert.equal(factory.made.length, 102);
  });
});
