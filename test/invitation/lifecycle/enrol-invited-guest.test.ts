import assert from 'node:assert/strict';
import { enrolInvitedGuest, enrolMissedInvitations } from '../../../src/invitation/lifecycle/enrol-invited-guest';
import { submitInvitation } from '../../../src/invitation/submit-invitation';
import { updateRequest } from '../../../src/invitation/update-request';
import { ALICE } from '../fixtures';
import { ADMIN, DAY, lifecycleHarness } from './lifecycle-fixtures';

describe('enrolInvitedGuest', () => {
  it('governs each guest the invite path invites: end date from the request, reason, the requester as sponsor, first due step', async () => {
    const h = lifecycleHarness();
    const outcome = await submitInvitation(h.ctx, { email: 'gita@fabrikam.com', customMessage: 'Falcon review', sendEmail: true, userType: 'Guest' }, ALICE);
    assert.ok(outcome.kind === 'invited');
    const guest = (await h.guests.get(outcome.request.result!.userId!.toLowerCase()))?.value;
    assert.ok(guest, 'enrolled on invitation');
    assert.deepEqual(
      { address: guest.address, requestId: guest.requestId, reason: guest.reason, sponsorIds: guest.sponsorIds, redemption: guest.redemption, state: guest.state, invitedBy: guest.invitedBy?.id },
      { address: 'gita@fabrikam.com', requestId: outcome.request.id, reason: 'Falcon review', sponsorIds: [ALICE.id], redemption: 'pending', state: 'active', invitedBy: ALICE.id },
    );
    // Pending: the requester is reminded after remindAfterDays (7 by default).
    assert.equal(guest.dueAt, new Date(h.clock.now().getTime() + 7 * DAY).toISOString());
    const [entry] = await h.store.audit.latest(1);
    assert.equal(entry?.event, 'guest.lifecycle.enrolled');
  });

  it('takes the end date from the request, names no sponsor where the cloud has none, and enrols once', async () => {
    const h = lifecycleHarness({ reviewBeforeDays: 14 });
    h.lifecycle.sponsorsSupported = false;
    h.ctx.lifecycle = undefined; // enrolled by hand below
    const outcome = await submitInvitation(h.ctx, { email: 'gita@fabrikam.com', sendEmail: true, userType: 'Guest' }, ALICE);
    assert.ok(outcome.kind === 'invited');
    const endsAt = new Date(h.clock.now().getTime() + 10 * DAY).toISOString();
    const { request } = await updateRequest(h.store.requests, outcome.request.id, (current) => ({ ...current, access: { endsAt } }));
    const guest = await enrolInvitedGuest(h.lifecycle, request);
    assert.equal(guest?.accessEndsAt, endsAt);
    assert.deepEqual(guest?.sponsorIds, []);
    // The review is due 14 days before the end: already, since access ends in 10 days.
    assert.equal(guest?.dueAt, new Date(h.clock.now().getTime() - 4 * DAY).toISOString());
    const again = await enrolInvitedGuest(h.lifecycle, request);
    assert.deepEqual(again, guest);
    assert.equal((await h.store.audit.latest(10)).filter((entry) => entry.event === 'guest.lifecycle.enrolled').length, 1);
  });

  it('never governs a Member invitation', async () => {
    const h = lifecycleHarness();
    const outcome = await submitInvitation(h.ctx, { email: 'pat@fabrikam.com', sendEmail: true, userType: 'Member' }, ADMIN);
    assert.ok(outcome.kind === 'invited');
    assert.deepEqual(await h.guests.listAll(10), []);
    assert.equal(await enrolInvitedGuest(h.lifecycle, outcome.request), undefined);
  });

  it('does not fail the invitation when the store fails, and a later run enrols the guest it missed', async () => {
    const h = lifecycleHarness();
    const create = h.guests.create.bind(h.guests);
    h.guests.create = async () => {
      throw new Error('store down');
    };
    const outcome = await submitInvitation(h.ctx, { email: 'gita@fabrikam.com', sendEmail: true, userType: 'Guest' }, ALICE);
    assert.equal(outcome.kind, 'invited');
    assert.deepEqual(await h.guests.listAll(10), []);
    h.guests.create = create;
    const enrolled = await enrolMissedInvitations(h.lifecycle);
    assert.deepEqual(enrolled.map((guest) => guest.address), ['gita@fabrikam.com']);
    assert.deepEqual(await enrolMissedInvitations(h.lifecycle), [], 'enrolled once');
  });
});
