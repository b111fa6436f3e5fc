import assert from 'node:assert/strict';
import { GovernedGuest } from '../../../src/invitation/lifecycle/governed-guest';
import { nextAction } from '../../../src/invitation/lifecycle/next-action';
import { runLifecycle } from '../../../src/invitation/lifecycle/run-lifecycle';
import { withdrawInvitation } from '../../../src/invitation/lifecycle/withdraw-invitation';
import { DAVE } from '../fixtures';
import { ADMIN, DAY, governedGuest, guestAccount, lifecycleHarness, LifecycleHarness, SPONSOR, unavailable } from './lifecycle-fixtures';

const PENDING: Partial<GovernedGuest> = { redemption: 'pending' };

async function pendingGuest(h: LifecycleHarness, overrides: Partial<GovernedGuest> = {}, externalUserState: 'PendingAcceptance' | 'Accepted' = 'PendingAcceptance') {
  const draft = governedGuest({ ...PENDING, ...overrides });
  await h.guests.create({ ...draft, dueAt: nextAction(draft, h.lifecycle, h.clock.now()).at });
  h.directoryAccounts.add(guestAccount({ id: draft.userId, externalUserState }), draft.sponsorIds);
}

async function entries(h: LifecycleHarness, event: string) {
  return (await h.store.audit.latest(50)).filter((entry) => entry.event === event);
}

describe('withdrawInvitation', () => {
  it('deletes the pending account once, recorded as withdrawn by the requester', async () => {
    const h = lifecycleHarness();
    await pendingGuest(h);
    const outcome = await withdrawInvitation(h.lifecycle, { userId: 'GUEST-1', by: SPONSOR });
    assert.equal(outcome.kind, 'withdrawn');
    assert.deepEqual(h.directoryAccounts.calls, ['delete:guest-1']);
    const guest = (await h.guests.get('guest-1'))!.value;
    assert.deepEqual([guest.state, guest.removalReason, guest.pendingEffect, guest.dueAt], ['deleted', 'withdrawn', undefined, undefined]);
    const [entry] = await entries(h, 'guest.invitation.withdrawn');
    assert.equal(entry?.actor?.id, SPONSOR.id);
  });

  it('two presses at once delete once, audit once, and the second hears it was already withdrawn', async () => {
    const h = lifecycleHarness();
    await pendingGuest(h);
    const outcomes = await Promise.all([
      withdrawInvitation(h.lifecycle, { userId: 'guest-1', by: SPONSOR }),
      withdrawInvitation(h.lifecycle, { userId: 'guest-1', by: SPONSOR }),
    ]);
    assert.deepEqual(outcomes.map((outcome) => outcome.kind).sort(), ['alreadyWithdrawn', 'withdrawn']);
    assert.deepEqual(h.directoryAccounts.calls, ['delete:guest-1']);
    assert.equal((await entries(h, 'guest.invitation.withdrawn')).length, 1);
    // A later press hears the same.
    assert.equal((await withdrawInvitation(h.lifecycle, { userId: 'guest-1', by: SPONSOR })).kind, 'alreadyWithdrawn');
  });

  it('is for the requester and admins only; a forged id of another guest or of nobody changes nothing', async () => {
    const h = lifecycleHarness();
    await pendingGuest(h);
    assert.deepEqual(await withdrawInvitation(h.lifecycle, { userId: 'guest-1', by: DAVE }), { kind: 'notAllowed' });
    assert.deepEqual(await withdrawInvitation(h.lifecycle, { userId: 'guest-404', by: SPONSOR }), { kind: 'notFound' });
    assert.deepEqual(h.directoryAccounts.calls, []);
    assert.equal((await withdrawInvitation(h.lifecycle, { userId: 'guest-1', by: ADMIN })).kind, 'withdrawn');
  });

  it('never deletes an account that accepted meanwhile, or a member', async () => {
    const h = lifecycleHarness();
    await pendingGuest(h, {}, 'Accepted');
    assert.equal((await withdrawInvitation(h.lifecycle, { userId: 'guest-1', by: SPONSOR })).kind, 'notPending');
    const member = lifecycleHarness();
    await pendingGuest(member);
    member.directoryAccounts.accounts.get('guest-1')!.userType = 'Member';
    assert.equal((await withdrawInvitation(member.lifecycle, { userId: 'guest-1', by: SPONSOR })).kind, 'notPending');
    assert.deepEqual([...h.directoryAccounts.calls, ...member.directoryAccounts.calls], []);
    assert.equal((await member.guests.get('guest-1'))!.value.state, 'active');
  });

  it('a failed delete leaves the invitation pending, as it was, and may be tried again', async () => {
    const h = lifecycleHarness();
    await pendingGuest(h);
    h.directoryAccounts.failures.push({ error: unavailable(), applied: false });
    assert.equal((await withdrawInvitation(h.lifecycle, { userId: 'guest-1', by: SPONSOR })).kind, 'failed');
    const guest = (await h.guests.get('guest-1'))!.value;
    assert.deepEqual([guest.state, guest.redemption, guest.pendingEffect, guest.removalReason], ['active', 'pending', undefined, undefined]);
    assert.equal((await withdrawInvitation(h.lifecycle, { userId: 'guest-1', by: SPONSOR })).kind, 'withdrawn');
    assert.deepEqual(h.directoryAccounts.calls, ['delete:guest-1', 'delete:guest-1']);
  });

  it('claims before deleting: a crash inside the call leaves a claim a later run finishes once, even in report-only mode', async () => {
    const h = lifecycleHarness({ enforcement: 'reportOnly' });
    await pendingGuest(h);
    const deleteAccount = h.directoryAccounts.deleteAccount;
    let inCall!: () => void;
    const reached = new Promise<void>((resolve) => (inCall = resolve));
    // The process stops inside the Graph call: the call never returns.
    h.directoryAccounts.deleteAccount = (async () => {
      inCall();
      await new Promise(() => undefined);
    }) as never;
    void withdrawInvitation(h.lifecycle, { userId: 'guest-1', by: SPONSOR });
    await reached;
    const claimed = (await h.guests.get('guest-1'))!.value;
    assert.deepEqual([claimed.pendingEffect?.action, claimed.pendingEffect?.by?.id, claimed.removalReason], ['delete', SPONSOR.id, 'withdrawn']);
    h.directoryAccounts.deleteAccount = deleteAccount;
    h.clock.advance(DAY);
    await runLifecycle(h.lifecycle);
    await runLifecycle(h.lifecycle);
    assert.deepEqual(h.directoryAccounts.calls, ['delete:guest-1']);
    const guest = (await h.guests.get('guest-1'))!.value;
    assert.deepEqual([guest.state, guest.removalReason, guest.pendingEffect], ['deleted', 'withdrawn', undefined]);
  });
});
