import { Actor } from '../invitation-request';
import { Requester } from '../requester';
import { accessDaysFor, addDays } from './access-limit';
import { updateGuest, withEvent } from './guest-update';
import { LifecycleContext } from './lifecycle-context';
import { checkDays } from './lifecycle-rights';
import { RestoreOutcome } from './lifecycle-use-cases';
import { nextAction } from './next-action';

/**
 * `restore EMAIL [DAYS]` (admins): a disabled guest can sign in again (`accountEnabled: true`), with access from
 * today for `days`, else the domain's default (none: access does not end by itself), within the domain's maximum.
 * Only a `Guest` account is ever changed; a deleted one must first come back from Entra's deleted users.
 */
export async function restoreGuest(ctx: LifecycleContext, input: { address: string; days?: number; by: Requester }): Promise<RestoreOutcome> {
  if (!(await ctx.access.isAdmin(input.by))) return { kind: 'notAllowed' };
  const stored = await ctx.guests.findByAddress(input.address.trim());
  if (!stored) return { kind: 'notFound' };
  const guest = stored.value;
  const { defaultDays, maxDays } = accessDaysFor(ctx.policy.access, guest.address);
  const days = input.days ?? defaultDays;
  if (days !== undefined) {
    const checked = checkDays(days, maxDays);
    if (checked.kind !== 'ok') return checked;
  }
  if (guest.state === 'deleted') return { kind: 'deleted', guest };
  if (guest.state !== 'disabled') return { kind: 'notDisabled', guest };
  try {
    const { found } = await ctx.accounts.getAccounts([guest.userId]);
    const account = found[0];
    if (!account) return { kind: 'deleted', guest };
    if (account.userType !== 'Guest') return { kind: 'notAGuest', guest };
    await ctx.accounts.setAccountEnabled(guest.userId, true);
  } catch (error) {
    return { kind: 'failed', guest, error };
  }
  const now = ctx.clock.now();
  const by: Actor = { id: input.by.id, displayName: input.by.displayName };
  const update = await updateGuest(ctx.guests, stored, (current) => {
    if (current.state !== 'disabled') return undefined;
    const restored = {
      ...current,
      state: 'active' as const,
      accessEndsAt: days === undefined ? undefined : addDays(now, days).toISOString(),
      disabledAt: undefined,
      deleteAt: undefined,
      removalReason: undefined,
      pendingEffect: undefined,
    };
    const next = withEvent(restored, { at: now.toISOString(), what: days === undefined ? 'restored' : `restored for ${days} days`, by });
    return { ...next, dueAt: nextAction(next, ctx, now).at };
  });
  if (!update.guest) return { kind: 'notFound' };
  if (!update.changed) return update.guest.state === 'active' ? { kind: 'restored', guest: update.guest } : { kind: 'notDisabled', guest: update.guest };
  await ctx.audit.append({
    at: now.toISOString(),
    event: 'guest.restored',
    requestId: update.guest.requestId,
    actor: by,
    subject: update.guest.address,
    details: { userId: update.guest.userId, days: days ?? null, accessEndsAt: update.guest.accessEndsAt ?? null },
  });
  return { kind: 'restored', guest: update.guest };
}
