import assert from 'node:assert/strict';
import { decideRequest } from '../../src/invitation/decide-request';
import { DirectoryError } from '../../src/invitation/directory-error';
import { InvitationRequest } from '../../src/invitation/invitation-request';
import { submitInvitation } from '../../src/invitation/submit-invitation';
import { ALICE, APPROVAL_POLICY, BOB_APPROVER, CAROL_ADMIN, DAVE, guestUser, Harness, harness } from './fixtures';

async function pendingRequest(h: Harness, fields: { email?: string; userType?: 'Guest' | 'Member'; sendEmail?: boolean } = {}): Promise<InvitationRequest> {
  const outcome = await submitInvitation(
    h.ctx,
    { email: fields.email ?? 'x@untrusted.org', sendEmail: fields.sendEmail ?? true, userType: fields.userType ?? 'Guest' },
    ALICE,
    { replyTo: 'conversation:abc' },
  );
  assert.ok(outcome.kind === 'pendingApproval', `expected pendingApproval, got ${outcome.kind}`);
  return outcome.request;
}

describe('decideRequest', () => {
  it('an approver approves: the guest is invited, cards updated, the requester told', async () => {
    const h = harness(APPROVAL_POLICY);
    const request = await pendingRequest(h, { sendEmail: false });
    const outcome = await decideRequest(h.ctx, request.id, BOB_APPROVER, { kind: 'approve' });
    assert.ok(outcome.kind === 'approvedAndInvited');
    assert.equal(outcome.request.state, 'invited');
    assert.deepEqual(outcome.request.approval?.decidedBy, { id: BOB_APPROVER.id, displayName: BOB_APPROVER.displayName });
    assert.equal(h.directory.createInvitation.callCount, 1);
    assert.equal(h.notifier.shown.at(-1)?.state, 'invited');
    assert.equal(h.notifier.told.length, 1);
    assert.match(h.notifier.told[0]?.redeemUrl ?? '', /redeem/, 'withheld email: the requester gets the link');
    assert.deepEqual(outcome.request.transitions.map((step) => step.to), ['pendingApproval', 'approved', 'inviting', 'invited']);
  });

  it('a rejection needs a reason, and the requester is told it', async () => {
    const h = harness(APPROVAL_POLICY);
    const request = await pendingRequest(h);
    assert.equal((await decideRequest(h.ctx, request.id, BOB_APPROVER, { kind: 'reject', reason: '   ' })).kind, 'reasonRequired');
    const outcome = await decideRequest(h.ctx, request.id, BOB_APPROVER, { kind: 'reject', reason: 'Not a partner' });
    assert.ok(outcome.kind === 'rejected');
    assert.equal(outcome.request.approval?.rejectionReason, 'Not a partner');
    assert.equal(h.directory.createInvitation.callCount, 0);
    assert.equal(h.notifier.told[0]?.request.state, 'rejected');
    const audit = await h.store.audit.latest(1);
    assert.equal(audit[0]?.event, 'request.rejected');
    assert.equal(audit[0]?.details?.reason, 'Not a partner');
  });

  it('refuses self-approval and people who are not approvers', async () => {
    const h = harness({ ...APPROVAL_POLICY, approvers: { users: [BOB_APPROVER.id, ALICE.id], groups: [] } });
    const request = await pendingRequest(h);
    assert.equal((await decideRequest(h.ctx, request.id, ALICE, { kind: 'approve' })).kind, 'ownRequest');
    assert.equal((await decideRequest(h.ctx, request.id, DAVE, { kind: 'approve' })).kind, 'notAnApprover');
    assert.equal((await h.store.requests.get(request.id))?.value.state, 'pendingApproval');
  });

  it('approvers found through group membership may decide', async () => {
    const h = harness({ ...APPROVAL_POLICY, approvers: { users: [], groups: ['g-approvers'] } });
    h.directory.groupsByUser.set(DAVE.id, ['g-approvers']);
    const request = await pendingRequest(h);
    assert.equal((await decideRequest(h.ctx, request.id, DAVE, { kind: 'approve' })).kind, 'approvedAndInvited');
  });

  it('admin-only requests (Member invitations) are decided by admins only', async () => {
    const h = harness(APPROVAL_POLICY);
    const request = await pendingRequest(h, { email: 'm@partner.com', userType: 'Member' });
    assert.equal((await decideRequest(h.ctx, request.id, BOB_APPROVER, { kind: 'approve' })).kind, 'notAnApprover');
    assert.equal((await decideRequest(h.ctx, request.id, CAROL_ADMIN, { kind: 'approve' })).kind, 'approvedAndInvited');
    assert.equal(h.directory.invitations[0]?.userType, 'Member');
  });

  it('a second decision is refused and reports the first', async () => {
    const h = harness({ ...APPROVAL_POLICY, approvers: { users: [BOB_APPROVER.id, DAVE.id], groups: [] } });
    const request = await pendingRequest(h);
    await decideRequest(h.ctx, request.id, BOB_APPROVER, { kind: 'approve' });
    const second = await decideRequest(h.ctx, request.id, DAVE, { kind: 'reject', reason: 'late' });
    assert.ok(second.kind === 'alreadyDecided');
    assert.equal(second.request.approval?.decidedBy?.id, BOB_APPROVER.id);
    assert.equal(h.directory.createInvitation.callCount, 1);
  });

  describe('with object ids in different cases', () => {
    /** Teams may send a GUID in capitals where Graph and the policy use lower case. */
    const ANNA = { id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', displayName: 'Anna Approver' };
    const ERIK = { id: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b', displayName: 'Erik Approver' };

    async function requestBy(h: Harness, requester: typeof ANNA) {
      const outcome = await submitInvitation(h.ctx, { email: 'x@untrusted.org', sendEmail: true, userType: 'Guest' }, requester, { replyTo: 'conversation:abc' });
      assert.ok(outcome.kind === 'pendingApproval', outcome.kind);
      return outcome.request;
    }

    function approversHarness() {
      const h = harness({ ...APPROVAL_POLICY, approvers: { users: [ANNA.id, ERIK.id.toUpperCase()], groups: [] } });
      h.accounts.set(ANNA.id, 'Member');
      h.accounts.set(ERIK.id, 'Member');
      return h;
    }

    it('refuses self-approval when the requester\'s id was stored in capitals', async () => {
      const h = approversHarness();
      const request = await requestBy(h, { ...ANNA, id: ANNA.id.toUpperCase() });
      assert.equal((await decideRequest(h.ctx, request.id, ANNA, { kind: 'approve' })).kind, 'ownRequest');
      assert.equal(h.directory.createInvitation.callCount, 0);
    });

    it('lets another approver approve, in either case (the accepted path)', async () => {
      const h = approversHarness();
      const request = await requestBy(h, { ...ANNA, id: ANNA.id.toUpperCase() });
      const outcome = await decideRequest(h.ctx, request.id, { ...ERIK, id: ERIK.id.toUpperCase() }, { kind: 'approve' });
      assert.equal(outcome.kind, 'approvedAndInvited');
      assert.equal(h.directory.createInvitation.callCount, 1);
    });
  });

  it('50 concurrent approvals cause exactly one invitation', async () => {
    const approvers = Array.from({ length: 50 }, (_, i) => ({ id: `aaaaaaaa-0000-0000-0000-${String(i).padStart(12, '0')}`, displayName: `Approver ${i}` }));
    const h = harness({ ...APPROVAL_POLICY, approvers: { users: approvers.map((a) => a.id), groups: [] } });
    for (const approver of approvers) h.accounts.set(approver.id, 'Member');
    const request = await pendingRequest(h);
    let release!: () => void;
    h.directory.gate = new Promise((resolve) => (release = resolve));
    const decisions = approvers.map((approver) => decideRequest(h.ctx, request.id, approver, { kind: 'approve' }));
    setImmediate(() => release());
    const outcomes = await Promise.all(decisions);
    assert.equal(h.directory.createInvitation.callCount, 1);
    assert.equal(outcomes.filter((o) => o.kind === 'approvedAndInvited').length, 1);
    assert.equal(outcomes.filter((o) => o.kind === 'alreadyDecided').length, 49);
    assert.equal((await h.store.requests.get(request.id))?.value.state, 'invited');
  });

  it('an expired request cannot be approved', async () => {
    const h = harness(APPROVAL_POLICY);
    const request = await pendingRequest(h);
    h.clock.advance(73 * 3_600_000);
    assert.equal((await decideRequest(h.ctx, request.id, BOB_APPROVER, { kind: 'approve' })).kind, 'alreadyDecided');
    assert.equal(h.directory.createInvitation.callCount, 0);
  });

  it('an approved invitation that Graph refuses ends failed, retryable when it was throttling', async () => {
    const h = harness(APPROVAL_POLICY);
    const request = await pendingRequest(h);
    h.directory.failWith = new DirectoryError('throttled', 'busy');
    const outcome = await decideRequest(h.ctx, request.id, BOB_APPROVER, { kind: 'approve' });
    assert.ok(outcome.kind === 'approvedButFailed');
    assert.equal(outcome.request.state, 'failed');
    assert.equal(outcome.request.result?.retryable, true);
    assert.equal(h.notifier.told[0]?.request.state, 'failed');
  });

  it('an approval that finds the guest invited meanwhile sends no second invitation', async () => {
    const h = harness(APPROVAL_POLICY);
    const request = await pendingRequest(h);
    h.directory.users.push(guestUser({ id: 'invited-elsewhere', mail: 'x@untrusted.org' }));
    const outcome = await decideRequest(h.ctx, request.id, BOB_APPROVER, { kind: 'approve' });
    assert.ok(outcome.kind === 'approvedButFailed');
    assert.equal(outcome.error.kind, 'alreadyExists');
    assert.equal(outcome.request.state, 'failed');
    assert.equal(h.directory.createInvitation.callCount, 0);
  });

  it('answers notFound for an unknown id', async () => {
    const h = harness(APPROVAL_POLICY);
    assert.deepEqual(await decideRequest(h.ctx, 'NOPE', BOB_APPROVER, { kind: 'approve' }), { kind: 'notFound', requestId: 'NOPE' });
  });
});
