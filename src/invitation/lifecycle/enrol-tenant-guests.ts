import { normalizeObjectId } from '../object-id';
import { AlreadyExistsError } from '../request-repository';
import { defaultAccessEnd } from './access-limit';
import { GovernedGuest } from './governed-guest';
import { GuestAccount } from './guest-account-port';
import { LifecycleContext } from './lifecycle-context';
import { nextAction } from './next-action';

/** Tenant guests one run enrols at most with the `allGuests` scope; the rest are met by later runs. */
export const TENANT_GUESTS_PER_RUN = 5000;

/**
 * With the `allGuests` scope: governs the tenant's guests GuestPass did not invite. Their access is counted from
 * enrolment (the policy's default days for their domain), not from when they were invited years ago, so sponsors
 * are asked before anything ends. Resolves with the guests enrolled now.
 */
export async function enrolTenantGuests(ctx: LifecycleContext): Promise<GovernedGuest[]> {
  const now = ctx.clock.now();
  const { guests } = await ctx.accounts.listGuests(TENANT_GUESTS_PER_RUN);
  const enrolled: GovernedGuest[] = [];
  const fresh: GuestAccount[] = [];
  for (const account of guests) if (account.userType === 'Guest' && !(await ctx.guests.get(normalizeObjectId(account.id)))) fresh.push(account);
  // Read together (JSON batches); a guest Graph could not read in the batch is read on its own, as there is no record yet.
  const sponsors = fresh.length > 0 ? await ctx.accounts.sponsorIdsOfMany(fresh.map((account) => account.id)) : new Map<string, string[]>();
  for (const account of fresh) {
    const userId = normalizeObjectId(account.id);
    const address = (account.mail ?? account.userPrincipalName).toLowerCase();
    const draft: GovernedGuest = {
      userId,
      tenantId: ctx.tenantId,
      address,
      displayName: account.displayName,
      invitedAt: account.createdAt ?? now.toISOString(),
      sponsorIds: (sponsors.get(account.id) ?? (await ctx.accounts.sponsorIdsOf(userId))).map(normalizeObjectId),
      accessEndsAt: defaultAccessEnd(ctx.policy.access, address, now),
      redemption: account.externalUserState === 'PendingAcceptance' ? 'pending' : 'accepted',
      state: 'active',
      history: [{ at: now.toISOString(), what: 'enrolled: guest of the tenant' }],
    };
    const guest = { ...draft, dueAt: nextAction(draft, ctx, now).at };
    try {
      await ctx.guests.create(guest);
    } catch (error) {
      if (error instanceof AlreadyExistsError) continue;
      throw error;
    }
    await ctx.audit.append({ at: now.toISOString(), event: 'guest.lifecycle.enrolled', subject: address, details: { userId, scope: 'allGuests' } });
    enrolled.push(guest);
  }
  return enrolled;
}
