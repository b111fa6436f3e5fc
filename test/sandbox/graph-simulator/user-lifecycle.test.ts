import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SANDBOX_IDS, sandboxDirectorySeed } from '../../../src/sandbox/graph-simulator';
import {
  READ_ONLY_USER_PROPERTIES,
  SIMULATED_WRITABLE_USER_PROPERTIES,
  UNSIMULATED_USER_PROPERTIES,
} from '../../../src/sandbox/graph-simulator/routes/user-writes';
import { FIXED_NOW, filterQuery, startSimulator, type SimulatorHarness } from './simulator-harness';

const { megan, adele, janePending, alexAccepted, kaiOtherMails } = SANDBOX_IDS.users;
const CSDL = readFileSync(join(__dirname, 'fixtures', 'user-types.csdl.xml'), 'utf8');
const GRAPH = 'https://graph.microsoft.com/v1.0';

/** The structural properties of an entity type of the fixture, its base types' included. */
function propertiesOf(name: string): string[] {
  const block = new RegExp(`<EntityType Name="${name}"([^>]*)>([\\s\\S]*?)</EntityType>`).exec(CSDL);
  assert.ok(block, `${name} is in the metadata`);
  const own = [...block[2]!.matchAll(/<Property Name="(\w+)"/g)].map((match) => match[1]!);
  const base = /BaseType="graph\.(\w+)"/.exec(block[1]!)?.[1];
  return [...(base ? propertiesOf(base) : []), ...own];
}

describe('Graph simulator: the guest lifecycle on users', () => {
  let graph: SimulatorHarness;

  beforeEach(async () => {
    graph = await startSimulator();
  });
  afterEach(async () => {
    await graph.close();
  });

  describe('PATCH /users/{id}', () => {
    it('knows every property of the v1.0 user type as settable here, read-only, or not kept by the simulator', () => {
      const declared = propertiesOf('user');
      const known = [...SIMULATED_WRITABLE_USER_PROPERTIES, ...READ_ONLY_USER_PROPERTIES, ...UNSIMULATED_USER_PROPERTIES];
      assert.deepEqual(declared.filter((name) => !known.includes(name)), [], 'every declared property is classified');
      assert.deepEqual(known.filter((name) => !declared.includes(name)), [], 'nothing classified that the schema does not declare');
      assert.equal(new Set(known).size, known.length, 'each in one class only');
      assert.ok(declared.includes('accountEnabled') && /<Property Name="accountEnabled" Type="Edm.Boolean"/.test(CSDL));
    });

    it('disables and re-enables an account: 204 without a body, and the change shows in reads', async () => {
      const disabled = await graph.request('PATCH', `/v1.0/users/${alexAccepted}`, { body: { accountEnabled: false } });
      assert.equal(disabled.status, 204);
      assert.equal(disabled.body, undefined);
      const read = await graph.get(`/v1.0/users/${alexAccepted}?$select=id,accountEnabled`);
      assert.deepEqual({ id: read.body.id, accountEnabled: read.body.accountEnabled }, { id: alexAccepted, accountEnabled: false });
      const listed = await graph.get(`/v1.0/users?${filterQuery('accountEnabled eq false')}&$select=id`);
      assert.deepEqual(listed.body.value.map((user: { id: string }) => user.id), [alexAccepted]);

      assert.equal((await graph.request('PATCH', `/v1.0/users/${alexAccepted}`, { body: { accountEnabled: true, '@odata.type': '#microsoft.graph.user' } })).status, 204);
      assert.equal(graph.simulator.directory.findUser(alexAccepted)?.accountEnabled, true);
    });

    it('changes names, and accepts an empty change', async () => {
      assert.equal((await graph.request('PATCH', `/v1.0/users/${kaiOtherMails}`, { body: { displayName: 'Kai C.', surname: null } })).status, 204);
      assert.equal(graph.simulator.directory.findUser(kaiOtherMails)?.displayName, 'Kai C.');
      assert.equal((await graph.request('PATCH', `/v1.0/users/${kaiOtherMails}`, { body: {} })).status, 204);
    });

    const refusals: [string, unknown, string, RegExp][] = [
      ['an undeclared property', { accountEnabled: false, enabled: false }, 'Request_BadRequest', /'enabled' does not exist as a declared property/],
      ['a property in the wrong case', { AccountEnabled: false }, 'Request_BadRequest', /does not exist/],
      ['a read-only property', { accountEnabled: false, createdDateTime: '2020-01-01T00:00:00Z' }, 'Request_BadRequest', /'createdDateTime' is read-only/],
      ['signInActivity', { signInActivity: { lastSignInDateTime: '2020-01-01T00:00:00Z' } }, 'Request_BadRequest', /read-only/],
      ['a string for a boolean', { accountEnabled: 'false' }, 'BadRequest', /Edm\.Boolean/],
      ['null for accountEnabled', { accountEnabled: null }, 'Request_BadRequest', /Invalid value specified for property 'accountEnabled'/],
      ['an empty display name', { displayName: '' }, 'Request_BadRequest', /Invalid value/],
      ['a declared property the simulator does not keep', { jobTitle: 'Partner' }, 'Request_BadRequest', /does not keep the user property 'jobTitle'/],
    ];
    for (const [what, body, code, message] of refusals) {
      it(`refuses ${what} with Graph's error envelope, changing nothing`, async () => {
        const { status, body: error, headers } = await graph.request('PATCH', `/v1.0/users/${alexAccepted}`, { body });
        assert.equal(status, 400);
        assert.equal(error.error.code, code);
        assert.match(error.error.message, message);
        assert.equal(typeof error.error.innerError['request-id'], 'string');
        assert.ok(headers.get('request-id'));
        assert.equal(graph.simulator.directory.findUser(alexAccepted)?.accountEnabled, true);
      });
    }

    it('refuses a body that is not a JSON object, and an unknown user with 404', async () => {
      assert.equal((await graph.request('PATCH', `/v1.0/users/${alexAccepted}`, { body: [false] })).status, 400);
      const unknown = await graph.request('PATCH', '/v1.0/users/00000000-0000-4000-8000-000000000001', { body: { accountEnabled: false } });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.error.code, 'Request_ResourceNotFound');
    });
  });

  describe('DELETE /users/{id}', () => {
    it('answers 204, then 404 Request_ResourceNotFound; the user is gone from lists, groups and sponsor lists, and in deleted items', async () => {
      graph.simulator.directory.setSponsors(alexAccepted, [megan, adele]);
      graph.simulator.directory.groups[0]!.memberIds.push(janePending);

      const deleted = await graph.request('DELETE', `/v1.0/users/${adele}`);
      assert.equal(deleted.status, 204);
      assert.equal(deleted.body, undefined);

      const again = await graph.request('DELETE', `/v1.0/users/${adele}`);
      assert.equal(again.status, 404);
      assert.equal(again.body.error.code, 'Request_ResourceNotFound');
      assert.equal((await graph.get(`/v1.0/users/${adele}`)).status, 404);
      const listed = await graph.get(`/v1.0/users?${filterQuery("mail eq 'adele@contoso.com'")}`);
      assert.deepEqual(listed.body.value, []);
      const sponsors = await graph.get(`/v1.0/users/${alexAccepted}/sponsors?$select=id`);
      assert.deepEqual(sponsors.body.value.map((sponsor: { id: string }) => sponsor.id), [megan]);

      const item = await graph.get(`/v1.0/directory/deletedItems/${adele}?$select=id,displayName`);
      assert.equal(item.status, 200);
      assert.deepEqual(item.body['@odata.type'], '#microsoft.graph.user');
      assert.equal(item.body.displayName, 'Adele Vance');
      assert.equal(item.body.deletedDateTime, FIXED_NOW.toISOString().replace('.000', ''));
      const list = await graph.get('/v1.0/directory/deletedItems/microsoft.graph.user');
      assert.deepEqual(list.body.value.map((user: { id: string }) => user.id), [adele]);
      assert.equal((await graph.get(`/v1.0/directory/deletedItems/${megan}`)).status, 404);

      await graph.request('DELETE', `/v1.0/users/${janePending}`);
      assert.equal(graph.simulator.directory.groups[0]!.memberIds.includes(janePending), false);
      // The index still finds the users after the deleted ones.
      assert.equal((await graph.get(`/v1.0/users/${kaiOtherMails}`)).status, 200);
      const kai = await graph.get(`/v1.0/users?${filterQuery("otherMails/any(x:x eq 'kai@litware.com')")}&$select=id`);
      assert.deepEqual(kai.body.value.map((user: { id: string }) => user.id), [kaiOtherMails]);
    });

    it('keeps deleted users in the directory snapshot', async () => {
      await graph.request('DELETE', `/v1.0/users/${janePending}`);
      const snapshot = graph.simulator.directory.snapshot();
      assert.deepEqual(snapshot.deletedUsers?.map((deleted) => deleted.user.id), [janePending]);
      graph.simulator.directory.restore(JSON.parse(JSON.stringify(snapshot)));
      assert.equal(graph.simulator.directory.findDeletedUser(janePending)?.user.mail, 'jane@fabrikam.com');
      assert.equal(graph.simulator.directory.findUser(janePending), undefined);
    });
  });

  describe('sponsors', () => {
    it('adds a user and a group as sponsors with POST sponsors/$ref (204), listed after the seeded one with their types', async () => {
      const group = graph.simulator.directory.groups[0]!;
      const added = await graph.post(`/v1.0/users/${alexAccepted}/sponsors/$ref`, { '@odata.id': `${GRAPH}/users/${megan}` });
      assert.equal(added.status, 204);
      assert.equal((await graph.post(`/v1.0/users/${alexAccepted}/sponsors/%24ref`, { '@odata.id': `${GRAPH}/groups/${group.id}` })).status, 204);
      const { body } = await graph.get(`/v1.0/users/${alexAccepted}/sponsors?$select=id,displayName,mail`);
      assert.deepEqual(body.value, [
        { '@odata.type': '#microsoft.graph.user', id: adele, displayName: 'Adele Vance', mail: 'adele@contoso.com' },
        { '@odata.type': '#microsoft.graph.user', id: megan, displayName: 'Megan Bowen', mail: 'megan@contoso.com' },
        { '@odata.type': '#microsoft.graph.group', id: group.id, displayName: group.displayName, mail: null },
      ]);
    });

    it('refuses a malformed reference (400), an unknown guest or sponsor (404), a sponsor already there and a sixth (400)', async () => {
      for (const reference of [undefined, megan, `${GRAPH}/applications/${megan}`, `${GRAPH}/users/`, 42]) {
        const { status, body } = await graph.post(`/v1.0/users/${alexAccepted}/sponsors/$ref`, { '@odata.id': reference });
        assert.equal(status, 400, `reference ${String(reference)}`);
        assert.equal(body.error.code, 'BadRequest');
      }
      const unknownGuest = await graph.post('/v1.0/users/00000000-0000-4000-8000-000000000001/sponsors/$ref', { '@odata.id': `${GRAPH}/users/${megan}` });
      assert.equal(unknownGuest.status, 404);
      const unknownSponsor = await graph.post(`/v1.0/users/${alexAccepted}/sponsors/$ref`, { '@odata.id': `${GRAPH}/users/00000000-0000-4000-8000-000000000002` });
      assert.equal(unknownSponsor.status, 404);
      assert.equal(unknownSponsor.body.error.code, 'Request_ResourceNotFound');

      await graph.post(`/v1.0/users/${alexAccepted}/sponsors/$ref`, { '@odata.id': `${GRAPH}/users/${megan}` });
      const twice = await graph.post(`/v1.0/users/${alexAccepted}/sponsors/$ref`, { '@odata.id': `${GRAPH}/users/${megan}` });
      assert.equal(twice.status, 400);
      assert.equal(twice.body.error.code, 'Request_BadRequest');
      assert.match(twice.body.error.message, /already exist.*'sponsors'/);

      graph.simulator.directory.setSponsors(alexAccepted, [megan, adele, janePending, kaiOtherMails, SANDBOX_IDS.users.leeProxyAddresses]);
      const group = graph.simulator.directory.groups[0]!;
      const sixth = await graph.post(`/v1.0/users/${alexAccepted}/sponsors/$ref`, { '@odata.id': `${GRAPH}/groups/${group.id}` });
      assert.equal(sixth.status, 400);
    });
  });

  describe('signInActivity', () => {
    it('comes back only when selected, and null for a user who never signed in', async () => {
      graph.simulator.directory.recordSignIn(alexAccepted, new Date('2025-02-20T08:30:00.000Z'));
      const plain = await graph.get(`/v1.0/users/${alexAccepted}`);
      assert.equal('signInActivity' in plain.body, false);
      const selected = await graph.get(`/v1.0/users/${alexAccepted}?$select=id,signInActivity`);
      assert.equal(selected.status, 200);
      assert.equal(selected.body.signInActivity.lastSignInDateTime, '2025-02-20T08:30:00Z');
      assert.equal(selected.body.signInActivity.lastSuccessfulSignInDateTime, '2025-02-20T08:30:00Z');
      assert.deepEqual(Object.keys(selected.body.signInActivity).sort(), [
        'lastNonInteractiveSignInDateTime',
        'lastNonInteractiveSignInRequestId',
        'lastSignInDateTime',
        'lastSignInRequestId',
        'lastSuccessfulSignInDateTime',
        'lastSuccessfulSignInRequestId',
      ]);
      const never = await graph.get(`/v1.0/users/${janePending}?$select=id,signInActivity`);
      assert.equal(never.body.signInActivity, null);
    });

    it('is seeded per user', async () => {
      const seed = sandboxDirectorySeed(FIXED_NOW);
      seed.users.find((user) => user.id === kaiOtherMails)!.lastSignInDateTime = '2024-12-01T00:00:00Z';
      const seeded = await startSimulator({ seed });
      try {
        const { body } = await seeded.get(`/v1.0/users/${kaiOtherMails}?$select=signInActivity`);
        assert.equal(body.signInActivity.lastSignInDateTime, '2024-12-01T00:00:00Z');
      } finally {
        await seeded.close();
      }
    });

    it('is a 403 without Entra ID P1, with the code Graph gives, in lists, single reads and batch items alike', async () => {
      graph.simulator.directory.premium = false;
      const single = await graph.get(`/v1.0/users/${alexAccepted}?$select=id,signInActivity`);
      assert.equal(single.status, 403);
      assert.equal(single.body.error.code, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant');
      assert.equal((await graph.get(`/v1.0/users?${filterQuery("userType eq 'Guest'")}&$select=id,signInActivity`)).status, 403);
      const batch = await graph.post('/v1.0/$batch', { requests: [{ id: '1', method: 'GET', url: `/users/${alexAccepted}?$select=id,signInActivity` }] });
      assert.equal(batch.status, 200);
      assert.equal(batch.body.responses[0].status, 403);
      // Everything else still works.
      assert.equal((await graph.get(`/v1.0/users/${alexAccepted}?$select=id,accountEnabled`)).status, 200);
    });

    it('is a 403 Authorization_RequestDenied without AuditLog.Read.All', async () => {
      graph.simulator.directory.auditLogReadAllowed = false;
      const { status, body } = await graph.get(`/v1.0/users/${alexAccepted}?$select=signInActivity`);
      assert.equal(status, 403);
      assert.equal(body.error.code, 'Authorization_RequestDenied');
    });
  });

  describe('guests and faults', () => {
    it("lists guests with $filter=userType eq 'Guest', paged", async () => {
      const first = await graph.get(`/v1.0/users?${filterQuery("userType eq 'Guest'")}&$select=id,userType,accountEnabled&$top=2`);
      assert.equal(first.status, 200);
      assert.equal(first.body.value.length, 2);
      assert.ok(first.body['@odata.nextLink']);
      const second = await graph.get(first.body['@odata.nextLink']);
      const all = [...first.body.value, ...second.body.value];
      assert.ok(all.every((user: { userType: string }) => user.userType === 'Guest'));
      assert.deepEqual(all.map((user: { id: string }) => user.id).sort(), [alexAccepted, janePending, kaiOtherMails, SANDBOX_IDS.users.leeProxyAddresses].sort());
    });

    it('serves PATCH and DELETE inside a JSON batch, and applies queued faults and throttling to them', async () => {
      graph.simulator.enqueueFault({ method: 'DELETE', pathPrefix: `/v1.0/users/${janePending}` }, { status: 429, headers: { 'Retry-After': '1' } });
      const { body } = await graph.post('/v1.0/$batch', {
        requests: [
          { id: '1', method: 'PATCH', url: `/users/${alexAccepted}`, headers: { 'Content-Type': 'application/json' }, body: { accountEnabled: false } },
          { id: '2', method: 'DELETE', url: `/users/${janePending}` },
        ],
      });
      assert.deepEqual(body.responses.map((item: { status: number }) => item.status), [204, 429]);
      assert.equal(body.responses[1].headers['Retry-After'], '1');
      assert.equal(graph.simulator.directory.findUser(alexAccepted)?.accountEnabled, false);
      assert.ok(graph.simulator.directory.findUser(janePending), 'the throttled delete did nothing');

      graph.simulator.enqueueFault({ method: 'PATCH', pathPrefix: '/v1.0/users/' }, { status: 503 });
      assert.equal((await graph.request('PATCH', `/v1.0/users/${alexAccepted}`, { body: { accountEnabled: true } })).status, 503);
      graph.simulator.enqueueFault({ method: 'POST', pathPrefix: `/v1.0/users/${alexAccepted}/sponsors` }, { status: 429 });
      assert.equal((await graph.post(`/v1.0/users/${alexAccepted}/sponsors/$ref`, { '@odata.id': `${GRAPH}/users/${megan}` })).status, 429);
      assert.equal(graph.simulator.directory.findUser(alexAccepted)?.accountEnabled, false);
    });
  });
});
