import assert from 'node:assert/strict';
import { nextAction } from '../../../src/invitation/lifecycle/next-action';
import { restoreGuest } from '../../../src/invitation/lifecycle/restore-guest';
import { runLifecycle } from '../../../src/invitation/lifecycle/run-lifecycle';
import { GovernedGuest } from '../../../src/invitation/lifecycle/governed-guest';
import { ADMIN, governedGuest, guestAccount, lifecycleHarness, LifecycleHarness, SPONSOR, unavailable } from './lifecycle-fixtures';

const DISABLED: Partial<GovernedGuest> = {
  state: 'disabled',
  disabledAt: '2026-11-20T09:00:00.000Z',
  deleteAt: '2026-12-20T09:00:00.000Z',
  removalReason: 'accessEnded',
  accessEndsAt: '2026-11-20T09:00:00.000Z',
  review: { id: 'r1', reason: 'accessEnding', startedAt: '2026-11-06T09:00:00.000Z', answerBy: '2026-11-13T09:00:00.000Z', askedIds: [SPONSOR.id] },
};

async function disabledGuest(h: LifecycleHarness, overrides: Partial<GovernedGuest> = {}, accountEnabled = false) {
  const draft = governedGuest({ ...DISABLED, ...overrides });
  await h.guests.create({ ...draft, dueAt: nextAction(draft, h.lifecycle, h.clock.now()).at });
  h.directoryAccounts.add(guestAccount({ id: draft.userId, accountEnabled }), draft.sponsorIds);
}

describe('restoreGuest', () => {
  it('re-enables a disabled guest and extends access, for admins', async () => {
    const h = lifecycleHarness();
    await disabledGuest(h);
    const outcome = await restoreGuest(h.lifecycle, { address: 'Gita@Fabrikam.com', days: 30, by: ADMIN });
    assert.ok(outcome.kind === 'restored');
    assert.deepEqual(h.directoryAccounts.calls, ['enable:guest-1']);
    const guest = (await h.guests.get('guest-1'))!.value;
    assert.deepEqual(
      [guest.state, guest.accessEndsAt, guest.deleteAt, guest.removalReason, guest.pendingEffect, guest.review?.decision?.kind],
      ['active', '2026-12-22T23:59:59.999Z', undefined, undefined, undefined, 'keep'],
    );
    assert.equal(h.cards.shown.length, 1, 'the old review card says the guest was kept');
    const [entry] = await h.store.audit.latest(1);
    assert.deepEqual([entry?.event, entry?.actor?.id], ['guest.restored', ADMIN.id]);
    // A run later deletes nothing: the guest is active again.
    h.clock.advance(40 * 24 * 3_600_000);
    await runLifecycle(h.lifecycle);
    assert.ok(!h.directoryAccounts.calls.includes('delete:guest-1'));
  });

  it('is for admins only', async () => {
    const h = lifecycleHarness();
    await disabledGuest(h);
    assert.deepEqual(await restoreGuest(h.lifecycle, { address: 'gita@fabrikam.com', by: SPONSOR }), { kind: 'notAllowed' });
    assert.deepEqual(h.directoryAccounts.calls, []);
  });

  it('refuses deleted accounts with a clear outcome, also when Entra no longer has the account', async () => {
    const h = lifecycleHarness();
    await disabledGuest(h, { state: 'deleted', deletedAt: '2026-11-21T09:00:00.000Z' });
    assert.equal((await restoreGuest(h.lifecycle, { address: 'gita@fabrikam.com', by: ADMIN })).kind, 'deleted');
    const gone = lifecycleHarness();
    await disabledGuest(gone);
    gone.directoryAccounts.accounts.delete('guest-1');
    assert.equal((await restoreGuest(gone.lifecycle, { address: 'gita@fabrikam.com', by: ADMIN })).kind, 'deleted');
    assert.equal((await gone.guests.get('guest-1'))!.value.state, 'deleted');
    assert.deepEqual([...h.directoryAccounts.calls, ...gone.directoryAccounts.calls], []);
  });

  it('refuses unknown addresses, active guests, members, and days over the maximum', async () => {
    const h = lifecycleHarness({}, { access: { maxDays: 60, domains: [] } });
    assert.equal((await restoreGuest(h.lifecycle, { address: 'nobody@fabrikam.com', by: ADMIN })).kind, 'notFound');
    await disabledGuest(h);
    assert.deepEqual(await restoreGuest(h.lifecycle, { address: 'gita@fabrikam.com', days: 61, by: ADMIN }), { kind: 'tooLong', maxDays: 60 });
    h.directoryAccounts.accounts.get('guest-1')!.userType = 'Member';
    assert.equal((await restoreGuest(h.lifecycle, { address: 'gita@fabrikam.com', by: ADMIN })).kind, 'notAGuest');
    h.directoryAccounts.accounts.get('guest-1')!.userType = 'Guest';
    assert.equal((await restoreGuest(h.lifecycle, { address: 'gita@fabrikam.com', days: 60, by: ADMIN })).kind, 'restored');
    assert.equal((await restoreGuest(h.lifecycle, { address: 'gita@fabrikam.com', by: ADMIN })).kind, 'notDisabled');
    assert.deepEqual(h.directoryAccounts.calls, ['enable:guest-1']);
  });

  it('two restores at once enable once', async () => {
    const h = lifecycleHarness();
    await disabledGuest(h);
    const outcomes = await Promise.all([
      restoreGuest(h.lifecycle, { address: 'gita@fabrikam.com', by: ADMIN }),
      restoreGuest(h.lifecycle, { address: 'gita@fabrikam.com', by: ADMIN }),
    ]);
    assert.deepEqual(outcomes.map((outcome) => outcome.kind).sort(), ['notDisabled', 'restored']);
    assert.deepEqual(h.directoryAccounts.calls, ['enable:guest-1']);
  });

  it('a failed enable leaves the guest disabled, as it was, and says so', async () => {
    const h = lifecycleHarness();
    await disabledGuest(h);
    h.directoryAccounts.failures.push({ error: unavailable(), applied: false });
    assert.equal((await restoreGuest(h.lifecycle, { address: 'gita@fabrikam.com', by: ADMIN })).kind, 'failed');
    const guest = (await h.guests.get('guest-1'))!.value;
    assert.deepEqual([guest.state, guest.deleteAt, guest.pendingEffect], ['disabled', DISABLED.deleteAt, undefined]);
    assert.equal((await restoreGuest(h.lifecycle, { address: 'gita@fabrikam.com', by: ADMIN })).kind, 'restored', 'and may be tried again');
  });
});
