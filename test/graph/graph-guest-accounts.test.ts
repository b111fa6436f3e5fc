import assert from 'node:assert/strict';
import { ClientSecretCredential } from '@azure/identity';
import { GraphConnection } from '../../src/graph/graph-client';
import { GraphGuestAccounts, lastSignIn, sponsorReference } from '../../src/graph/graph-guest-accounts';
import { DirectoryError } from '../../src/invitation/directory-error';
import { GraphSimulator, SANDBOX_IDS, sandboxDirectorySeed, type DirectorySeed, type RunningGraphSimulator } from '../../src/sandbox/graph-simulator';
import { FakeEntraId } from '../support/fake-entra';
import { testCaIsTrusted, testServerTls } from '../support/tls';

const TENANT = SANDBOX_IDS.tenant;
const CLIENT_ID = '7e1f0c2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const SECRET = 'lifecycle-test-secret';
const { megan, adele, janePending, alexAccepted, kaiOtherMails } = SANDBOX_IDS.users;
const NOW = new Date('2026-11-30T12:00:00Z');

/** The real Graph client (token from a fake Entra ID, over https) against the simulator. */
class LifecycleStage {
  readonly entra = new FakeEntraId();
  simulator!: GraphSimulator;
  accounts!: GraphGuestAccounts;
  url!: string;
  private running!: RunningGraphSimulator;

  async start(seed: DirectorySeed = sandboxDirectorySeed(NOW)): Promise<this> {
    await this.entra.start();
    this.entra.registerClient({ tenantId: TENANT, clientId: CLIENT_ID, clientSecret: SECRET, roles: ['User.Read.All', 'User.ReadWrite.All', 'AuditLog.Read.All'] });
    this.simulator = new GraphSimulator({ seed, now: () => NOW, acceptToken: (token) => this.entra.isValidToken(token, this.url) });
    this.running = await this.simulator.listen({ tls: testServerTls() });
    this.url = this.running.url;
    const credential = new ClientSecretCredential(TENANT, CLIENT_ID, SECRET, { authorityHost: this.entra.authorityHost, disableInstanceDiscovery: true });
    this.accounts = new GraphGuestAccounts(new GraphConnection({ baseUrl: this.url, credential, timeoutSeconds: 10, maxRetries: 1 }));
    return this;
  }

  async stop(): Promise<void> {
    await this.running?.close();
    await this.entra.stop();
  }

  /** Requests the simulator received on this path, JSON-batch items included. */
  sent(method: string, path: string) {
    return this.simulator.requestsTo(method, `/v1.0${path}`);
  }
}

async function rejectsWith(promise: Promise<unknown>, kind: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => error instanceof DirectoryError && error.kind === kind);
}

describe('GraphGuestAccounts (the guest lifecycle through the real Graph client)', () => {
  let stage: LifecycleStage;

  before(function () {
    if (!testCaIsTrusted()) throw new Error('Run with NODE_EXTRA_CA_CERTS=test/.tls/ca.pem (npm test does).');
  });

  beforeEach(async () => {
    stage = await new LifecycleStage().start();
  });

  afterEach(async () => {
    await stage.stop();
  });

  describe('getAccounts', () => {
    it('reads accounts in JSON batches of twenty with the properties Graph leaves out by default, and tells unknown ids apart', async () => {
      const unknown = Array.from({ length: 21 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
      const { found, missingIds } = await stage.accounts.getAccounts([janePending, alexAccepted, megan, ...unknown]);

      assert.equal(stage.sent('POST', '/$batch').length, 2, '24 ids: a batch of twenty, then one of four');
      const jane = found.find((account) => account.id === janePending);
      assert.deepEqual(jane, {
        id: janePending,
        displayName: 'Jane Doe (Fabrikam)',
        mail: 'jane@fabrikam.com',
        userPrincipalName: 'jane_fabrikam.com#EXT#@contoso.onmicrosoft.com',
        userType: 'Guest',
        accountEnabled: true,
        externalUserState: 'PendingAcceptance',
        createdAt: '2026-11-27T12:00:00Z',
      });
      assert.equal(found.find((account) => account.id === megan)?.userType, 'Member');
      assert.equal(found.find((account) => account.id === alexAccepted)?.externalUserState, 'Accepted');
      assert.deepEqual(missingIds.sort(), unknown.sort());
      const item = stage.simulator.requests.find((request) => request.batchItemId !== undefined)!;
      assert.match(item.query.get('$select') ?? '', /accountEnabled/);
    });

    it('reads a disabled account as disabled', async () => {
      stage.simulator.directory.updateUser(alexAccepted, { accountEnabled: false });
      const { found } = await stage.accounts.getAccounts([alexAccepted]);
      assert.equal(found[0]?.accountEnabled, false);
    });

    it('leaves an account Graph throttled inside the batch in neither list, and throws when the app may not read users', async () => {
      stage.simulator.enqueueFault({ method: 'GET', pathPrefix: `/v1.0/users/${alexAccepted}` }, { status: 429, headers: { 'Retry-After': '0' } });
      const { found, missingIds } = await stage.accounts.getAccounts([janePending, alexAccepted]);
      assert.deepEqual(found.map((account) => account.id), [janePending]);
      assert.deepEqual(missingIds, []);

      stage.simulator.enqueueFault({ method: 'GET', pathPrefix: `/v1.0/users/${alexAccepted}` }, { status: 403 });
      await rejectsWith(stage.accounts.getAccounts([janePending, alexAccepted]), 'insufficientPrivileges');
    });
  });

  describe('setAccountEnabled', () => {
    it('disables and re-enables a guest with PATCH /users/{id} {accountEnabled}', async () => {
      await stage.accounts.setAccountEnabled(alexAccepted, false);
      assert.equal(stage.simulator.directory.findUser(alexAccepted)?.accountEnabled, false);
      const patch = stage.sent('PATCH', `/users/${alexAccepted}`);
      assert.deepEqual(patch.map((request) => request.body), [{ accountEnabled: false }]);

      await stage.accounts.setAccountEnabled(alexAccepted, true);
      assert.equal(stage.simulator.directory.findUser(alexAccepted)?.accountEnabled, true);
    });

    it('never disables a member, whatever it is asked', async () => {
      await rejectsWith(stage.accounts.setAccountEnabled(megan, false), 'rejected');
      assert.equal(stage.simulator.directory.findUser(megan)?.accountEnabled, true);
      assert.equal(stage.sent('PATCH', '/users').length, 0, 'nothing was sent');
    });

    it('says notFound for an account that no longer exists, and insufficientPrivileges when Graph refuses the change', async () => {
      await rejectsWith(stage.accounts.setAccountEnabled('00000000-0000-4000-8000-000000000001', false), 'notFound');
      stage.simulator.enqueueFault({ method: 'PATCH', pathPrefix: `/v1.0/users/${alexAccepted}` }, { status: 403 });
      await rejectsWith(stage.accounts.setAccountEnabled(alexAccepted, false), 'insufficientPrivileges');
      assert.equal(stage.simulator.directory.findUser(alexAccepted)?.accountEnabled, true);
    });

    it('sends the PATCH again after a 429 (the same change twice does no harm)', async () => {
      stage.simulator.enqueueFault({ method: 'PATCH', pathPrefix: `/v1.0/users/${alexAccepted}` }, { status: 429, headers: { 'Retry-After': '0' } });
      await stage.accounts.setAccountEnabled(alexAccepted, false);
      assert.equal(stage.sent('PATCH', `/users/${alexAccepted}`).length, 2);
      assert.equal(stage.simulator.directory.findUser(alexAccepted)?.accountEnabled, false);
    });
  });

  describe('deleteAccount', () => {
    it('deletes a guest with DELETE /users/{id}; the account is then in deleted items, and a second delete resolves', async () => {
      await stage.accounts.deleteAccount(janePending);
      assert.equal(stage.simulator.directory.findUser(janePending), undefined);
      assert.equal(stage.simulator.directory.findDeletedUser(janePending)?.user.mail, 'jane@fabrikam.com');
      assert.equal(stage.sent('DELETE', `/users/${janePending}`).length, 1);

      await stage.accounts.deleteAccount(janePending);
      const { missingIds } = await stage.accounts.getAccounts([janePending]);
      assert.deepEqual(missingIds, [janePending]);
    });

    it('never deletes a member', async () => {
      await rejectsWith(stage.accounts.deleteAccount(adele), 'rejected');
      assert.ok(stage.simulator.directory.findUser(adele));
      assert.equal(stage.sent('DELETE', '/users').length, 0);
    });

    it('resolves when Graph answers the DELETE itself with 404 (gone between the check and the delete)', async () => {
      stage.simulator.enqueueFault({ method: 'DELETE', pathPrefix: `/v1.0/users/${kaiOtherMails}` }, { status: 404 });
      await stage.accounts.deleteAccount(kaiOtherMails);
    });
  });

  describe('lastSignIns', () => {
    it('reads signInActivity through $select in batches; a user who never signed in, or is gone, is absent', async () => {
      stage.simulator.directory.recordSignIn(alexAccepted, new Date('2026-10-01T09:00:00Z'));
      stage.simulator.directory.recordSignIn(megan, new Date('2026-11-29T18:00:00Z'));
      const unknown = '00000000-0000-4000-8000-000000000009';
      const result = await stage.accounts.lastSignIns([alexAccepted, janePending, megan, unknown]);
      assert.ok(result.available);
      assert.deepEqual(Object.fromEntries(result.at), { [alexAccepted]: '2026-10-01T09:00:00Z', [megan]: '2026-11-29T18:00:00Z' });
      const items = stage.simulator.requests.filter((request) => request.batchItemId !== undefined);
      assert.equal(items.length, 4);
      assert.ok(items.every((item) => item.query.get('$select') === 'id,signInActivity'));
    });

    it('says forbidden, not an error, in a tenant without Entra ID P1 and for an app without AuditLog.Read.All', async () => {
      stage.simulator.directory.premium = false;
      assert.deepEqual(await stage.accounts.lastSignIns([alexAccepted, janePending]), { available: false, why: 'forbidden' });
      assert.deepEqual(await stage.accounts.lastSignIns([]), { available: false, why: 'forbidden' }, 'no ids: asks whether they can be read');

      stage.simulator.directory.premium = true;
      stage.simulator.directory.auditLogReadAllowed = false;
      assert.deepEqual(await stage.accounts.lastSignIns([alexAccepted]), { available: false, why: 'forbidden' });
      stage.simulator.directory.auditLogReadAllowed = true;
      assert.deepEqual(await stage.accounts.lastSignIns([]), { available: true, at: new Map() });
    });

    it('throws any other failure, rather than report a throttled guest as one who never signed in', async () => {
      stage.simulator.enqueueFault({ method: 'GET', pathPrefix: `/v1.0/users/${alexAccepted}` }, { status: 429, headers: { 'Retry-After': '0' } });
      await rejectsWith(stage.accounts.lastSignIns([janePending, alexAccepted]), 'throttled');
      stage.simulator.enqueueFault({ method: 'GET', pathPrefix: '/v1.0/users' }, { status: 503 }, 2);
      await rejectsWith(stage.accounts.lastSignIns([]), 'unavailable');
    });
  });

  describe('listGuests', () => {
    it("lists only guests (userType eq 'Guest'), following pages up to the limit", async () => {
      const all = await stage.accounts.listGuests(100);
      assert.equal(all.complete, true);
      assert.deepEqual(all.guests.map((guest) => guest.id).sort(), [alexAccepted, janePending, kaiOtherMails, SANDBOX_IDS.users.leeProxyAddresses].sort());
      assert.ok(all.guests.every((guest) => guest.userType === 'Guest' && guest.accountEnabled));
      const sent = stage.sent('GET', '/users')[0]!;
      assert.equal(sent.query.get('$filter'), "userType eq 'Guest'");

      const two = await stage.accounts.listGuests(2);
      assert.equal(two.guests.length, 2);
      assert.equal(two.complete, false);
    });

    it('pages beyond the first answer when Graph pages', async () => {
      const seed = sandboxDirectorySeed(NOW);
      for (let index = 0; index < 1005; index++) {
        seed.users.push({ displayName: `Guest ${index}`, userPrincipalName: `g${index}_x.com#EXT#@contoso.onmicrosoft.com`, userType: 'Guest' });
      }
      await stage.stop();
      stage = await new LifecycleStage().start(seed);
      const { guests, complete } = await stage.accounts.listGuests(5000);
      assert.equal(guests.length, 1009);
      assert.equal(complete, true);
      assert.equal(stage.sent('GET', '/users').length, 2, 'pages of 999');
    });
  });

  describe('sponsors', () => {
    it('lists the user sponsors of a guest, leaving group sponsors out', async () => {
      stage.simulator.directory.setSponsors(alexAccepted, [megan, SANDBOX_IDS.projectGroup, adele]);
      assert.deepEqual(await stage.accounts.sponsorIdsOf(alexAccepted), [megan, adele]);
      stage.simulator.directory.setSponsors(janePending, []);
      assert.deepEqual(await stage.accounts.sponsorIdsOf(janePending), []);
      await rejectsWith(stage.accounts.sponsorIdsOf('00000000-0000-4000-8000-000000000001'), 'notFound');
    });

    it("reads many guests' sponsors in JSON batches of twenty, one HTTP request per twenty guests", async () => {
      const guests = Array.from({ length: 41 }, (_, index) =>
        stage.simulator.directory.addUser({ displayName: `Guest ${index}`, userPrincipalName: `g${index}_tailspin.com#EXT#@contoso.onmicrosoft.com`, userType: 'Guest' }).id,
      );
      guests.forEach((id, index) => stage.simulator.directory.setSponsors(id, index % 2 === 0 ? [megan, SANDBOX_IDS.projectGroup] : [adele]));
      const unknown = '00000000-0000-4000-8000-000000000003';
      const before = stage.simulator.requests.filter((request) => request.batchItemId === undefined).length;

      const sponsors = await stage.accounts.sponsorIdsOfMany([...guests, unknown]);

      const http = stage.simulator.requests.filter((request) => request.batchItemId === undefined).slice(before);
      assert.equal(http.length, Math.ceil(42 / 20), '42 ids: three JSON batches, nothing else');
      assert.ok(http.every((request) => request.method === 'POST' && request.path === '/v1.0/$batch'));
      assert.equal(stage.sent('GET', `/users/${guests[0]}/sponsors`).length, 1, 'each guest read once, inside a batch');
      assert.deepEqual(sponsors.get(guests[0]!), [megan], 'group sponsors left out');
      assert.deepEqual(sponsors.get(guests[1]!), [adele]);
      assert.equal(sponsors.size, 41);
      assert.equal(sponsors.has(unknown), false, 'an id Graph could not read is left out');
    });

    it('leaves out a guest whose sponsors Graph throttled inside the batch, and throws when the app may not read them', async () => {
      stage.simulator.directory.setSponsors(alexAccepted, [megan]);
      stage.simulator.directory.setSponsors(janePending, [adele]);
      stage.simulator.enqueueFault({ method: 'GET', pathPrefix: `/v1.0/users/${alexAccepted}/sponsors` }, { status: 429, headers: { 'Retry-After': '0' } });
      const sponsors = await stage.accounts.sponsorIdsOfMany([janePending, alexAccepted]);
      assert.deepEqual([...sponsors], [[janePending, [adele]]]);

      stage.simulator.enqueueFault({ method: 'GET', pathPrefix: `/v1.0/users/${alexAccepted}/sponsors` }, { status: 403 });
      await rejectsWith(stage.accounts.sponsorIdsOfMany([janePending, alexAccepted]), 'insufficientPrivileges');
      assert.equal((await stage.accounts.sponsorIdsOfMany([])).size, 0);
    });

    it('adds a sponsor with POST sponsors/$ref naming the user on the Graph host, and takes a sponsor already there as done', async () => {
      stage.simulator.directory.setSponsors(janePending, []);
      await stage.accounts.addSponsor(janePending, adele);
      assert.deepEqual(await stage.accounts.sponsorIdsOf(janePending), [adele]);
      const post = stage.sent('POST', `/users/${janePending}/sponsors`)[0]!;
      assert.deepEqual(post.body, { '@odata.id': `${stage.url}/v1.0/users/${adele}` });

      await stage.accounts.addSponsor(janePending, adele);
      assert.deepEqual(await stage.accounts.sponsorIdsOf(janePending), [adele]);
    });

    it('fails for a sixth sponsor, an unknown sponsor, and without the permission', async () => {
      stage.simulator.directory.setSponsors(janePending, [megan, adele, alexAccepted, kaiOtherMails, SANDBOX_IDS.users.leeProxyAddresses]);
      const sixth = stage.simulator.directory.addUser({ displayName: 'Sixth', userPrincipalName: 'sixth@contoso.com' });
      await rejectsWith(stage.accounts.addSponsor(janePending, sixth.id), 'rejected');
      await rejectsWith(stage.accounts.addSponsor(alexAccepted, '00000000-0000-4000-8000-000000000002'), 'notFound');
      stage.simulator.enqueueFault({ method: 'POST', pathPrefix: `/v1.0/users/${alexAccepted}/sponsors` }, { status: 403 });
      await rejectsWith(stage.accounts.addSponsor(alexAccepted, megan), 'insufficientPrivileges');
    });
  });

  it('sends every request through the pace it is given', async () => {
    let paced = 0;
    const credential = new ClientSecretCredential(TENANT, CLIENT_ID, SECRET, { authorityHost: stage.entra.authorityHost, disableInstanceDiscovery: true });
    const accounts = new GraphGuestAccounts(new GraphConnection({ baseUrl: stage.url, credential, timeoutSeconds: 10, maxRetries: 0 }), {
      pace: (request) => {
        paced++;
        return request();
      },
    });
    await accounts.setAccountEnabled(alexAccepted, false);
    await accounts.getAccounts([alexAccepted]);
    assert.equal(paced, 3, 'the guest check, the PATCH and the batch');
    assert.equal(stage.simulator.requests.filter((request) => request.batchItemId === undefined).length, 3);
  });
});

describe('Graph shapes of the guest lifecycle', () => {
  it('names a sponsor on the configured cloud', () => {
    assert.deepEqual(sponsorReference('s 1', 'https://graph.microsoft.us/'), { '@odata.id': 'https://graph.microsoft.us/v1.0/users/s%201' });
  });

  it('takes the last successful sign-in, or else the later of the interactive and non-interactive ones', () => {
    assert.equal(lastSignIn(null), undefined);
    assert.equal(lastSignIn({ lastSuccessfulSignInDateTime: '2026-01-02T00:00:00Z', lastSignInDateTime: '2026-03-01T00:00:00Z' }), '2026-01-02T00:00:00Z');
    assert.equal(
      lastSignIn({ lastSignInDateTime: '2023-01-02T00:00:00Z', lastNonInteractiveSignInDateTime: '2023-05-01T00:00:00Z' }),
      '2023-05-01T00:00:00Z',
    );
  });
});
