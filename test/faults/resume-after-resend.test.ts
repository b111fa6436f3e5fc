import assert from 'node:assert/strict';
import { resumeInterruptedInvitations } from '../../src/invitation/housekeeping';
import { InvitationRequest } from '../../src/invitation/invitation-request';
import { submitInvitation } from '../../src/invitation/submit-invitation';
import { ALICE, harness } from '../invitation/fixtures';

/**
 * The narrowest window of the SIGKILL test, made deterministic: the process dies right after storing a request
 * as `approved` (no approval needed) and before claiming it. The sender gets no answer and asks again, which
 * invites the guest; later the housekeeping job resumes the first request too.
 * The resumed request must look the guest up first and send nothing.
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
    assert.equal(again.kind, 'invited');
    h.clock.advance(61_000);
    await resumeInterruptedInvitations(h.ctx);

    assert.equal(h.directory.invitations.length, 1, 'invited once');
    assert.notEqual((await h.store.requests.get('ORPHAN01'))?.value.state, 'approved');
  });
});
