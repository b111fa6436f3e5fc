import assert from 'node:assert/strict';
import { DirectoryError } from '../../src/invitation/directory-error';
import { noticeRedemptions, REDEMPTION_WATCH_DAYS } from '../../src/invitation/notice-redemptions';
import { submitInvitation } from '../../src/invitation/submit-invitation';
import { ALICE, harness } from './fixtures';
import { InvitationRequest } from '../../src/invitation/invitation-request';
import { countingReads } from './counting-reads';
import { GuestPassStore, openSqliteStore } from '../../src/storage';
import { sampleRequest } from '../storage/sample-request';

async function invite(h: ReturnType<typeof harness>, email: string) {
  const outcome = await submitInvitation(h.ctx, { email, sendEmail: true, userType: 'Guest' }, ALICE);
  assert.ok(outcome.kind === 'invited');
  return outcome.request;
}

describe('noticeRedemptions', () => {
  it('tells the requester once when their guest accepts, and records when', async () => {
    const h = harness();
    const request = await invite(h, 'gita@fabrikam.com');
    await invite(h, 'still.waiting@fabrikam.com');
    assert.deepEqual(await noticeRedemptions(h.ctx), { watched: 2, accepted: 0, gone: 0 });
    assert.equal(h.notifier.told.filter((news) => news.topic === 'accepted').length, 0);

    const guest = h.directory.users.find((user) => user.id === request.result?.userId)!;
    guest.externalUserState = 'Accepted';
    guest.externalUserStateChangedAt = new Date('2026-11-22T08:30:00Z');
    assert.deepEqual(await noticeRedemptions(h.ctx), { watched: 2, accepted: 1, gone: 0 });
    const told = h.notifier.told.filter((news) => news.topic === 'accepted');
    assert.deepEqual(told.map((news) => news.request.id), [request.id]);
    const stored = (await h.store.requests.get(request.id))!.value;
    assert.deepEqual(stored.redemption, { acceptedAt: '2026-11-22T08:30:00.000Z', notifiedAt: h.clock.now().toISOString() });
    assert.equal((await h.store.audit.latest(1))[0]?.event, 'guest.redeemed');

    assert.deepEqual(await noticeRedemptions(h.ctx), { watched: 1, accepted: 0, gone: 0 }, 'the accepted guest is no longer watched');
    assert.equal(h.notifier.told.filter((news) => news.topic === 'accepted').length, 1);
  });

  it('asks about all watched guests in one lookup, stops watching deleted ones and old invitations', async () => {
    const h = harness();
    const old = await invite(h, 'old@fabrikam.com');
    h.clock.advance((REDEMPTION_WATCH_DAYS + 1) * 24 * 3_600_000);
    const deleted = await invite(h, 'deleted@fabrikam.com');
    await invite(h, 'waiting@fabrikam.com');
    h.directory.users = h.directory.users.filter((user) => user.id !== deleted.result?.userId);
    h.directory.getUsersById.resetHistory();

    assert.deepEqual(await noticeRedemptions(h.ctx), { watched: 2, accepted: 0, gone: 1 });
    assert.equal(h.directory.getUsersById.callCount, 1);
    assert.ok(!h.directory.getUsersById.firstCall.args[0].includes(old.result!.userId!), 'older than the watch window');
    assert.ok((await h.store.requests.get(deleted.id))!.value.redemption?.goneAt);
    assert.deepEqual(await noticeRedemptions(h.ctx), { watched: 1, accepted: 0, gone: 0 });
  });

  for (const [kind, open] of [
    ['memory', (h: ReturnType<typeof harness>) => h.store],
    ['sqlite', () => openSqliteStore(':memory:')],
  ] as [string, (h: ReturnType<typeof harness>) => GuestPassStore][]) {
    it(`reads and asks Graph about the guests still to accept only, however many settled invitations the store holds (${kind})`, async () => {
      const h = harness();
      const store = open(h);
      const now = h.clock.now().getTime();
      const day = 24 * 3_600_000;
      const invitedAt = (daysAgo: number, overrides: Partial<InvitationRequest>) => {
        const createdAt = new Date(now - daysAgo * day).toISOString();
        return sampleRequest({ state: 'invited', createdAt, transitions: [{ from: null, to: 'invited', at: createdAt }], ...overrides });
      };
      // Within the watch window: accepted, gone, and invitations that never had a guest; older ones of every kind.
      for (let i = 0; i < 300; i++) {
        const userId = `settled-${i}`;
        const settled: Partial<InvitationRequest>[] = [
          { result: { userId }, redemption: { acceptedAt: new Date(now - day).toISOString(), notifiedAt: new Date(now - day).toISOString() } },
          { result: { userId }, redemption: { goneAt: new Date(now - day).toISOString() } },
          { state: 'failed', result: { errorKind: 'insufficientPrivileges' } },
          { result: { userId } }, // waiting, but older than the watch window
        ];
        await store.requests.create(invitedAt(i % 4 === 3 ? REDEMPTION_WATCH_DAYS + 1 + (i % 50) : i % 150, settled[i % 4]!));
      }
      const waiting = ['waiting-1', 'waiting-2', 'waiting-3'];
      for (const [i, userId] of waiting.entries()) await store.requests.create(invitedAt(i + 1, { result: { userId } }));
      const counting = countingReads(store.requests);
      h.directory.getUsersById.resetHistory();

      // The directory knows none of the three, so the round finds them gone: what counts here is what it asked.
      assert.deepEqual(await noticeRedemptions({ ...h.ctx, requests: counting.requests }), { watched: 3, accepted: 0, gone: 3 });
      assert.equal(counting.read(), 3, 'requests read from the store');
      assert.equal(h.directory.getUsersById.callCount, 1);
      assert.deepEqual([...h.directory.getUsersById.firstCall.args[0]].sort(), waiting);
      if (kind !== 'memory') await store.close();
    });
  }

  it('lets a directory failure through for the job to retry, having changed nothing', async () => {
    const h = harness();
    const request = await invite(h, 'gita@fabrikam.com');
    h.directory.lookupFailure = new DirectoryError('throttled', 'busy');
    await assert.rejects(noticeRedemptions(h.ctx), DirectoryError);
    assert.equal((await h.store.requests.get(request.id))!.value.redemption, undefined);
  });
});
