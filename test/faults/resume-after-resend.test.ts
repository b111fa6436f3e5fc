import assert from 'node:assert/strict';
import { resumeInterruptedInvitations } from '../../src/invitation/housekeeping';
import { InvitationRequest } from '../../src/invitation/invitation-request';
import { submitInvitation } from '../../src/invitation/submit-invitation';
import { ALICE, guestUser, harness, SETTLED_MS } from '../invitation/fixtures';

/**
 * The narrowest window of the SIGKILL test, made deterministic: the process dies right after storing a request
 * as `approved` (no approval needed) and before claiming it. The sender gets no answer and asks again: the stored
 * request still holds the address, so they are told it is their own open request, and the housekeeping job then
 * resumes it and invites the guest, once. Were the guest invited meanwhile (by hand, say), the resumed request
 * must look them up first and send nothing.
 */
describe('resuming an interrupted request after the sender asked again', () => {
  it('does not invite a guest who was invited in the meantime', async () => {
    const h = harness();
    const now = h.clock.now().toISOString();
    const orphan: InvitationRequest = {
      id: 'ORPHAN01',
      requester: ALICE,
      invitation: { email: 'twice@tailspin.com', domain: 'tailspin.com', redirectUrl: 'https://myapps.microsoft.com', sendEmail: true, userType: 'Guest' },
      state: 'approved',
      createdAt: now,
      transitions: [{ from: null, to: 'approved', at: now, by: { id: ALICE.id, displayName: ALICE.displayName } }],
    };
    await h.store.requests.create(orphan);

    const again = await submitInvitation(h.ctx, { email: 'twice@tailspin.com', sendEmail: true, userType: 'Guest' }, ALICE);
    assert.ok(again.kind === 'alreadyRequested' && again.yours && again.request.id === 'ORPHAN01', again.kind);
    h.clock.advance(SETTLED_MS);
    await resumeInterruptedInvitations(h.ctx, SETTLED_MS);

    assert.equal(h.directory.invitations.length, 1, 'invited once');
    assert.equal((await h.store.requests.get('ORPHAN01'))?.value.state, 'invited');
  });

  it('sends nothing when the resumed request finds the guest invited meanwhile', async () => {
    const h = harness();
    const now = h.clock.now().toISOString();
    const orphan: InvitationRequest = {
      id: 'ORPHAN02',
      requester: ALICE,
      invitation: { email: 'meanwhile@tailspin.com', domain: 'tailspin.com', redirectUrl: 'https://myapps.microsoft.com', sendEmail: true, userType: 'Guest' },
      state: 'approved',
      createdAt: now,
      transitions: [{ from: null, to: 'approved', at: now, by: { id: ALICE.id, displayName: ALICE.displayName } }],
    };
    await h.store.requests.create(orphan);
    h.directory.users.push(guestUser({ id: 'by-hand', mail: 'meanwhile@tailspin.com' }));
    h.clock.advance(SETTLED_MS);
    await resumeInterruptedInvitations(h.ctx, SETTLED_MS);

    assert.equal(h.directory.invitations.length, 0, 'nothing sent');
    assert.equal((await h.store.requests.get('ORPHAN02'))?.value.state, 'failed');
  });
});
