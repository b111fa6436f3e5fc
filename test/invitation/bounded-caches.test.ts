import assert from 'node:assert/strict';
import { AccessControl } from '../../src/invitation/access-control';
import { ApproverDirectory } from '../../src/invitation/approver-directory';
import { InvitationRequest } from '../../src/invitation/invitation-request';
import { DEFAULT_POLICY, InvitationPolicy } from '../../src/invitation/policy';
import { Requester } from '../../src/invitation/requester';
import { ALICE, ControlledClock, FakeAccounts, FakeDirectory } from './fixtures';

function person(n: number): Requester {
  return { id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, displayName: `Person ${n}` };
}

describe('the domain caches are bounded', () => {
  it('AccessControl keeps at most `max` account standings, forgetting the least recently used, and still expires them', async () => {
    const accounts = new FakeAccounts();
    const clock = new ControlledClock();
    for (const n of [1, 2, 3]) accounts.set(person(n).id, 'Member');
    const access = new AccessControl(DEFAULT_POLICY, new FakeDirectory(), accounts, clock, { seconds: 300, max: 2 });
    for (const n of [1, 2, 3]) await access.standingOf(person(n));
    assert.equal(accounts.accountOf.callCount, 3);
    await access.standingOf(person(3));
    assert.equal(accounts.accountOf.callCount, 3, 'the newest is still known');
    await access.standingOf(person(1));
    assert.equal(accounts.accountOf.callCount, 4, 'the oldest was forgotten');
    clock.advance(301_000);
    await access.standingOf(person(1));
    assert.equal(accounts.accountOf.callCount, 5, 'asked again once expired');
  });

  it('AccessControl keeps at most `max` group answers', async () => {
    const directory = new FakeDirectory();
    const policy: InvitationPolicy = { ...DEFAULT_POLICY, admins: { users: [], groups: ['g-admins'] } };
    const access = new AccessControl(policy, directory, new FakeAccounts(), new ControlledClock(), { seconds: 300, max: 2 });
    for (const n of [1, 2, 3]) await access.isIn(person(n), policy.admins);
    await access.isIn(person(3), policy.admins);
    assert.equal(directory.memberOf.callCount, 3, 'the newest is still known');
    await access.isIn(person(1), policy.admins);
    assert.equal(directory.memberOf.callCount, 4, 'the oldest was forgotten');
  });

  it('ApproverDirectory keeps at most `max` looked-up principals', async () => {
    const directory = new FakeDirectory();
    const groups = ['g-1', 'g-2', 'g-3'];
    const policy: InvitationPolicy = { ...DEFAULT_POLICY, approvers: { users: [], groups } };
    const approvers = new ApproverDirectory(policy, directory, directory, new ControlledClock(), undefined, { seconds: 300, max: 2 });
    const pending: InvitationRequest = {
      id: 'R1',
      requester: ALICE,
      invitation: { email: 'x@untrusted.org', domain: 'untrusted.org', redirectUrl: 'https://x.com', sendEmail: true, userType: 'Guest' },
      state: 'pendingApproval',
      createdAt: '2026-11-22T09:00:00.000Z',
      transitions: [],
    };
    const two = new ApproverDirectory({ ...policy, approvers: { users: [], groups: groups.slice(0, 2) } }, directory, directory, new ControlledClock(), undefined, { seconds: 300, max: 2 });
    await two.recipients(pending, 'approvers');
    await two.recipients(pending, 'approvers');
    assert.equal(directory.membersOf.callCount, 2, 'two groups fit a cache of two');
    directory.membersOf.resetHistory();
    await approvers.recipients(pending, 'approvers');
    assert.equal(directory.membersOf.callCount, 3);
    await approvers.recipients(pending, 'approvers');
    assert.equal(directory.membersOf.callCount, 6, 'three groups through a cache of two: each pushed out before asked again');
  });
});
