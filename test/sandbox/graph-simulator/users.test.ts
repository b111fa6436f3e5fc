import { strict as assert } from 'node:assert';
import { SANDBOX_IDS } from '../../../src/sandbox/graph-simulator';
import { filterQuery, startSimulator, type SimulatorHarness } from './simulator-harness';

const STATUS_SELECT = '$select=id,userPrincipalName,mail,userType,externalUserState,externalUserStateChangeDateTime,creationType';

describe('Graph simulator: users, organization and protocol behaviour', () => {
  let graph: SimulatorHarness;

  beforeEach(async () => {
    graph = await startSimulator();
  });
  afterEach(async () => {
    await graph.close();
  });

  describe('GET /users', () => {
    it('returns the default property set without $select: no guest status fields', async () => {
      const { status, body } = await graph.get(`/v1.0/users?${filterQuery("mail eq 'jane@fabrikam.com'")}`);
      assert.equal(status, 200);
      assert.equal(body.value.length, 1);
      const jane = body.value[0];
      assert.equal(jane.id, SANDBOX_IDS.users.janePending);
      assert.equal(jane.userPrincipalName, 'jane_fabrikam.com#EXT#@contoso.onmicrosoft.com');
      for (const hidden of ['userType', 'externalUserState', 'creationType', 'externalUserStateChangeDateTime']) {
        assert.equal(hidden in jane, false, `${hidden} must only come back when selected`);
      }
    });

    it('projects $select (and always returns id)', async () => {
      const { body } = await graph.get(`/v1.0/users?${filterQuery("mail eq 'jane@fabrikam.com'")}&$select=userType,externalUserState`);
      assert.deepEqual(body.value, [{ id: SANDBOX_IDS.users.janePending, userType: 'Guest', externalUserState: 'PendingAcceptance' }]);
    });

    it('refuses an unknown $select property', async () => {
      const { status, body } = await graph.get('/v1.0/users?$select=id,signInNames');
      assert.equal(status, 400);
      assert.equal(body.error.code, 'BadRequest');
    });

    it('finds guests by otherMails and by either SMTP proxy address, but not by an unrelated field', async () => {
      const byOtherMails = await graph.get(`/v1.0/users?${filterQuery("otherMails/any(x:x eq 'KAI@litware.com')")}`);
      assert.deepEqual(byOtherMails.body.value.map((u: { id: string }) => u.id), [SANDBOX_IDS.users.kaiOtherMails]);
      const byMail = await graph.get(`/v1.0/users?${filterQuery("mail eq 'kai@litware.com'")}`);
      assert.deepEqual(byMail.body.value, []);
      for (const address of ['SMTP:lee@woodgrove.com', 'SMTP:lee.gu@woodgrove.com']) {
        const { body } = await graph.get(`/v1.0/users?${filterQuery(`proxyAddresses/any(x:x eq '${address}')`)}`);
        assert.deepEqual(body.value.map((u: { id: string }) => u.id), [SANDBOX_IDS.users.leeProxyAddresses], address);
      }
    });

    it('answers an unescaped apostrophe with 400 "Invalid filter clause" in Graph\'s error envelope', async () => {
      const response = await graph.get(`/v1.0/users?${filterQuery("mail eq 'o'brien@x.com'")}`, {
        'client-request-id': 'test-client-request-id',
      });
      assert.equal(response.status, 400);
      assert.equal(response.body.error.code, 'BadRequest');
      assert.match(response.body.error.message, /^Invalid filter clause/);
      assert.equal(response.body.error.innerError['client-request-id'], 'test-client-request-id');
      assert.equal(response.body.error.innerError['request-id'], response.headers.get('request-id'));
      assert.equal(response.body.error.innerError.date, '2025-03-01T10:00:00');
      assert.equal(response.headers.get('client-request-id'), 'test-client-request-id');
    });

    it('finds the user when the apostrophe is escaped', async () => {
      await graph.post('/v1.0/invitations', { invitedUserEmailAddress: "o'brien@x.com", inviteRedirectUrl: 'https://teams.microsoft.com' });
      const { status, body } = await graph.get(`/v1.0/users?${filterQuery("mail eq 'o''brien@x.com'")}`);
      assert.equal(status, 200);
      assert.equal(body.value[0].mail, "o'brien@x.com");
    });

    it('treats an unencoded + in the query as a space, as Graph does', async () => {
      const { status, body } = await graph.get("/v1.0/users?$filter=mail eq 'a+b@x.com'");
      assert.equal(status, 200);
      assert.deepEqual(body.value, []);
      assert.equal(graph.simulator.requests.at(-1)!.query.get('$filter'), "mail eq 'a b@x.com'");
    });

    it('an unknown filter property is 400 Request_UnsupportedQuery', async () => {
      const { status, body } = await graph.get(`/v1.0/users?${filterQuery("signInNames/any(x:x eq 'a@b.com')")}`);
      assert.equal(status, 400);
      assert.equal(body.error.code, 'Request_UnsupportedQuery');
    });

    it('serves ne/not only as advanced queries, and $count only with ConsistencyLevel: eventual', async () => {
      const path = `/v1.0/users?${filterQuery("userType ne 'Guest'")}&$count=true`;
      const plain = await graph.get(path);
      assert.equal(plain.status, 400);
      assert.equal(plain.body.error.code, 'Request_UnsupportedQuery');
      const advanced = await graph.get(path, { ConsistencyLevel: 'eventual' });
      assert.equal(advanced.status, 200);
      assert.equal(advanced.body['@odata.count'], 2);
      assert.deepEqual(advanced.body.value.map((u: { id: string }) => u.id), [SANDBOX_IDS.users.megan, SANDBOX_IDS.users.adele]);
      const countIgnored = await graph.get('/v1.0/users?$count=true');
      assert.equal('@odata.count' in countIgnored.body, false);
    });

    it('pages with $top and an absolute @odata.nextLink that keeps the query', async () => {
      for (let index = 0; index < 23; index += 1) {
        graph.simulator.directory.addUser({ displayName: `Bulk user ${index}`, userPrincipalName: `bulk${index}@contoso.com` });
      }
      const ids: string[] = [];
      let next: string | undefined = `/v1.0/users?${filterQuery("startswith(displayName,'Bulk')")}&$top=10&$select=id,displayName`;
      let pages = 0;
      while (next) {
        const response: { status: number; body: any } = await graph.get(next);
        assert.equal(response.status, 200);
        pages += 1;
        ids.push(...response.body.value.map((u: { id: string }) => u.id));
        for (const user of response.body.value) assert.deepEqual(Object.keys(user).sort(), ['displayName', 'id']);
        next = response.body['@odata.nextLink'];
        if (next) {
          assert.ok(next.startsWith(`${graph.url}/v1.0/users?`), next);
          assert.match(next, /\$skiptoken=/);
        }
      }
      assert.equal(pages, 3);
      assert.equal(ids.length, 23);
      assert.equal(new Set(ids).size, 23);
    });

    it('uses 100 as the default page size and rejects $top outside 1..999', async () => {
      for (let index = 0; index < 120; index += 1) {
        graph.simulator.directory.addUser({ displayName: `Bulk ${index}`, userPrincipalName: `many${index}@contoso.com` });
      }
      const first = await graph.get('/v1.0/users');
      assert.equal(first.body.value.length, 100);
      assert.ok(first.body['@odata.nextLink']);
      const all = await graph.get('/v1.0/users?$top=999');
      assert.equal(all.body.value.length, 126);
      assert.equal(all.body['@odata.nextLink'], undefined);
      for (const top of ['0', '1000', 'ten']) {
        const { status } = await graph.get(`/v1.0/users?$top=${top}`);
        assert.equal(status, 400, `$top=${top}`);
      }
    });
  });

  describe('GET /users/{id | userPrincipalName}', () => {
    it('finds a guest by UPN with # encoded as %23, and by id', async () => {
      const upn = encodeURIComponent('jane_fabrikam.com#EXT#@contoso.onmicrosoft.com');
      const byUpn = await graph.get(`/v1.0/users/${upn}?${STATUS_SELECT}`);
      assert.equal(byUpn.status, 200);
      assert.equal(byUpn.body.externalUserState, 'PendingAcceptance');
      const byId = await graph.get(`/v1.0/users/${SANDBOX_IDS.users.alexAccepted}?$select=externalUserState`);
      assert.deepEqual(
        { id: byId.body.id, externalUserState: byId.body.externalUserState },
        { id: SANDBOX_IDS.users.alexAccepted, externalUserState: 'Accepted' },
      );
    });

    it('misses when # is left unencoded (the URL ends at the fragment)', async () => {
      const { status, body } = await graph.get('/v1.0/users/jane_fabrikam.com#EXT#@contoso.onmicrosoft.com');
      assert.equal(status, 404);
      assert.equal(body.error.code, 'Request_ResourceNotFound');
      assert.equal(graph.simulator.requests.at(-1)!.path, '/v1.0/users/jane_fabrikam.com');
    });
  });

  describe('organization and domains', () => {
    it('lists the tenant with its verified domains, honouring $select', async () => {
      const { status, body } = await graph.get('/v1.0/organization?$select=id,verifiedDomains');
      assert.equal(status, 200);
      assert.deepEqual(Object.keys(body.value[0]).sort(), ['id', 'verifiedDomains']);
      assert.equal(body.value[0].id, SANDBOX_IDS.tenant);
      assert.deepEqual(
        body.value[0].verifiedDomains.map((d: { name: string; isInitial: boolean; isDefault: boolean }) => [d.name, d.isInitial, d.isDefault]),
        [
          ['contoso.onmicrosoft.com', true, false],
          ['contoso.com', false, true],
        ],
      );
      const full = await graph.get('/v1.0/organization');
      assert.equal(full.body.value[0].displayName, 'Contoso (sandbox)');
    });

    it('lists domains with the name as id', async () => {
      const { body } = await graph.get('/v1.0/domains');
      assert.deepEqual(
        body.value.map((d: { id: string; isVerified: boolean }) => [d.id, d.isVerified]),
        [
          ['contoso.onmicrosoft.com', true],
          ['contoso.com', true],
        ],
      );
    });
  });

  describe('protocol', () => {
    it('answers unknown paths with 404, a wrong method with 405 and malformed JSON with 400', async () => {
      const unknown = await graph.get('/v1.0/applications');
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.error.code, 'Request_ResourceNotFound');
      assert.equal((await graph.get('/beta/users')).status, 404);
      assert.equal((await graph.request('DELETE', '/v1.0/users')).status, 405);
      const malformed = await graph.request('POST', '/v1.0/invitations', {
        rawBody: '{"invitedUserEmailAddress":',
        headers: { 'Content-Type': 'application/json' },
      });
      assert.equal(malformed.status, 400);
      assert.equal(malformed.body.error.code, 'BadRequest');
    });

    it('records every request in order, with parsed query and body', async () => {
      await graph.get('/v1.0/organization');
      await graph.post('/v1.0/invitations', { invitedUserEmailAddress: 'new@tailspin.com', inviteRedirectUrl: 'https://teams.microsoft.com' });
      assert.deepEqual(graph.simulator.requests.map((r) => `${r.method} ${r.path}`), ['GET /v1.0/organization', 'POST /v1.0/invitations']);
      const [invitation] = graph.simulator.requestsTo('post', '/v1.0/invitations');
      assert.deepEqual(invitation!.body, { invitedUserEmailAddress: 'new@tailspin.com', inviteRedirectUrl: 'https://teams.microsoft.com' });
    });
  });

  describe('bearer token check', () => {
    it('rejects requests without an acceptable token with 401 InvalidAuthenticationToken', async () => {
      const guarded = await startSimulator({ acceptToken: (token) => token === 'good-token' });
      try {
        const missing = await guarded.get('/v1.0/organization');
        assert.equal(missing.status, 401);
        assert.equal(missing.body.error.code, 'InvalidAuthenticationToken');
        const wrong = await guarded.get('/v1.0/organization', { Authorization: 'Bearer bad-token' });
        assert.equal(wrong.status, 401);
        const good = await guarded.get('/v1.0/organization', { Authorization: 'Bearer good-token' });
        assert.equal(good.status, 200);
      } finally {
        await guarded.close();
      }
    });
  });
});
