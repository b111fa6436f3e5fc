import { strict as assert } from 'node:assert';
import { SANDBOX_IDS } from '../../../src/sandbox/graph-simulator';
import { startSimulator, type SimulatorHarness } from './simulator-harness';

const directoryObject = (id: string) => ({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${id}` });
const teamMember = (id: string, roles: string[] = []) => ({
  '@odata.type': '#microsoft.graph.aadUserConversationMember',
  roles,
  'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${id}')`,
});

describe('Graph simulator: group and team membership, sponsors', () => {
  let graph: SimulatorHarness;

  beforeEach(async () => {
    graph = await startSimulator();
  });
  afterEach(async () => {
    await graph.close();
  });

  describe('POST /groups/{id}/members/$ref', () => {
    const addToGroup = (groupId: string, userId: string) =>
      graph.post(`/v1.0/groups/${groupId}/members/$ref`, directoryObject(userId));

    it('adds a member (204), then refuses the duplicate with 400 Request_BadRequest', async () => {
      const added = await addToGroup(SANDBOX_IDS.projectGroup, SANDBOX_IDS.users.janePending);
      assert.equal(added.status, 204);
      assert.equal(added.body, undefined);
      assert.ok(graph.simulator.directory.findGroup(SANDBOX_IDS.projectGroup)!.memberIds.includes(SANDBOX_IDS.users.janePending));
      const again = await addToGroup(SANDBOX_IDS.projectGroup, SANDBOX_IDS.users.janePending);
      assert.equal(again.status, 400);
      assert.equal(again.body.error.code, 'Request_BadRequest');
      assert.match(again.body.error.message, /One or more added object references already exist/);
    });

    it('accepts an encoded $ref', async () => {
      const added = await graph.post(`/v1.0/groups/${SANDBOX_IDS.projectGroup}/members/%24ref`, directoryObject(SANDBOX_IDS.users.adele));
      assert.equal(added.status, 204);
    });

    it('answers 404 for an unknown group or user, and 400 for a body without a reference', async () => {
      assert.equal((await addToGroup('no-such-group', SANDBOX_IDS.users.adele)).status, 404);
      const unknownUser = await addToGroup(SANDBOX_IDS.projectGroup, 'no-such-user');
      assert.equal(unknownUser.status, 404);
      assert.equal(unknownUser.body.error.code, 'Request_ResourceNotFound');
      assert.equal((await graph.post(`/v1.0/groups/${SANDBOX_IDS.projectGroup}/members/$ref`, { id: 'x' })).status, 400);
    });

    it('reads a group, telling teams apart', async () => {
      const team = await graph.get(`/v1.0/groups/${SANDBOX_IDS.partnersTeam}`);
      assert.deepEqual(team.body.resourceProvisioningOptions, ['Team']);
      const group = await graph.get(`/v1.0/groups/${SANDBOX_IDS.projectGroup}`);
      assert.deepEqual(group.body.resourceProvisioningOptions, []);
    });
  });

  describe('POST /teams/{id}/members', () => {
    it('adds a guest with the guest role', async () => {
      const { status, body } = await graph.post(`/v1.0/teams/${SANDBOX_IDS.partnersTeam}/members`, teamMember(SANDBOX_IDS.users.alexAccepted));
      assert.equal(status, 201);
      assert.deepEqual(
        { userId: body.userId, roles: body.roles, email: body.email, type: body['@odata.type'] },
        {
          userId: SANDBOX_IDS.users.alexAccepted,
          roles: ['guest'],
          email: 'alex@northwind.com',
          type: '#microsoft.graph.aadUserConversationMember',
        },
      );
      assert.equal(typeof body.id, 'string');
      assert.ok(graph.simulator.directory.findGroup(SANDBOX_IDS.partnersTeam)!.memberIds.includes(SANDBOX_IDS.users.alexAccepted));
    });

    it('adds a member with no role, refuses to make a guest an owner', async () => {
      const member = await graph.post(`/v1.0/teams/${SANDBOX_IDS.partnersTeam}/members`, teamMember(SANDBOX_IDS.users.adele));
      assert.deepEqual(member.body.roles, []);
      const owner = await graph.post(`/v1.0/teams/${SANDBOX_IDS.partnersTeam}/members`, teamMember(SANDBOX_IDS.users.janePending, ['owner']));
      assert.equal(owner.status, 400);
    });

    it('answers 404 for a group without a team, an unknown or a disabled user', async () => {
      assert.equal((await graph.post(`/v1.0/teams/${SANDBOX_IDS.projectGroup}/members`, teamMember(SANDBOX_IDS.users.adele))).status, 404);
      assert.equal((await graph.post(`/v1.0/teams/${SANDBOX_IDS.partnersTeam}/members`, teamMember('nobody'))).status, 404);
      graph.simulator.directory.updateUser(SANDBOX_IDS.users.kaiOtherMails, { accountEnabled: false });
      const disabled = await graph.post(`/v1.0/teams/${SANDBOX_IDS.partnersTeam}/members`, teamMember(SANDBOX_IDS.users.kaiOtherMails));
      assert.equal(disabled.status, 404);
    });

    it('refuses a body that is not an aadUserConversationMember', async () => {
      const { status } = await graph.post(`/v1.0/teams/${SANDBOX_IDS.partnersTeam}/members`, { roles: [], userId: SANDBOX_IDS.users.adele });
      assert.equal(status, 400);
    });
  });

  describe('GET /groups/{id}/transitiveMembers/microsoft.graph.user', () => {
    const path = `/v1.0/groups/${SANDBOX_IDS.partnersTeam}/transitiveMembers/microsoft.graph.user?$select=id`;

    it('refuses the cast without ConsistencyLevel: eventual and $count=true, as Graph does (400 Request_UnsupportedQuery)', async () => {
      for (const [query, headers] of [
        ['', {}],
        ['&$count=true', {}],
        ['', { ConsistencyLevel: 'eventual' }],
        ['&$count=false', { ConsistencyLevel: 'eventual' }],
      ] as const) {
        const refused = await graph.get(`${path}${query}`, headers);
        assert.equal(refused.status, 400, `${query} ${JSON.stringify(headers)}`);
        assert.equal(refused.body.error.code, 'Request_UnsupportedQuery');
        assert.equal(typeof refused.body.error.innerError['request-id'], 'string');
      }
    });

    it('answers the advanced query with the users and their count', async () => {
      const { status, body } = await graph.get(`${path}&$count=true`, { ConsistencyLevel: 'eventual' });
      assert.equal(status, 200);
      const members = graph.simulator.directory.findGroup(SANDBOX_IDS.partnersTeam)!.memberIds;
      assert.deepEqual(body.value.map((user: { id: string }) => user.id).sort(), [...members].sort());
      assert.equal(body['@odata.count'], members.length);
    });
  });

  describe('GET /users/{id}/sponsors', () => {
    it('lists the seeded sponsors, empty when none, 404 for an unknown user', async () => {
      const jane = await graph.get(`/v1.0/users/${SANDBOX_IDS.users.janePending}/sponsors`);
      assert.deepEqual(jane.body.value.map((s: { id: string }) => s.id), [SANDBOX_IDS.users.megan]);
      const kai = await graph.get(`/v1.0/users/${SANDBOX_IDS.users.kaiOtherMails}/sponsors`);
      assert.deepEqual(kai.body.value, []);
      assert.equal((await graph.get('/v1.0/users/nobody/sponsors')).status, 404);
    });
  });
  describe('POST /users/{id}/checkMemberGroups', () => {
    const check = (userId: string, groupIds: unknown) => graph.post(`/v1.0/users/${userId}/checkMemberGroups`, { groupIds });

    it('answers which of the given groups the user is in, leaving out others and unknown ids', async () => {
      const megan = await check(SANDBOX_IDS.users.megan, [SANDBOX_IDS.projectGroup, SANDBOX_IDS.partnersTeam, 'no-such-group']);
      assert.equal(megan.status, 200);
      assert.deepEqual(megan.body.value, [SANDBOX_IDS.projectGroup, SANDBOX_IDS.partnersTeam]);
      const adele = await check(SANDBOX_IDS.users.adele, [SANDBOX_IDS.projectGroup, SANDBOX_IDS.partnersTeam]);
      assert.deepEqual(adele.body.value, [SANDBOX_IDS.partnersTeam]);
      const byUpn = await check('adele@contoso.com', [SANDBOX_IDS.partnersTeam]);
      assert.deepEqual(byUpn.body.value, [SANDBOX_IDS.partnersTeam]);
    });

    it('is transitive: membership of a nested group counts for the groups that contain it', async () => {
      graph.simulator.directory.groups.push(
        { id: 'outer', displayName: 'Outer', isTeam: false, memberIds: ['middle'] },
        { id: 'middle', displayName: 'Middle', isTeam: false, memberIds: [SANDBOX_IDS.projectGroup] },
      );
      const megan = await check(SANDBOX_IDS.users.megan, ['outer', 'middle']);
      assert.deepEqual(megan.body.value, ['outer', 'middle']);
      assert.deepEqual((await check(SANDBOX_IDS.users.adele, ['outer'])).body.value, []);
    });

    it('sees a member added through POST /groups/{id}/members/$ref', async () => {
      assert.deepEqual((await check(SANDBOX_IDS.users.janePending, [SANDBOX_IDS.projectGroup])).body.value, []);
      await graph.post(`/v1.0/groups/${SANDBOX_IDS.projectGroup}/members/$ref`, directoryObject(SANDBOX_IDS.users.janePending));
      assert.deepEqual((await check(SANDBOX_IDS.users.janePending, [SANDBOX_IDS.projectGroup])).body.value, [SANDBOX_IDS.projectGroup]);
    });

    it('refuses a body without groupIds or with more than 20, and an unknown user', async () => {
      for (const groupIds of [undefined, 'g1', [1, 2], Array.from({ length: 21 }, (_, i) => `g${i}`)]) {
        const answer = await check(SANDBOX_IDS.users.megan, groupIds);
        assert.equal(answer.status, 400, JSON.stringify(groupIds));
        assert.equal(answer.body.error.code, 'Request_BadRequest');
      }
      const unknown = await check('nobody', [SANDBOX_IDS.projectGroup]);
      assert.equal(unknown.status, 404);
      assert.equal((await graph.get(`/v1.0/users/${SANDBOX_IDS.users.megan}/checkMemberGroups`)).status, 405);
    });
  });
});
