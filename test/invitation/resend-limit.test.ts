import assert from 'node:assert/strict';
import { DirectoryError } from '../../src/invitation/directory-error';
import { InvitationPolicy } from '../../src/invitation/policy';
import { Versioned } from '../../src/invitation/request-repository';
import { resendInvitation } from '../../src/invitation/resend-invitation';
import { VersionedState } from '../../src/invitation/versioned-state';
import { ALICE, CAROL_ADMIN, DAVE, guestUser, harness } from './fixtures';

const MINUTE = 60_000;

function limited(resend: InvitationPolicy['resend'] = { perGuestMinutes: 60, perRequesterPerHour: 20 }) {
  const h = harness({ admins: { users: [CAROL_ADMIN.id], groups: [] }, resend });
  for (let i = 1; i <= 5; i += 1) h.directory.users.push(guestUser({ id: `guest-${i}`, mail: `g${i}@fabrikam.com` }));
  return h;
}

describe('resend limits', () => {
  describe('per guest', () => {
    it('resends once, refuses a second resend to the same guest until the interval has passed, whoever asks', async () => {
      const h = limited();
      assert.equal((await resendInvitation(h.ctx, ALICE, { email: 'g1@fabrikam.com' })).kind, 'resent');
      h.clock.advance(59 * MINUTE);
      for (const who of [ALICE, DAVE, CAROL_ADMIN]) {
        const refused = await resendInvitation(h.ctx, who, { email: 'g1@fabrikam.com' });
        assert.ok(refused.kind === 'rateLimited', `${who.displayName}: ${refused.kind}`);
        assert.equal(refused.scope, 'guest');
        assert.equal(refused.nextAt, '2026-11-22T10:00:00.000Z', 'one hour after the resend that counted');
        assert.equal(refused.email, 'g1@fabrikam.com');
      }
      assert.equal(h.directory.createInvitation.callCount, 1, 'no second email');
      h.clock.advance(MINUTE);
      assert.equal((await resendInvitation(h.ctx, DAVE, { email: 'g1@fabrikam.com' })).kind, 'resent', 'due again at the hour');
      assert.equal(h.directory.createInvitation.callCount, 2);
    });

    it('takes the interval from the policy', async () => {
      const h = limited({ perGuestMinutes: 5, perRequesterPerHour: 20 });
      await resendInvitation(h.ctx, ALICE, { email: 'g1@fabrikam.com' });
      const refused = await resendInvitation(h.ctx, ALICE, { email: 'g1@fabrikam.com' });
      assert.ok(refused.kind === 'rateLimited');
      assert.equal(refused.nextAt, '2026-11-22T09:05:00.000Z');
      h.clock.advance(5 * MINUTE);
      assert.equal((await resendInvitation(h.ctx, ALICE, { email: 'g1@fabrikam.com' })).kind, 'resent');
    });

    it('lets exactly one of two concurrent resends for the same guest through', async () => {
      const h = limited();
      // Both resends read the guest's record before either writes: only the compare-and-swap tells them apart.
      h.ctx.state = bothReadFirst(h.ctx.state, 'resend:guest:guest-1');
      const outcomes = await Promise.all([
        resendInvitation(h.ctx, ALICE, { email: 'g1@fabrikam.com' }),
        resendInvitation(h.ctx, DAVE, { email: 'g1@fabrikam.com' }),
      ]);
      assert.deepEqual(outcomes.map((outcome) => outcome.kind).sort(), ['rateLimited', 'resent']);
      assert.equal(h.directory.createInvitation.callCount, 1);
    });

    it('holds for another instance sharing the store, as after a restart', async () => {
      const first = limited();
      await resendInvitation(first.ctx, ALICE, { email: 'g1@fabrikam.com' });
      const second = limited();
      second.ctx.state = first.ctx.state;
      second.clock.current = first.clock.current;
      assert.equal((await resendInvitation(second.ctx, ALICE, { email: 'g1@fabrikam.com' })).kind, 'rateLimited');
      assert.equal(second.directory.createInvitation.callCount, 0);
    });

    it('gives the slot back when Entra certainly sent nothing, and keeps it when it may have', async () => {
      const h = limited();
      h.directory.failWith = new DirectoryError('throttled', 'too many requests');
      assert.equal((await resendInvitation(h.ctx, ALICE, { email: 'g1@fabrikam.com' })).kind, 'failed');
      h.directory.failWith = new DirectoryError('unavailable', 'timed out');
      assert.equal((await resendInvitation(h.ctx, ALICE, { email: 'g1@fabrikam.com' })).kind, 'failed', 'the throttled try did not count');
      h.directory.failWith = undefined;
      const refused = await resendInvitation(h.ctx, ALICE, { email: 'g1@fabrikam.com' });
      assert.equal(refused.kind, 'rateLimited', 'after a timeout the email may have gone out');
    });

    it('refuses what is not allowed before counting anything', async () => {
      const h = limited();
      h.directory.users.push(guestUser({ id: 'accepted', mail: 'done@fabrikam.com', externalUserState: 'Accepted' }));
      assert.equal((await resendInvitation(h.ctx, ALICE, { email: 'done@fabrikam.com' })).kind, 'alreadyAccepted');
      assert.equal(await h.ctx.state.get('resend:requester:' + ALICE.id), undefined);
    });
  });

  describe('per requester', () => {
    it('allows the policy’s number of resends in any hour, then says from when the next one is possible', async () => {
      const h = limited({ perGuestMinutes: 60, perRequesterPerHour: 2 });
      assert.equal((await resendInvitation(h.ctx, ALICE, { email: 'g1@fabrikam.com' })).kind, 'resent');
      h.clock.advance(10 * MINUTE);
      assert.equal((await resendInvitation(h.ctx, ALICE, { email: 'g2@fabrikam.com' })).kind, 'resent');
      h.clock.advance(10 * MINUTE);
      const refused = await resendInvitation(h.ctx, ALICE, { email: 'g3@fabrikam.com' });
      assert.ok(refused.kind === 'rateLimited');
      assert.equal(refused.scope, 'requester');
      assert.equal(refused.nextAt, '2026-11-22T10:00:00.000Z', 'an hour after the oldest of the two');
      assert.equal((await resendInvitation(h.ctx, DAVE, { email: 'g3@fabrikam.com' })).kind, 'resent', 'others are not held back');
      h.clock.advance(40 * MINUTE);
      assert.equal((await resendInvitation(h.ctx, ALICE, { email: 'g4@fabrikam.com' })).kind, 'resent', 'the oldest left the hour');
      assert.equal(h.directory.createInvitation.callCount, 4);
    });

    it('does not count a refused or failed resend', async () => {
      const h = limited({ perGuestMinutes: 60, perRequesterPerHour: 1 });
      h.directory.failWith = new DirectoryError('insufficientPrivileges', 'denied');
      await resendInvitation(h.ctx, ALICE, { email: 'g1@fabrikam.com' });
      h.directory.failWith = undefined;
      assert.equal((await resendInvitation(h.ctx, ALICE, { email: 'g2@fabrikam.com' })).kind, 'resent');
    });

    it('counts two concurrent resends of one person for different guests, letting one through at the limit', async () => {
      const h = limited({ perGuestMinutes: 60, perRequesterPerHour: 1 });
      h.ctx.state = bothReadFirst(h.ctx.state, `resend:requester:${ALICE.id}`);
      const outcomes = await Promise.all([
        resendInvitation(h.ctx, ALICE, { email: 'g1@fabrikam.com' }),
        resendInvitation(h.ctx, ALICE, { email: 'g2@fabrikam.com' }),
      ]);
      assert.deepEqual(outcomes.map((outcome) => outcome.kind).sort(), ['rateLimited', 'resent']);
      assert.equal(h.directory.createInvitation.callCount, 1);
      const refused = outcomes.find((outcome) => outcome.kind === 'rateLimited');
      assert.ok(refused?.kind === 'rateLimited' && refused.scope === 'requester');
      // The refused one gave its guest's slot back: that guest can be sent the invitation by someone else.
      assert.equal((await resendInvitation(h.ctx, DAVE, { email: refused.email })).kind, 'resent');
    });

    it('does not limit GuestPass admins per hour, only per guest', async () => {
      const h = limited({ perGuestMinutes: 60, perRequesterPerHour: 1 });
      for (let i = 1; i <= 5; i += 1) {
        assert.equal((await resendInvitation(h.ctx, CAROL_ADMIN, { email: `g${i}@fabrikam.com` })).kind, 'resent');
      }
      assert.equal((await resendInvitation(h.ctx, CAROL_ADMIN, { email: 'g1@fabrikam.com' })).kind, 'rateLimited');
    });
  });
});

/**
 * The state as two racing callers see it: the first two reads of `contested` wait for each other, so both callers
 * decide on the same version before either writes.
 */
function bothReadFirst(state: VersionedState, contested: string): VersionedState {
  let reads = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return {
    async get<T>(key: string): Promise<Versioned<T> | undefined> {
      if (key === contested) {
        reads += 1;
        if (reads === 2) release();
        if (reads <= 2) await gate;
      }
      return state.get<T>(key);
    },
    put: (key, value, etag, options) => state.put(key, value, etag, options),
    prune: (now, limit) => state.prune(now, limit),
  };
}
