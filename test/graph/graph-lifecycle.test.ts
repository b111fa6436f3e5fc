import assert from 'node:assert/strict';
import { GraphConnection } from '../../src/graph/graph-client';
import { displayNamePrefixFilter, GraphDirectory, invitationBody, PENDING_FILTER } from '../../src/graph/graph-directory';
import { memberBody, memberPath } from '../../src/graph/graph-memberships';
import { relativeNextLink } from '../../src/graph/graph-paging';
import { encodeQueryValue } from '../../src/graph/odata';
import { toDirectoryUser } from '../../src/graph/user-mapping';
import { DirectoryError } from '../../src/invitation/directory-error';
import { GraphSimulator, RunningGraphSimulator, SANDBOX_IDS, sandboxDirectorySeed } from '../../src/sandbox/graph-simulator';

describe('Graph request shapes for the guest lifecycle', () => {
  it('escapes a display-name prefix like every OData value, and filters pending guests by default-supported state', () => {
    assert.equal(displayNamePrefixFilter("Seán O'Brien"), "startswith(displayName,'Seán O''Brien')");
    assert.equal(displayNamePrefixFilter("x') or userType eq ('Member"), "startswith(displayName,'x'') or userType eq (''Member')");
    assert.ok(!encodeQueryValue(displayNamePrefixFilter('A&B #1')).match(/[&#]/), 'no & or # left to cut the query');
    assert.equal(PENDING_FILTER, "externalUserState eq 'PendingAcceptance'");
  });

  it('follows nextLinks on our own origin as relative paths (http and https), and refuses other origins', () => {
    const query = "?$filter=externalUserState%20eq%20'PendingAcceptance'&$skiptoken=b2Zmc2V0OjEwMA";
    assert.equal(relativeNextLink(`http://127.0.0.1:3978/v1.0/users${query}`, 'http://127.0.0.1:3978'), `/users${query}`);
    assert.equal(relativeNextLink(`https://graph.microsoft.us/v1.0/users${query}`, 'https://graph.microsoft.us/'), `/users${query}`);
    assert.equal(relativeNextLink(`https://evil.example/v1.0/users${query}`, 'https://graph.microsoft.com'), undefined);
    assert.equal(relativeNextLink('https://graph.microsoft.com/users', 'https://graph.microsoft.com'), undefined, 'no version: not a Graph link');
  });

  it('adds to a group with a $ref and to a team with a conversation member, naming the user on the same cloud', () => {
    assert.equal(memberPath({ id: 'g 1', kind: 'group' }), '/groups/g%201/members/$ref');
    assert.equal(memberPath({ id: 't1', kind: 'team' }), '/teams/t1/members');
    assert.deepEqual(memberBody({ id: 'g1', kind: 'group' }, 'u1', 'https://graph.microsoft.us'), {
      '@odata.id': 'https://graph.microsoft.us/v1.0/directoryObjects/u1',
    });
    assert.deepEqual(memberBody({ id: 't1', kind: 'team' }, 'u1', 'https://graph.microsoft.com'), {
      '@odata.type': '#microsoft.graph.aadUserConversationMember',
      roles: [],
      'user@odata.bind': "https://graph.microsoft.com/v1.0/users('u1')",
    });
  });

  it('resets a redemption with resetRedemption and invitedUser.id', () => {
    const body = invitationBody({ email: 'a@b.com', redirectUrl: 'https://x.com', sendEmail: true, userType: 'Guest', sponsorIds: [], resetRedemptionOfUserId: 'u1' });
    assert.equal(body.resetRedemption, true);
    assert.deepEqual(body.invitedUser, { id: 'u1' });
    assert.equal(body.invitedUserSponsors, undefined, 'a re-invitation leaves the sponsors alone');
  });

  it('reads "Pending Acceptance" with a space as PendingAcceptance, and keeps otherMails', () => {
    const user = toDirectoryUser({ id: 'u', externalUserState: 'Pending Acceptance', otherMails: ['a@b.com'] });
    assert.equal(user.externalUserState, 'PendingAcceptance');
    assert.deepEqual(user.otherMails, ['a@b.com']);
    assert.equal(toDirectoryUser({ id: 'u', externalUserState: null }).externalUserState, null);
  });
});

describe('GraphDirectory against the simulator over plain HTTP (the sandbox)', () => {
  let simulator: GraphSimulator;
  let running: RunningGraphSimulator;
  let directory: GraphDirectory;

  beforeEach(async () => {
    const seed = sandboxDirectorySeed();
    for (let i = 0; i < 130; i++) {
      seed.users.push({ displayName: `Waiting ${i}`, userPrincipalName: `w${i}_tailspin.com#EXT#@contoso.onmicrosoft.com`, mail: `w${i}@tailspin.com`, userType: 'Guest', externalUserState: 'PendingAcceptance', creationType: 'Invitation' });
    }
    seed.users.push({ displayName: "Seán O'Brien", userPrincipalName: 'sean_adatum.com#EXT#@contoso.onmicrosoft.com', userType: 'Guest' });
    seed.groups!.push({ id: 'outer-group', displayName: 'Outer', memberIds: [SANDBOX_IDS.projectGroup] });
    simulator = new GraphSimulator({ seed });
    running = await simulator.listen();
    directory = new GraphDirectory(new GraphConnection({ baseUrl: running.url, timeoutSeconds: 10, maxRetries: 0 }));
  });
  afterEach(() => running.close());

  it('pages through every pending guest by following @odata.nextLink over http', async () => {
    const listing = await directory.listPendingGuests(1000);
    assert.equal(listing.guests.length, 131, '130 seeded plus Jane');
    assert.equal(listing.complete, true);
    const pages = simulator.requestsTo('GET', '/v1.0/users');
    assert.equal(pages.length, 2);
    assert.ok(pages[1]!.query.get('$skiptoken'), 'the second page came from the nextLink');
    assert.equal(pages[1]!.query.get('$filter'), PENDING_FILTER, 'the filter survived the round trip');
    const partial = await directory.listPendingGuests(120);
    assert.deepEqual([partial.guests.length, partial.complete], [120, false]);
  });

  it('finds users by the start of their name, apostrophes included', async () => {
    assert.deepEqual((await directory.findUsersByDisplayNamePrefix("seán o'b", 10)).map((user) => user.displayName), ["Seán O'Brien"]);
    assert.equal((await directory.findUsersByDisplayNamePrefix('Waiting 1', 5)).length, 5);
  });

  it('reads users by id in JSON batches of twenty, telling deleted ids apart', async () => {
    const ids = simulator.directory.users.slice(0, 25).map((user) => user.id);
    const { found, missingIds } = await directory.getUsersById([...ids, 'deleted-id']);
    assert.equal(found.length, 25);
    assert.deepEqual(missingIds, ['deleted-id']);
    assert.equal(simulator.requestsTo('POST', '/v1.0/$batch').length, 2);
    assert.ok(found.every((user) => user.userType !== null), 'status properties were selected');
  });

  it('fails the whole lookup when a batch item is throttled, rather than call the guest deleted', async () => {
    simulator.enqueueFault({ method: 'GET', pathPrefix: `/v1.0/users/${SANDBOX_IDS.users.janePending}` }, { status: 429 });
    await assert.rejects(directory.getUsersById([SANDBOX_IDS.users.janePending]), (error: unknown) => error instanceof DirectoryError && error.kind === 'throttled');
  });

  it("lists a guest's sponsors", async () => {
    assert.deepEqual((await directory.listSponsors(SANDBOX_IDS.users.janePending)).map((person) => person.displayName), ['Megan Bowen']);
  });

  it('adds to a group and a team; already a member is success; a user not yet replicated is notFound', async () => {
    const jane = SANDBOX_IDS.users.janePending;
    assert.equal(await directory.addMember({ id: SANDBOX_IDS.projectGroup, kind: 'group' }, jane), 'added');
    assert.equal(await directory.addMember({ id: SANDBOX_IDS.projectGroup, kind: 'group' }, jane), 'alreadyMember', 'the 400 is settled by checkMemberGroups');
    assert.equal(await directory.addMember({ id: SANDBOX_IDS.partnersTeam, kind: 'team' }, jane), 'added');
    assert.ok(simulator.directory.findGroup(SANDBOX_IDS.partnersTeam)!.memberIds.includes(jane));
    await assert.rejects(directory.addMember({ id: SANDBOX_IDS.projectGroup, kind: 'group' }, 'not-replicated-yet'), (error: unknown) => error instanceof DirectoryError && error.kind === 'notFound');
    simulator.enqueueFault({ method: 'POST', pathPrefix: `/v1.0/groups/${SANDBOX_IDS.projectGroup}/members` }, { status: 400, body: { error: { code: 'Request_BadRequest', message: 'objects being referenced do not exist' } } });
    await assert.rejects(directory.addMember({ id: SANDBOX_IDS.projectGroup, kind: 'group' }, SANDBOX_IDS.users.alexAccepted), (error: unknown) => error instanceof DirectoryError && error.kind === 'rejected');
  });

  it('checks group membership transitively through checkMemberGroups', async () => {
    const megan = SANDBOX_IDS.users.megan;
    assert.deepEqual(await directory.memberOf(megan, ['outer-group', SANDBOX_IDS.projectGroup, 'no-such-group']), ['outer-group', SANDBOX_IDS.projectGroup]);
    assert.deepEqual(await directory.memberOf(SANDBOX_IDS.users.alexAccepted, ['outer-group']), []);
  });

  it('lists the users of a group transitively as the advanced query Graph requires (ConsistencyLevel and $count)', async () => {
    const ids = await directory.membersOf('outer-group', 200);
    assert.deepEqual(ids.sort(), simulator.directory.findGroup(SANDBOX_IDS.projectGroup)!.memberIds.slice().sort());
    const [sent] = simulator.requestsTo('GET', '/v1.0/groups/outer-group/transitiveMembers/microsoft.graph.user');
    assert.equal(sent?.headers['consistencylevel'], 'eventual');
    assert.equal(sent?.query.get('$count'), 'true');
  });

  it('adds a guest the Teams API refuses to the team\'s Microsoft 365 group instead, and says so', async () => {
    const jane = SANDBOX_IDS.users.janePending;
    const teamMembers = `/v1.0/teams/${SANDBOX_IDS.partnersTeam}/members`;
    simulator.enqueueFault({ method: 'POST', pathPrefix: teamMembers }, { status: 403, body: { error: { code: 'Forbidden', message: 'Insufficient privileges.' } } });
    assert.equal(await directory.addMember({ id: SANDBOX_IDS.partnersTeam, kind: 'team' }, jane), 'addedToTeamGroup');
    assert.ok(simulator.directory.findGroup(SANDBOX_IDS.partnersTeam)!.memberIds.includes(jane));
    assert.equal(simulator.requestsTo('POST', `/v1.0/groups/${SANDBOX_IDS.partnersTeam}/members/$ref`).length, 1);

    // A 400 that is not "already a member" is a refusal too; a guest already in the group is simply a member.
    simulator.enqueueFault({ method: 'POST', pathPrefix: teamMembers }, { status: 400, body: { error: { code: 'BadRequest', message: 'Guests cannot be added.' } } });
    assert.equal(await directory.addMember({ id: SANDBOX_IDS.partnersTeam, kind: 'team' }, jane), 'alreadyMember');
    // What the group refuses as well (not replicated yet) stays an error for the caller to retry.
    simulator.enqueueFault({ method: 'POST', pathPrefix: teamMembers }, { status: 403 });
    await assert.rejects(directory.addMember({ id: SANDBOX_IDS.partnersTeam, kind: 'team' }, 'not-replicated-yet'), (error: unknown) => error instanceof DirectoryError && error.kind === 'notFound');
  });
});
