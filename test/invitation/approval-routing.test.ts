import assert from 'node:assert/strict';
import { InvitationDraft } from '../../src/invitation/invitation-draft';
import { submitInvitation } from '../../src/invitation/submit-invitation';
import { ALICE, BOB_APPROVER, CAROL_ADMIN, DAVE, harness } from './fixtures';

const draft: InvitationDraft = { email: 'jane@fabrikam.com', sendEmail: true, userType: 'Guest' };
const always = { approval: { rule: 'always' as const, trustedDomains: [] } };

describe('who is asked to decide a request', () => {
  it('asks the approvers, and says so', async () => {
    const { ctx, notifier } = harness({ ...always, approvers: { users: [BOB_APPROVER.id], groups: [] } });
    const outcome = await submitInvitation(ctx, draft, ALICE);
    assert.ok(outcome.kind === 'pendingApproval');
    assert.deepEqual(outcome.route, { kind: 'asked', audience: 'approvers' });
    assert.deepEqual(notifier.asked.map((a) => a.audience), ['approvers']);
  });

  it('passes over a requester who is the only approver: the fallback approvers, escalated so they may decide', async () => {
    const { ctx, notifier } = harness({
      ...always,
      approvers: { users: [ALICE.id], groups: [] },
      fallbackApprovers: { users: [DAVE.id], groups: [], afterMinutes: 60 },
    });
    const outcome = await submitInvitation(ctx, draft, ALICE);
    assert.ok(outcome.kind === 'pendingApproval');
    assert.deepEqual(outcome.route, { kind: 'asked', audience: 'fallbackApprovers', passedOver: 'onlyRequester' });
    assert.ok(outcome.request.approval?.escalatedAt);
    assert.equal((await ctx.requests.get(outcome.request.id))?.value.approval?.escalatedAt, outcome.request.approval?.escalatedAt);
    assert.ok(await ctx.access.mayDecide(DAVE, false, true));
    assert.deepEqual(notifier.asked.map((a) => a.audience), ['fallbackApprovers']);
  });

  it('asks the admins when the card reached no approver, and says why', async () => {
    const { ctx, notifier } = harness({ ...always, approvers: { users: [BOB_APPROVER.id], groups: [] }, admins: { users: [CAROL_ADMIN.id], groups: [] } });
    notifier.unreachable.add('approvers');
    const outcome = await submitInvitation(ctx, draft, ALICE);
    assert.ok(outcome.kind === 'pendingApproval');
    assert.deepEqual(outcome.route, { kind: 'asked', audience: 'admins', passedOver: 'unreachable' });
    assert.deepEqual(notifier.asked.map((a) => a.audience), ['approvers', 'admins']);
  });

  it('says when nobody could be asked, keeps the request pending and records it in the audit trail', async () => {
    const unreachable = harness({ ...always, approvers: { users: [BOB_APPROVER.id], groups: [] }, admins: { users: [CAROL_ADMIN.id], groups: [] } });
    unreachable.notifier.unreachable.add('approvers').add('admins');
    const none = await submitInvitation(unreachable.ctx, draft, ALICE);
    assert.ok(none.kind === 'pendingApproval');
    assert.deepEqual(none.route, { kind: 'nobody', reason: 'unreachable' });
    assert.equal(none.request.state, 'pendingApproval');

    const alone = harness({ ...always, approvers: { users: [ALICE.id], groups: [] } });
    const own = await submitInvitation(alone.ctx, draft, ALICE);
    assert.ok(own.kind === 'pendingApproval');
    assert.deepEqual(own.route, { kind: 'nobody', reason: 'onlyRequester' });
    assert.deepEqual(alone.notifier.asked, [], 'no card for the requester');
    assert.ok((await alone.ctx.audit.latest(5)).some((entry) => entry.event === 'request.noApprover' && entry.details?.reason === 'onlyRequester'));
  });

  it('sends an admin-only request to the admins only, never to fallback approvers', async () => {
    const { ctx, notifier } = harness({
      approvers: { users: [BOB_APPROVER.id], groups: [] },
      fallbackApprovers: { users: [DAVE.id], groups: [], afterMinutes: 60 },
      admins: { users: [CAROL_ADMIN.id], groups: [] },
    });
    notifier.unreachable.add('approvers');
    const outcome = await submitInvitation(ctx, { ...draft, userType: 'Member' }, ALICE);
    assert.ok(outcome.kind === 'pendingApproval');
    assert.deepEqual(outcome.route, { kind: 'nobody', reason: 'unreachable' });
    assert.deepEqual(notifier.asked.map((a) => a.audience), ['approvers']);
  });
});
