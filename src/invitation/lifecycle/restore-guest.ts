import { addressKey } from '../email-address';
import { Actor } from '../invitation-request';
import { Requester } from '../requester';
import { defaultAccessEnd, extendedAccess } from './access-limit';
import { GovernedGuest } from './governed-guest';
import { updateGuest, withEvent } from './guest-update';
import { LifecycleContext } from './lifecycle-context';
import { RestoreOutcome } from './lifecycle-use-cases';
import { nextAction } from './next-action';

/**
 * `restore EMAIL [DAYS]` (admins): a disabled guest can sign in again, with access extended by `days` (else the
 * policy's default for the domain, else without end). The restore is claimed on the guest record first (a
 * compare-and-swap naming the enable as pending), so two restores, or a restore and a run deleting the guest,
 * cannot both act. A deleted account cannot be restored here: Entra keeps it among deleted users for 30 days.
 */
export async function restoreGuest(ctx: LifecycleContext, input: { address: string; days?: number; by: Requester }): Promise<RestoreOutcome> {
  if (!(await ctx.access.isAdmin(input.by))) return { kind: 'notAllowed' };
  const stored = await ctx.guests.findByAddress(addressKey(input.address.trim()));
  if (!stored) return { kind: 'notFound' };
  const guest = stored.value;
  if (guest.state === 'deleted') return { kind: 'deleted', guest };
  if (guest.state !== 'disabled') return { kind: 'notDisabled', guest };

  const now = ctx.clock.now();
  let endsAt: string | undefined;
  if (input.days !== undefined) {
    const extension = extendedAccess(ctx.policy.access, guest.address, input.days, now);
    if (extension.kind !== 'ok') return extension;
    endsAt = extension.endsAt;
  } else {
    endsAt = defaultAccessEnd(ctx.policy.access, guest.address, now);
  }

  const { found, missingIds } = await ctx.accounts.getAccounts([guest.userId]);
  const account = found[0];
  if (!account && missingIds.length > 0) {
    const gone = await updateGuest(ctx.guests, stored, (current) =>
      current.state === 'deleted' ? undefined : withEvent({ ...current, state: 'deleted', deletedAt: now.toISOString(), dueAt: undefined, pendingEffect: undefined }, { at: now.toISOString(), what: 'gone from the directory' }),
    );
    return { kind: 'deleted', guest: gone.guest ?? guest };
  }
  // Members are never changed, and an account that could not be read is not enabled blindly.
  if (!account || account.userType !== 'Guest') return { kind: 'notAGuest', guest };

  const by: Actor = { id: input.by.id, displayName: input.by.displayName };
  const at = now.toISOString();
  const claim = await updateGuest(ctx.guests, stored, (current) => {
    if (current.state !== 'disabled' || current.pendingEffect) return undefined;
    const review = current.review && !current.review.decision ? { ...current.review, decision: { kind: 'keep' as const, by, at } } : current.review;
    const restored: GovernedGuest = withEvent(
      {
        ...current,
        state: 'active',
        accessEndsAt: endsAt,
        disabledAt: undefined,
        deleteAt: undefined,
        removalReason: undefined,
        review,
        pendingEffect: { action: 'enable', claimedAt: at, by },
      },
      { at, what: 'restored', by },
    );
    return { ...restored, dueAt: nextAction(restored, ctx, now).at };
  });
  if (!claim.changed) {
    const current = claim.guest ?? guest;
    return current.state === 'deleted' ? { kind: 'deleted', guest: current } : { kind: 'notDisabled', guest: current };
  }

  try {
    await ctx.accounts.setAccountEnabled(guest.userId, true);
  } catch (error) {
    // Back to disabled, as it was: the admin is told and may try again. Should the call have reached Entra after
    // all, the enabled account is never deleted (a run keeps a disabled guest whose account is enabled).
    await updateGuest(ctx.guests, claim.guest!.userId, (current) =>
      current.pendingEffect?.claimedAt === at && current.state === 'active'
        ? withEvent({ ...guest, history: current.history, pendingEffect: undefined }, { at, what: 'restore failed', by })
        : undefined,
    );
    await ctx.audit.append({ at, event: 'guest.restore.failed', actor: by, subject: guest.address, requestId: guest.requestId, details: { userId: guest.userId } });
    return { kind: 'failed', guest, error };
  }
  const settled = await updateGuest(ctx.guests, claim.guest!.userId, (current) => {
    if (current.pendingEffect?.claimedAt !== at) return undefined;
    const next = { ...current, pendingEffect: undefined };
    return { ...next, dueAt: nextAction(next, ctx, now).at };
  });
  const restored = settled.guest ?? claim.guest!;
  await ctx.audit.append({
    at,
    event: 'guest.restored',
    actor: by,
    subject: restored.address,
    requestId: restored.requestId,
    details: { userId: restored.userId, days: input.days ?? null, accessEndsAt: restored.accessEndsAt ?? null },
  });
  if (restored.review) await ctx.notifier.showReviewState(restored);
  return { kind: 'restored', guest: restored };
}
