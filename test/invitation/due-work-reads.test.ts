import assert from 'node:assert/strict';
import { retryGroupAdditions } from '../../src/invitation/group-additions';
import { escalateToFallbackApprovers, expireOverdueRequests } from '../../src/invitation/housekeeping';
import { InvitationRequest } from '../../src/invitation/invitation-request';
import { listPendingGuests } from '../../src/invitation/pending-guests';
import { openSqliteStore } from '../../src/storage';
import { sampleRequest } from '../storage/sample-request';
import { countingReads } from './counting-reads';
import { ALICE, APPROVAL_POLICY, DAVE, guestUser, harness } from './fixtures';

const DAY = 24 * 3_600_000;

/**
 * Housekeeping and `pending` read the requests that have work (or are the requester's guests still to accept),
 * not the store's history: a store of settled requests beside a few live ones, on SQLite, and each step counted.
 */
describe('due work reads only the requests that have it', () => {
  async function setup() {
    const h = harness({ ...APPROVAL_POLICY, fallbackApprovers: { users: [DAVE.id], groups: [], afterMinutes: 60 } });
    const store = openSqliteStore(':memory:');
    const now = h.clock.now().getTime();
    const at = (msAgo: number) => new Date(now - msAgo).toISOString();
    const make = (msAgo: number, overrides: Partial<InvitationRequest>) =>
      sampleRequest({ createdAt: at(msAgo), requester: ALICE, transitions: [{ from: null, to: overrides.state ?? 'pendingApproval', at: at(msAgo) }], ...overrides });
    const settled: Partial<InvitationRequest>[] = [
      { state: 'invited', result: { userId: 'accepted', groups: [{ id: 'g', kind: 'group', state: 'added', attempts: 1 }] }, redemption: { acceptedAt: at(DAY) } },
      { state: 'rejected' },
      { state: 'expired' },
      { state: 'cancelled' },
      { state: 'failed', result: { errorKind: 'insufficientPrivileges' } },
    ];
    for (let i = 0; i < 250; i++) await store.requests.create(make((i % 100) * DAY + DAY, settled[i % settled.length]!));
    // The live ones: one to expire, one to escalate (not yet expiring), one group addition due, one guest to accept.
    await store.requests.create(make(8 * DAY, { id: 'EXPIRING', expiresAt: at(DAY), approval: { reasons: ['untrustedDomain'], adminOnly: true } }));
    await store.requests.create(make(2 * 3_600_000, { id: 'ESCALATE', expiresAt: at(-DAY), approval: { reasons: ['untrustedDomain'], adminOnly: false } }));
    await store.requests.create(
      make(DAY, { id: 'GROUPDUE', state: 'invited', result: { userId: 'retrying', groups: [{ id: 'g', kind: 'group', state: 'pending', attempts: 1, nextAttemptAt: at(60_000) }] }, redemption: { acceptedAt: at(DAY) } }),
    );
    await store.requests.create(make(DAY, { id: 'WAITING1', state: 'invited', result: { userId: 'waiting' } }));
    h.directory.users.push(guestUser({ id: 'waiting', externalUserState: 'PendingAcceptance' }));
    const counting = countingReads(store.requests);
    return { h, store, counting, ctx: { ...h.ctx, requests: counting.requests } };
  }

  it('expiry reads the request due to expire', async () => {
    const { store, counting, ctx } = await setup();
    assert.equal(await expireOverdueRequests(ctx), 1);
    assert.equal(counting.read(), 1);
    await store.close();
  });

  it('escalation reads the request due for its fallback approvers', async () => {
    const { store, counting, ctx } = await setup();
    assert.equal(await escalateToFallbackApprovers(ctx), 1);
    assert.equal(counting.read(), 1);
    await store.close();
  });

  it('group retries read the invitation with an addition due', async () => {
    const { store, counting, ctx } = await setup();
    assert.equal(await retryGroupAdditions(ctx), 1);
    assert.equal(counting.read(), 1);
    await store.close();
  });

  it("pending reads the requester's guest still to accept", async () => {
    const { store, counting, ctx } = await setup();
    const outcome = await listPendingGuests(ctx, ALICE);
    assert.ok(outcome.kind === 'listed');
    assert.deepEqual(outcome.mine.map((mine) => mine.request.id), ['WAITING1']);
    assert.equal(counting.read(), 1);
    await store.close();
  });
});
