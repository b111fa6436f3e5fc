import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphSimulator, SANDBOX_IDS, sandboxDirectorySeed } from '../../../src/sandbox/graph-simulator';
import { filterQuery, startSimulator, type SimulatorHarness } from './simulator-harness';
import { closeServer } from '../../support/close-server';

const REDIRECT = 'https://teams.microsoft.com';

/** Waits (without asserting on time) until the condition holds; gives up after 5 s. */
async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; !condition(); attempt += 1) {
    if (attempt > 1000) throw new Error('Condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
const JSON_HEADERS = { 'Content-Type': 'application/json' };

describe('Graph simulator: $batch and fault injection', () => {
  let graph: SimulatorHarness;

  beforeEach(async () => {
    graph = await startSimulator();
  });
  afterEach(async () => {
    await graph.close();
  });

  describe('POST /$batch', () => {
    it('runs each item through the normal routes and answers per id', async () => {
      const { status, body } = await graph.post('/v1.0/$batch', {
        requests: [
          { id: 'lookup', method: 'GET', url: `/users?${filterQuery("mail eq 'jane@fabrikam.com'")}&$select=id,externalUserState` },
          { id: 'byId', method: 'GET', url: `users/${SANDBOX_IDS.users.megan}?$select=displayName` },
          {
            id: 'invite',
            method: 'POST',
            url: '/invitations',
            headers: JSON_HEADERS,
            body: { invitedUserEmailAddress: 'sam@tailspin.com', inviteRedirectUrl: REDIRECT },
          },
          { id: 'missing', method: 'GET', url: '/users/nobody' },
        ],
      });
      assert.equal(status, 200);
      const byId = Object.fromEntries(body.responses.map((r: { id: string }) => [r.id, r]));
      assert.deepEqual(byId.lookup.body.value, [{ id: SANDBOX_IDS.users.janePending, externalUserState: 'PendingAcceptance' }]);
      assert.equal(byId.byId.body.displayName, 'Megan Bowen');
      assert.equal(byId.invite.status, 201);
      assert.ok(graph.simulator.directory.findUserByEmail('sam@tailspin.com'));
      assert.equal(byId.missing.status, 404);
      assert.equal(byId.missing.body.error.code, 'Request_ResourceNotFound');
      assert.deepEqual(
        graph.simulator.requests.map((r) => [r.method, r.path, r.batchItemId]),
        [
          ['POST', '/v1.0/$batch', undefined],
          ['GET', '/v1.0/users', 'lookup'],
          ['GET', `/v1.0/users/${SANDBOX_IDS.users.megan}`, 'byId'],
          ['POST', '/v1.0/invitations', 'invite'],
          ['GET', '/v1.0/users/nobody', 'missing'],
        ],
      );
    });

    it('refuses more than 20 items, and a write item without Content-Type', async () => {
      const many = Array.from({ length: 21 }, (_, index) => ({ id: String(index), method: 'GET', url: '/organization' }));
      const tooMany = await graph.post('/v1.0/$batch', { requests: many });
      assert.equal(tooMany.status, 400);
      assert.equal(tooMany.body.error.code, 'BadRequest');
      const noType = await graph.post('/v1.0/$batch', {
        requests: [
          {
            id: '1',
            method: 'POST',
            url: '/invitations',
            body: { invitedUserEmailAddress: 'a@tailspin.com', inviteRedirectUrl: REDIRECT },
          },
        ],
      });
      assert.equal(noType.status, 200);
      assert.equal(noType.body.responses[0].status, 400);
      assert.equal(graph.simulator.directory.findUserByEmail('a@tailspin.com'), undefined);
    });

    it('answers 424 for an item whose dependency failed', async () => {
      const { body } = await graph.post('/v1.0/$batch', {
        requests: [
          { id: '1', method: 'GET', url: '/users/nobody' },
          { id: '2', method: 'GET', url: '/organization', dependsOn: ['1'] },
        ],
      });
      assert.deepEqual(body.responses.map((r: { status: number }) => r.status), [404, 424]);
    });
  });

  describe('enqueued faults', () => {
    it('serves the fault N times, then handles normally', async () => {
      graph.simulator.enqueueFault({ method: 'POST', pathPrefix: '/v1.0/invitations' }, { status: 429, headers: { 'Retry-After': '7' } }, 2);
      const body = { invitedUserEmailAddress: 'sam@tailspin.com', inviteRedirectUrl: REDIRECT };
      const first = await graph.post('/v1.0/invitations', body);
      assert.equal(first.status, 429);
      assert.equal(first.headers.get('retry-after'), '7');
      assert.equal(first.body.error.code, 'TooManyRequests');
      assert.ok(first.body.error.innerError['request-id']);
      assert.equal(graph.simulator.directory.findUserByEmail('sam@tailspin.com'), undefined);
      // A GET is not matched by the POST-only fault.
      assert.equal((await graph.get('/v1.0/organization')).status, 200);
      assert.equal((await graph.post('/v1.0/invitations', body)).status, 429);
      assert.equal((await graph.post('/v1.0/invitations', body)).status, 201);
    });

    it('serves faults for one match in FIFO order, with custom bodies as given', async () => {
      graph.simulator.enqueueFault({ pathPrefix: '/v1.0/users' }, { status: 503 });
      const denied = { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' } };
      graph.simulator.enqueueFault({ pathPrefix: '/v1.0/users' }, { status: 403, body: denied });
      const first = await graph.get('/v1.0/users');
      const second = await graph.get('/v1.0/users');
      const third = await graph.get('/v1.0/users');
      assert.deepEqual([first.status, second.status, third.status], [503, 403, 200]);
      assert.equal(first.body.error.code, 'ServiceUnavailable');
      assert.deepEqual(second.body, denied);
    });

    it('hits JSON-batch items too: the 429 comes back inside the batch', async () => {
      graph.simulator.enqueueFault({ method: 'GET', pathPrefix: '/v1.0/users/' }, { status: 429, headers: { 'Retry-After': '1' } });
      const { status, body } = await graph.post('/v1.0/$batch', {
        requests: [
          { id: 'a', method: 'GET', url: `/users/${SANDBOX_IDS.users.megan}` },
          { id: 'b', method: 'GET', url: `/users/${SANDBOX_IDS.users.adele}` },
        ],
      });
      assert.equal(status, 200);
      assert.deepEqual(body.responses.map((r: { status: number }) => r.status), [429, 200]);
      assert.equal(body.responses[0].headers['Retry-After'], '1');
    });

    it('resets the connection', async () => {
      graph.simulator.enqueueFault({ pathPrefix: '/v1.0/organization' }, { kind: 'reset' });
      await assert.rejects(fetch(`${graph.url}/v1.0/organization`), TypeError);
      assert.equal((await graph.get('/v1.0/organization')).status, 200);
    });
  });

  describe('a hanging request', () => {
    it('never answers, and is released when the server closes', async () => {
      const simulator = new GraphSimulator({ seed: sandboxDirectorySeed() });
      simulator.enqueueFault({ pathPrefix: '/v1.0/users' }, { kind: 'hang' });
      const running = await simulator.listen();
      const port = new URL(running.url).port;
      let answered = false;
      const outcome = new Promise<string>((resolve) => {
        const request = http.get({ host: '127.0.0.1', port, path: '/v1.0/users' }, () => {
          answered = true;
          resolve('answered');
        });
        request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      });
      await until(() => simulator.requestsTo('GET', '/v1.0/users').length === 1);
      // Other requests are still served while that one hangs.
      const other = await fetch(`${running.url}/v1.0/organization`);
      assert.equal(other.status, 200);
      assert.equal(answered, false);
      await running.close();
      assert.equal(await outcome, 'ECONNRESET');
    });
  });

  describe('random faults', () => {
    it('fails the share of requests chosen by the random source, and can be turned off', async () => {
      // rate 0.5: a draw below 0.5 faults the request; the next draw picks the response.
      const draws = [0.9, 0.1, 0.0, 0.7, 0.2, 0.99];
      graph.simulator.setRandomFaults({ rate: 0.5, responses: [{ status: 503 }, { status: 429 }], random: () => draws.shift() ?? 1 });
      const statuses: number[] = [];
      for (let index = 0; index < 4; index += 1) statuses.push((await graph.get('/v1.0/organization')).status);
      assert.deepEqual(statuses, [200, 503, 200, 429]);
      graph.simulator.setRandomFaults(null);
      assert.equal((await graph.get('/v1.0/organization')).status, 200);
    });
  });

  describe('mounting the listener on your own server', () => {
    it('serves through the exported request listener', async () => {
      const simulator = new GraphSimulator({ seed: sandboxDirectorySeed() });
      const server = http.createServer(simulator.listener);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const response = await fetch(`http://127.0.0.1:${port}/v1.0/users?$top=1`);
        const body = (await response.json()) as { '@odata.nextLink': string };
        assert.equal(response.status, 200);
        assert.ok(body['@odata.nextLink'].startsWith(`http://127.0.0.1:${port}/v1.0/users?`));
      } finally {
        await closeServer(server);
      }
    });
  });
});
