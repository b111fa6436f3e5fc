import assert from 'node:assert/strict';
import { longestGraphCallMs } from '../../src/graph/graph-client';
import { cancelRequest } from '../../src/invitation/cancel-request';
import { escalateToFallbackApprovers, expireOverdueRequests, resumeInterruptedInvitations } from '../../src/invitation/housekeeping';
import { transition } from '../../src/invitation/invitation-request';
import { latestAuditEntries, pendingApprovalsFor, requestsBy } from '../../src/invitation/list-requests';
import { submitInvitation } from '../../src/invitation/submit-invitation';
import { updateRequest } from '../../src/invitation/update-request';
import { decideRequest } from '../../src/invitation/decide-request';
import { InstancePresence } from '../../src/invitation/instance-presence';
import { InstanceHeartbeat } from '../../src/jobs/instance-heartbeat';
import { ALICE, APPROVAL_POLICY, BOB_APPROVER, CAROL_ADMIN, DAVE, harness, SETTLED_MS } from './fixtures';

const untrusted = { email: 'x@untrusted.org', sendEmail: true, userType: 'Guest' as const };

describe('request housekeeping', () => {
  it('expires requests nobody decided in time and tells the requester', async () => {
    const h = harness(APPROVAL_POLICY);
    const outcome = await submitInvitation(h.ctx, untrusted, ALICE);
    assert.ok(outcome.kind === 'pendingApproval');
    assert.equal(await expireOverdueRequests(h.ctx), 0);
    h.clock.advance(72 * 3_600_000);
    assert.equal(await expireOverdueRequests(h.ctx), 1);
    assert.equal((await h.store.requests.get(outcome.request.id))?.value.state, 'expired');
    assert.equal(h.notifier.told[0]?.request.state, 'expired');
    assert.equal(await expireOverdueRequests(h.ctx), 0, 'expiry happens once');
  });

  it('asks the fallback approvers after the wait, once, and lets them decide', async () => {
    const h = harness({ ...APPROVAL_POLICY, fallbackApprovers: { users: [DAVE.id], groups: [], afterMinutes: 60 } });
    const outcome = await submitInvitation(h.ctx, untrusted, ALICE);
    assert.ok(outcome.kind === 'pendingApproval');
    assert.equal((await decideRequest(h.ctx, outcome.request.id, DAVE, { kind: 'approve' })).kind, 'notAnApprover');
    h.clock.advance(61 * 60_000);
    assert.equal(await escalateToFallbackApprovers(h.ctx), 1);
    assert.equal(await escalateToFallbackApprovers(h.ctx), 0);
    assert.deepEqual(h.notifier.asked.map((a) => a.audience), ['approvers', 'fallbackApprovers']);
    assert.equal((await decideRequest(h.ctx, outcome.request.id, DAVE, { kind: 'approve' })).kind, 'approvedAndInvited');
  });

  it('asks the admins when the card reached none of the fallback approvers', async () => {
    const h = harness({ ...APPROVAL_POLICY, fallbackApprovers: { users: [DAVE.id], groups: [], afterMinutes: 60 } });
    h.notifier.unreachable.add('fallbackApprovers');
    const outcome = await submitInvitation(h.ctx, untrusted, ALICE);
    assert.ok(outcome.kind === 'pendingApproval');
    h.clock.advance(61 * 60_000);
    assert.equal(await escalateToFallbackApprovers(h.ctx), 1);
    assert.deepEqual(h.notifier.asked.map((a) => a.audience), ['approvers', 'fallbackApprovers', 'admins']);
  });

  it('a request stopped between approved and inviting is invited once after restart', async () => {
    const h = harness(APPROVAL_POLICY);
    const outcome = await submitInvitation(h.ctx, untrusted, ALICE);
    assert.ok(outcome.kind === 'pendingApproval');
    // The process stopped right after writing "approved".
    await updateRequest(h.ctx.requests, outcome.request.id, (r) => transition(r, 'approved', h.clock.now()));
    assert.equal(await resumeInterruptedInvitations(h.ctx, SETTLED_MS), 0, 'too fresh: another instance may still be on it');
    h.clock.advance(SETTLED_MS);
    assert.equal(await resumeInterruptedInvitations(h.ctx, SETTLED_MS), 1);
    assert.equal(await resumeInterruptedInvitations(h.ctx, SETTLED_MS), 0);
    assert.equal(h.directory.createInvitation.callCount, 1);
    assert.equal((await h.store.requests.get(outcome.request.id))?.value.state, 'invited');
  });

  it('a request stopped in approved whose guest was invited meanwhile by another request is not invited again', async () => {
    const h = harness(APPROVAL_POLICY);
    const outcome = await submitInvitation(h.ctx, untrusted, ALICE);
    assert.ok(outcome.kind === 'pendingApproval');
    await updateRequest(h.ctx.requests, outcome.request.id, (r) => transition(r, 'approved', h.clock.now()));
    // Meanwhile a second request for the same address went through (e.g. the person asked again after the restart).
    await h.directory.createInvitation({ email: 'x@untrusted.org', redirectUrl: 'https://x.com', sendEmail: true, userType: 'Guest', sponsorIds: [] });
    h.clock.advance(SETTLED_MS);
    assert.equal(await resumeInterruptedInvitations(h.ctx, SETTLED_MS), 1);
    assert.equal(h.directory.createInvitation.callCount, 1, 'only the other request invited');
    const stored = (await h.store.requests.get(outcome.request.id))?.value;
    assert.equal(stored?.state, 'failed');
    assert.equal(stored?.result?.errorKind, 'alreadyExists');
  });

  it('a request stopped after Graph invited the guest is marked invited without a second invitation', async () => {
    const h = harness();
    const outcome = await submitInvitation(h.ctx, { ...untrusted }, ALICE);
    assert.ok(outcome.kind === 'invited');
    // Simulate a crash after POST /invitations but before "invited" was written: rewind the stored state.
    await updateRequest(h.ctx.requests, outcome.request.id, (r) => ({ ...r, state: 'inviting', transitions: r.transitions.slice(0, 2) }));
    h.clock.advance(SETTLED_MS);
    assert.equal(await resumeInterruptedInvitations(h.ctx, SETTLED_MS), 1);
    const stored = (await h.store.requests.get(outcome.request.id))?.value;
    assert.equal(stored?.state, 'invited');
    assert.equal(stored?.transitions.at(-1)?.reason, 'recovered');
    assert.equal(h.directory.createInvitation.callCount, 1);
  });

  it('a request stopped in inviting before Graph saw it is invited on resume', async () => {
    const h = harness(APPROVAL_POLICY);
    const outcome = await submitInvitation(h.ctx, untrusted, ALICE);
    assert.ok(outcome.kind === 'pendingApproval');
    await updateRequest(h.ctx.requests, outcome.request.id, (r) => transition(transition(r, 'approved', h.clock.now()), 'inviting', h.clock.now()));
    h.clock.advance(SETTLED_MS);
    assert.equal(await resumeInterruptedInvitations(h.ctx, SETTLED_MS), 1);
    assert.equal(h.directory.createInvitation.callCount, 1);
    assert.equal((await h.store.requests.get(outcome.request.id))?.value.state, 'invited');
    assert.ok(h.directory.users.some((u) => u.mail === 'x@untrusted.org'));
  });
});

describe('resuming what a killed instance left', () => {
  it('resumes its requests as soon as its presence lapses, not a minute later, and leaves a live one alone', async () => {
    const h = harness(APPROVAL_POLICY);
    const now = () => h.clock.now();
    const killed = new InstanceHeartbeat(h.store.leases, now, 'killed');
    await killed.start();
    h.ctx.instances = killed;
    const outcome = await submitInvitation(h.ctx, untrusted, ALICE);
    assert.ok(outcome.kind === 'pendingApproval');
    // The killed instance had claimed the request: approved, then inviting, then nothing more.
    await updateRequest(h.ctx.requests, outcome.request.id, (r) =>
      transition(transition(r, 'approved', now(), { instance: killed.id }), 'inviting', now(), { instance: killed.id }),
    );
    killed.stop();

    const restarted = new InstanceHeartbeat(h.store.leases, now, 'restarted');
    await restarted.start();
    h.ctx.instances = restarted;
    assert.equal(await resumeInterruptedInvitations(h.ctx, SETTLED_MS), 0, 'its presence is fresh: it may still be on it');
    h.clock.advance(16_000);
    assert.equal(await resumeInterruptedInvitations(h.ctx, SETTLED_MS), 1, 'resumed once its presence lapsed, well before 60 s');
    assert.equal(h.directory.createInvitation.callCount, 1);
    assert.equal((await h.store.requests.get(outcome.request.id))?.value.state, 'invited');
    restarted.stop();
  });
});

describe('leaving a live instance its slow Graph call', () => {
  /** A stand-in for the store's presence leases: this instance, and the instances that are gone. */
  function presence(id: string, gone: Set<string>): InstancePresence {
    return { id, isGone: async (other) => gone.has(other) };
  }

  /** A request that `instance` (or, without one, a version from before instance ids) claimed and is inviting. */
  async function claimed(h: ReturnType<typeof harness>, instance?: string): Promise<string> {
    const outcome = await submitInvitation(h.ctx, untrusted, ALICE);
    assert.ok(outcome.kind === 'pendingApproval');
    await updateRequest(h.ctx.requests, outcome.request.id, (r) =>
      transition(transition(r, 'approved', h.clock.now(), { instance }), 'inviting', h.clock.now(), { instance }),
    );
    return outcome.request.id;
  }

  /** Moves the fake clock to `ms` after the claim (`since` is how far it already is). */
  function at(h: ReturnType<typeof harness>, since: { ms: number }, ms: number): void {
    h.clock.advance(ms - since.ms);
    since.ms = ms;
  }

  it('the bound covers both Graph calls running into the timeout on every attempt, with the longest Retry-After between', () => {
    assert.ok(SETTLED_MS >= 2 * (4 * 30_000 + 3 * 180_000), `${SETTLED_MS} ms`);
    assert.ok(longestGraphCallMs({ timeoutSeconds: 600, maxRetries: 10 }) >= (11 * 600 + 10 * 180) * 1000);
  });

  it("leaves a live instance's inviting request alone past a minute, through throttled retries", async () => {
    const h = harness(APPROVAL_POLICY);
    const id = await claimed(h, 'busy');
    h.ctx.instances = presence('housekeeper', new Set());
    const since = { ms: 0 };
    // Graph answered 429 with Retry-After: 30 three times: the first POST has not landed, no guest exists yet.
    for (const elapsed of [61_000, 4 * 30_000 + 3 * 30_000, 4 * 30_000 + 3 * 180_000, SETTLED_MS - 1]) {
      at(h, since, elapsed);
      assert.equal(await resumeInterruptedInvitations(h.ctx, SETTLED_MS), 0, `resumed ${elapsed} ms after the claim`);
    }
    assert.equal(h.directory.createInvitation.callCount, 0, 'no second invitation');
    assert.equal((await h.store.requests.get(id))?.value.state, 'inviting');
  });

  it("resumes a gone instance's inviting request at once, and invites once", async () => {
    const h = harness(APPROVAL_POLICY);
    const id = await claimed(h, 'killed');
    h.ctx.instances = presence('restarted', new Set(['killed']));
    assert.equal(await resumeInterruptedInvitations(h.ctx, SETTLED_MS), 1);
    assert.equal(await resumeInterruptedInvitations(h.ctx, SETTLED_MS), 0);
    assert.equal(h.directory.createInvitation.callCount, 1);
    const stored = (await h.store.requests.get(id))?.value;
    assert.equal(stored?.state, 'invited');
    assert.equal(stored?.transitions.find((t) => t.reason === 'resumed')?.instance, 'restarted', 'the resuming instance claims it');
  });

  it('resumes a request from before instance ids only after the bound', async () => {
    const h = harness(APPROVAL_POLICY);
    const id = await claimed(h, undefined);
    h.ctx.instances = presence('upgraded', new Set());
    const since = { ms: 0 };
    at(h, since, 61_000);
    assert.equal(await resumeInterruptedInvitations(h.ctx, SETTLED_MS), 0);
    at(h, since, SETTLED_MS - 1);
    assert.equal(await resumeInterruptedInvitations(h.ctx, SETTLED_MS), 0);
    at(h, since, SETTLED_MS);
    assert.equal(await resumeInterruptedInvitations(h.ctx, SETTLED_MS), 1);
    assert.equal(h.directory.createInvitation.callCount, 1);
    assert.equal((await h.store.requests.get(id))?.value.state, 'invited');
  });

  it("resumes a live instance's request after the bound (its write of the outcome failed), recording the guest Graph made", async () => {
    const h = harness(APPROVAL_POLICY);
    const id = await claimed(h, 'busy');
    h.ctx.instances = presence('housekeeper', new Set());
    // The live instance's invitation went through; writing `invited` afterwards failed.
    await h.directory.createInvitation({ email: untrusted.email, redirectUrl: 'https://x.com', sendEmail: true, userType: 'Guest', sponsorIds: [] });
    const since = { ms: 0 };
    at(h, since, SETTLED_MS - 1);
    assert.equal(await resumeInterruptedInvitations(h.ctx, SETTLED_MS), 0);
    at(h, since, SETTLED_MS);
    assert.equal(await resumeInterruptedInvitations(h.ctx, SETTLED_MS), 1);
    assert.equal(h.directory.createInvitation.callCount, 1, 'not invited again');
    const stored = (await h.store.requests.get(id))?.value;
    assert.equal(stored?.state, 'invited');
    assert.equal(stored?.transitions.at(-1)?.reason, 'recovered');
  });

  it("this instance's own request likewise waits for the bound, not a minute", async () => {
    const h = harness(APPROVAL_POLICY);
    await claimed(h, 'me');
    h.ctx.instances = presence('me', new Set());
    h.clock.advance(61_000);
    assert.equal(await resumeInterruptedInvitations(h.ctx, SETTLED_MS), 0);
    h.clock.advance(SETTLED_MS);
    assert.equal(await resumeInterruptedInvitations(h.ctx, SETTLED_MS), 1);
  });
});

describe('cancel and listings', () => {
  it('the requester or an admin can cancel a pending request; others cannot; decided ones are too late', async () => {
    const h = harness(APPROVAL_POLICY);
    const first = await submitInvitation(h.ctx, untrusted, ALICE);
    const second = await submitInvitation(h.ctx, { ...untrusted, email: 'y@untrusted.org' }, ALICE);
    assert.ok(first.kind === 'pendingApproval' && second.kind === 'pendingApproval');
    assert.equal((await cancelRequest(h.ctx, first.request.id, DAVE)).kind, 'notYours');
    assert.equal((await cancelRequest(h.ctx, first.request.id, ALICE)).kind, 'cancelled');
    assert.equal((await cancelRequest(h.ctx, second.request.id, CAROL_ADMIN)).kind, 'cancelled');
    assert.equal((await cancelRequest(h.ctx, first.request.id, ALICE)).kind, 'tooLate');
    assert.equal((await cancelRequest(h.ctx, 'NOPE', ALICE)).kind, 'notFound');
    assert.equal((await decideRequest(h.ctx, first.request.id, BOB_APPROVER, { kind: 'approve' })).kind, 'alreadyDecided');
  });

  it('lists an approver’s pending approvals (not their own) and a requester’s own requests', async () => {
    const h = harness(APPROVAL_POLICY);
    await submitInvitation(h.ctx, untrusted, ALICE);
    await submitInvitation(h.ctx, { ...untrusted, email: 'b@untrusted.org' }, BOB_APPROVER);
    assert.deepEqual((await pendingApprovalsFor(h.ctx, BOB_APPROVER)).map((r) => r.invitation.email), ['x@untrusted.org']);
    assert.deepEqual((await pendingApprovalsFor(h.ctx, DAVE)).length, 0);
    assert.deepEqual((await requestsBy(h.ctx, ALICE)).map((r) => r.invitation.email), ['x@untrusted.org']);
  });

  it('shows the audit trail to admins only, bounded', async () => {
    const h = harness(APPROVAL_POLICY);
    await submitInvitation(h.ctx, untrusted, ALICE);
    assert.deepEqual(await latestAuditEntries(h.ctx, ALICE, 10), { kind: 'adminsOnly' });
    const outcome = await latestAuditEntries(h.ctx, CAROL_ADMIN, 1000);
    assert.ok(outcome.kind === 'entries');
    assert.equal(outcome.entries[0]?.event, 'request.created');
  });
});
