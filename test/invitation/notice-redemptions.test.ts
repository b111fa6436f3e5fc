import assert from 'node:assert/strict';
import { DirectoryError } from '../../src/invitation/directory-error';
import { noticeRedemptions, REDEMPTION_WATCH_DAYS } from '../../src/invitation/notice-redemptions';
import { submitInvitation } from '../../src/invitation/submit-invitation';
import { ALICE, harness } from './fixtures';

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

  it('lets a directory failure through for the job to retry, having changed nothing', async () => {
    const h = harness();
    const request = await invite(h, 'gita@fabrikam.com');
    h.directory.lookupFailure = new DirectoryError('throttled', 'busy');
    await assert.rejects(noticeRedemptions(h.ctx), DirectoryError);
    assert.equal((await h.store.requests.get(request.id))!.value.redemption, undefined);
  });
});
