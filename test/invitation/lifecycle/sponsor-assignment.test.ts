import assert from 'node:assert/strict';
import { assignSponsor } from '../../../src/invitation/lifecycle/assign-sponsor';
import { GovernedGuest } from '../../../src/invitation/lifecycle/governed-guest';
import { SignInsSeen } from '../../../src/invitation/lifecycle/sign-ins-seen';
import { orphanedGuests, sponsoredGuests } from '../../../src/invitation/lifecycle/sponsored-guests';
import { DAVE } from '../fixtures';
import { ADMIN, FakeGuestAccounts, governedGuest, guestAccount, lifecycleHarness, LifecycleHarness, SPONSOR, unavailable } from './lifecycle-fixtures';

async function governed(h: LifecycleHarness, overrides: Partial<GovernedGuest> = {}) {
  const guest = governedGuest(overrides);
  await h.guests.create(guest);
  h.directoryAccounts.add(guestAccount({ id: guest.userId, mail: guest.address }), guest.sponsorIds);
}

const member = (id: string, overrides = {}) => guestAccount({ id, userType: 'Member', externalUserState: null, ...overrides });

describe('assignSponsor', () => {
  it('an admin names an enabled member: Entra first, then the record, audited; the orphan list no longer shows the guest', async () => {
    const h = lifecycleHarness();
    await governed(h, { sponsorIds: [] });
    h.directoryAccounts.add(member(DAVE.id));
    assert.equal((await orphanedGuests(h.lifecycle, ADMIN)).kind, 'listed');
    const outcome = await assignSponsor(h.lifecycle, { userId: 'guest-1', sponsorId: DAVE.id.toUpperCase(), by: ADMIN });
    assert.ok(outcome.kind === 'assigned');
    assert.deepEqual(outcome.guest.sponsorIds, [DAVE.id]);
    assert.deepEqual(h.directoryAccounts.sponsors.get('guest-1'), [DAVE.id]);
    const [entry] = await h.store.audit.latest(1);
    assert.deepEqual([entry?.event, entry?.actor?.id, entry?.details?.sponsorId], ['guest.sponsor.assigned', ADMIN.id, DAVE.id]);
    assert.deepEqual(await orphanedGuests(h.lifecycle, ADMIN), { kind: 'listed', guests: [] });
    assert.equal((await assignSponsor(h.lifecycle, { userId: 'guest-1', sponsorId: DAVE.id, by: ADMIN })).kind, 'alreadySponsor');
    assert.equal(h.directoryAccounts.addSponsor.callCount, 1);
  });

  it('is for admins only, and never names a guest, a disabled or an unknown account', async () => {
    const h = lifecycleHarness();
    await governed(h, { sponsorIds: [] });
    h.directoryAccounts.add(member(DAVE.id));
    h.directoryAccounts.add(member('left-1', { accountEnabled: false }));
    h.directoryAccounts.add(guestAccount({ id: 'guest-2' }));
    assert.deepEqual(await assignSponsor(h.lifecycle, { userId: 'guest-1', sponsorId: DAVE.id, by: SPONSOR }), { kind: 'notAllowed' });
    assert.deepEqual(await orphanedGuests(h.lifecycle, SPONSOR), { kind: 'notAllowed' });
    for (const sponsorId of ['left-1', 'guest-2', 'nobody']) {
      assert.deepEqual(await assignSponsor(h.lifecycle, { userId: 'guest-1', sponsorId, by: ADMIN }), { kind: 'sponsorNotEligible' }, sponsorId);
    }
    assert.deepEqual(await assignSponsor(h.lifecycle, { userId: 'nobody', sponsorId: DAVE.id, by: ADMIN }), { kind: 'notFound' });
    assert.equal(h.directoryAccounts.addSponsor.callCount, 0);
    assert.deepEqual((await h.guests.get('guest-1'))!.value.sponsorIds, []);
  });

  it('a deleted guest gets no sponsor; a Graph failure records nothing', async () => {
    const h = lifecycleHarness();
    await governed(h, { sponsorIds: [], state: 'deleted' });
    h.directoryAccounts.add(member(DAVE.id));
    assert.deepEqual(await assignSponsor(h.lifecycle, { userId: 'guest-1', sponsorId: DAVE.id, by: ADMIN }), { kind: 'notFound' });
    const failing = lifecycleHarness();
    await governed(failing, { sponsorIds: [] });
    failing.directoryAccounts.add(member(DAVE.id));
    failing.directoryAccounts.addSponsor = Object.assign(async () => Promise.reject(unavailable())) as never;
    assert.equal((await assignSponsor(failing.lifecycle, { userId: 'guest-1', sponsorId: DAVE.id, by: ADMIN })).kind, 'failed');
    assert.deepEqual((await failing.guests.get('guest-1'))!.value.sponsorIds, []);
    assert.deepEqual(await failing.store.audit.latest(5), []);
  });
});

describe('sponsoredGuests', () => {
  it('lists only the guests this person sponsors, soonest end first, never deleted ones', async () => {
    const h = lifecycleHarness();
    await governed(h, { userId: 'g-later', address: 'later@fabrikam.com', displayName: 'Later', accessEndsAt: '2027-02-01T23:59:59.999Z' });
    await governed(h, { userId: 'g-soon', address: 'soon@fabrikam.com', displayName: 'Soon', accessEndsAt: '2026-12-01T23:59:59.999Z' });
    await governed(h, { userId: 'g-open', address: 'open@fabrikam.com', displayName: 'Open' });
    await governed(h, { userId: 'g-gone', address: 'gone@fabrikam.com', state: 'deleted' });
    await governed(h, { userId: 'g-dave', address: 'dave@fabrikam.com', sponsorIds: [DAVE.id] });
    const listed = await sponsoredGuests(h.lifecycle, { ...SPONSOR, id: SPONSOR.id.toUpperCase() });
    assert.deepEqual(listed.map((guest) => guest.userId), ['g-soon', 'g-later', 'g-open']);
    assert.deepEqual((await sponsoredGuests(h.lifecycle, ADMIN)).map((guest) => guest.userId), [], 'admins see their own, not everyone’s');
    assert.equal((await sponsoredGuests(h.lifecycle, SPONSOR, 2)).length, 2);
  });
});

describe('SignInsSeen', () => {
  it('remembers whether the last read of sign-ins was allowed, and passes every call through', async () => {
    const inner = new FakeGuestAccounts();
    inner.add(guestAccount());
    const seen = new SignInsSeen(inner);
    assert.equal(seen.signInsReadable(), true, 'until Graph says otherwise');
    inner.signIns = { available: false, why: 'forbidden' };
    assert.equal((await seen.lastSignIns(['guest-1'])).available, false);
    assert.equal(seen.signInsReadable(), false);
    inner.signIns = { available: true, at: new Map() };
    await seen.lastSignIns(['guest-1']);
    assert.equal(seen.signInsReadable(), true);
    assert.equal((await seen.getAccounts(['guest-1'])).found.length, 1);
    await seen.setAccountEnabled('guest-1', false);
    await seen.deleteAccount('guest-1');
    await seen.addSponsor('guest-1', DAVE.id);
    assert.deepEqual(await seen.sponsorIdsOf('guest-1'), [DAVE.id]);
    assert.deepEqual(inner.calls, ['disable:guest-1', 'delete:guest-1']);
    assert.equal((await seen.listGuests(10)).complete, true);
  });
});
