import assert from 'node:assert/strict';
import { AccessControl } from '../../src/invitation/access-control';
import { ApproverDirectory } from '../../src/invitation/approver-directory';
import { DirectoryError } from '../../src/invitation/directory-error';
import { InvitationRequest } from '../../src/invitation/invitation-request';
import { DEFAULT_POLICY, InvitationPolicy } from '../../src/invitation/policy';
import { ALICE, BOB_APPROVER, CAROL_ADMIN, ControlledClock, DAVE, FakeAccounts, FakeDirectory, guestUser } from './fixtures';

function request(approval: InvitationRequest['approval']): InvitationRequest {
  const at = '2026-11-22T09:00:00.000Z';
  return {
    id: 'R1',
    requester: ALICE,
    invitation: { email: 'x@untrusted.org', domain: 'untrusted.org', redirectUrl: 'https://x.com', sendEmail: true, userType: 'Guest' },
    state: 'pendingApproval',
    createdAt: at,
    approval,
    transitions: [{ from: null, to: 'pendingApproval', at }],
  };
}

describe('ApproverDirectory', () => {
  function setUp(policy: Partial<InvitationPolicy>) {
    const directory = new FakeDirectory();
    directory.users.push(guestUser({ id: BOB_APPROVER.id, userPrincipalName: 'bob@contoso.com', mail: 'bob@contoso.com', userType: 'Member' }));
    directory.groupsByUser.set(DAVE.id, ['g-approvers']);
    directory.groupsByUser.set(ALICE.id, ['g-approvers']);
    const clock = new ControlledClock();
    return { directory, clock, approvers: new ApproverDirectory({ ...DEFAULT_POLICY, ...policy }, directory, directory, clock) };
  }

  it('sends no card to approvers whose accounts are guests, unless the policy allows guests', async () => {
    for (const allowGuests of [false, true]) {
      const policy = { ...DEFAULT_POLICY, allowGuests, approvers: { users: ['bob@contoso.com'], groups: ['g-approvers'] } };
      const directory = new FakeDirectory();
      directory.users.push(guestUser({ id: BOB_APPROVER.id, userPrincipalName: 'bob@contoso.com', mail: 'bob@contoso.com', userType: 'Member' }));
      directory.groupsByUser.set(DAVE.id, ['g-approvers']);
      const accounts = new FakeAccounts();
      accounts.set(BOB_APPROVER.id, 'Member');
      accounts.set(DAVE.id, 'Guest');
      const clock = new ControlledClock();
      const approvers = new ApproverDirectory(policy, directory, directory, clock, new AccessControl(policy, directory, accounts, clock));
      const pending = request({ reasons: ['untrustedDomain'], adminOnly: false });
      const expected = allowGuests ? [BOB_APPROVER.id, DAVE.id].sort() : [BOB_APPROVER.id];
      assert.deepEqual((await approvers.recipients(pending, 'approvers')).sort(), expected, `allowGuests: ${allowGuests}`);
      assert.deepEqual((await approvers.deciders(pending)).sort(), expected, `allowGuests: ${allowGuests}`);
    }
  });

  it('turns user principal names and groups into object ids, without the requester', async () => {
    const { approvers } = setUp({ approvers: { users: ['bob@contoso.com'], groups: ['g-approvers'] } });
    const ids = await approvers.recipients(request({ reasons: ['untrustedDomain'], adminOnly: false }), 'approvers');
    assert.deepEqual(ids.sort(), [BOB_APPROVER.id, DAVE.id].sort());
  });

  it('asks admins for admin-only requests, the fallback approvers when escalating, and lists every decider', async () => {
    const { approvers } = setUp({
      approvers: { users: [BOB_APPROVER.id], groups: [] },
      admins: { users: [CAROL_ADMIN.id], groups: [] },
      fallbackApprovers: { users: [], groups: ['g-approvers'], afterMinutes: 60 },
    });
    assert.deepEqual(await approvers.recipients(request({ reasons: ['memberInvitation'], adminOnly: true }), 'approvers'), [CAROL_ADMIN.id]);
    assert.deepEqual(await approvers.recipients(request({ reasons: ['always'], adminOnly: false }), 'fallbackApprovers'), [DAVE.id]);
    const escalated = request({ reasons: ['always'], adminOnly: false, escalatedAt: '2026-11-22T10:00:00.000Z' });
    assert.deepEqual((await approvers.deciders(escalated)).sort(), [BOB_APPROVER.id, CAROL_ADMIN.id, DAVE.id].sort());
    assert.deepEqual((await approvers.deciders(request({ reasons: ['always'], adminOnly: false }))).sort(), [BOB_APPROVER.id, CAROL_ADMIN.id].sort());
  });

  it('caches lookups for a while and leaves out what the directory cannot answer', async () => {
    const { approvers, directory, clock } = setUp({ approvers: { users: ['bob@contoso.com', 'ghost@contoso.com'], groups: ['g-approvers'] } });
    const pending = request({ reasons: ['always'], adminOnly: false });
    await approvers.recipients(pending, 'approvers');
    await approvers.recipients(pending, 'approvers');
    assert.equal(directory.membersOf.callCount, 1);
    assert.equal(directory.findUsersByEmail.callCount, 2, 'bob and ghost once each');
    clock.advance(6 * 60_000);
    directory.membersOf = Object.assign(async () => {
      throw new DirectoryError('unavailable', 'down');
    }, { callCount: 0 }) as never;
    assert.deepEqual(await approvers.recipients(pending, 'approvers'), [BOB_APPROVER.id], 'the group could not be read this time');
  });
});
