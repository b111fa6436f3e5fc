import { DirectoryError } from './directory-error';
import { InvitationContext } from './invitation-context';
import { AlreadyExistsError, ConcurrencyError } from './request-repository';
import { Requester } from './requester';
import { StateWriteOptions } from './versioned-state';

/** How often invitation emails may be sent again (the policy's `resend`). */
export interface ResendLimits {
  /** At most one resend per guest account in this many minutes, whoever asks. */
  perGuestMinutes: number;
  /** At most this many resends by one person in any hour (GuestPass admins are not limited by this one). */
  perRequesterPerHour: number;
}

export type ResendLimitRefusal = {
  kind: 'rateLimited';
  /** Whose limit: the guest was emailed recently, or the person asked for too many resends this hour. */
  scope: 'guest' | 'requester';
  /** ISO time from which a resend is possible again. */
  nextAt: string;
};

/** A resend slot taken for a guest; released when the email could not have been sent after all. */
export interface ResendClaim {
  release(): Promise<void>;
}

interface GuestRecord {
  /** Absent once a claim was released: the guest was never emailed by a resend that counted. */
  lastSentAt?: string;
}

interface RequesterRecord {
  /** Resends in the last hour, oldest first. */
  sentAt: string[];
}

const HOUR_MS = 3_600_000;
/** The longest `perGuestMinutes` a policy may set (a week). */
export const LONGEST_GUEST_WINDOW_MINUTES = 7 * 24 * 60;
/** Rereads after a concurrent write; each reread sees the other writer's claim, so few are ever needed. */
const MAX_ATTEMPTS = 8;

const guestKey = (userId: string) => `resend:guest:${userId.toLowerCase()}`;
const requesterKey = (requesterId: string) => `resend:requester:${requesterId.toLowerCase()}`;

/**
 * Takes the right to email `guestId` again now, or says from when it is possible: at most one resend per guest per
 * `perGuestMinutes` (protecting the guest's mailbox and the tenant's standing as a sender), and at most
 * `perRequesterPerHour` per person (admins excepted). The guest's slot is written first, then the person's count,
 * each with a compare-and-swap; a lost race rereads, and sees the winner's claim.
 */
export async function claimResend(ctx: InvitationContext, by: Requester, guestId: string): Promise<ResendClaim | ResendLimitRefusal> {
  const limits = ctx.policy.resend;
  const exempt = await ctx.access.isAdmin(by);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const now = ctx.clock.now();
    const guest = await ctx.state.get<GuestRecord>(guestKey(guestId));
    const guestNext = guest?.value.lastSentAt ? new Date(guest.value.lastSentAt).getTime() + limits.perGuestMinutes * 60_000 : 0;
    if (guestNext > now.getTime()) return refusal('guest', guestNext);

    const requester = exempt ? undefined : await ctx.state.get<RequesterRecord>(requesterKey(by.id));
    const recent = (requester?.value.sentAt ?? []).filter((at) => new Date(at).getTime() + HOUR_MS > now.getTime());
    if (!exempt && recent.length >= limits.perRequesterPerHour) {
      return refusal('requester', new Date(recent[0]!).getTime() + HOUR_MS);
    }

    // Each record matters only while it can refuse a resend: housekeeping deletes it after. A guest's slot is kept
    // for the longest window a policy may set, so that raising `perGuestMinutes` later still finds it.
    const guestKept = { keepUntil: new Date(now.getTime() + LONGEST_GUEST_WINDOW_MINUTES * 60_000) };
    const requesterKept = { keepUntil: new Date(now.getTime() + HOUR_MS) };
    const taken = await unlessRaced(() => ctx.state.put<GuestRecord>(guestKey(guestId), { lastSentAt: now.toISOString() }, guest?.etag, guestKept));
    if (!taken) continue;
    const releaseGuest = () => restore(ctx, guestKey(guestId), taken.etag, guest?.value ?? {}, guestKept);
    if (exempt) return { release: releaseGuest };

    const counted = await unlessRaced(() =>
      ctx.state.put<RequesterRecord>(requesterKey(by.id), { sentAt: [...recent, now.toISOString()] }, requester?.etag, requesterKept),
    );
    if (!counted) {
      // Someone else counted a resend for this person meanwhile: give the guest's slot back and look again.
      await releaseGuest();
      continue;
    }
    const sentAt = now.toISOString();
    return {
      async release() {
        await releaseGuest();
        await uncount(ctx, by.id, sentAt);
      },
    };
  }
  // Writers kept changing the records under us: say the guest's slot is taken, which at that point it is.
  const guest = await ctx.state.get<GuestRecord>(guestKey(guestId));
  const lastSentAt = guest?.value.lastSentAt ? new Date(guest.value.lastSentAt).getTime() : ctx.clock.now().getTime();
  return refusal('guest', lastSentAt + limits.perGuestMinutes * 60_000);
}

/**
 * Whether a failed resend still counts: a timeout or dropped connection leaves unknown whether Entra sent the
 * email, so the slot stays taken; any other failure means no email went out.
 */
export function failureMayHaveSent(error: DirectoryError): boolean {
  return error.kind === 'unavailable';
}

function refusal(scope: ResendLimitRefusal['scope'], nextAtMs: number): ResendLimitRefusal {
  return { kind: 'rateLimited', scope, nextAt: new Date(nextAtMs).toISOString() };
}

/** The write's result, or undefined when another writer got there first. */
async function unlessRaced<T>(write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof ConcurrencyError || error instanceof AlreadyExistsError) return undefined;
    throw error;
  }
}

/** Puts back what the guest's record held before our claim, unless someone has written since (then theirs stands). */
async function restore(ctx: InvitationContext, key: string, etag: string, previous: GuestRecord, kept: StateWriteOptions): Promise<void> {
  await unlessRaced(() => ctx.state.put<GuestRecord>(key, previous, etag, kept));
}

async function uncount(ctx: InvitationContext, requesterId: string, sentAt: string): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const current = await ctx.state.get<RequesterRecord>(requesterKey(requesterId));
    if (!current) return;
    const index = current.value.sentAt.indexOf(sentAt);
    if (index < 0) return;
    const sent = [...current.value.sentAt.slice(0, index), ...current.value.sentAt.slice(index + 1)];
    // Kept as long as the latest resend still in it counts.
    const latest = sent.reduce((max, at) => Math.max(max, new Date(at).getTime()), 0);
    const kept = { keepUntil: new Date(latest + HOUR_MS) };
    if (await unlessRaced(() => ctx.state.put<RequesterRecord>(requesterKey(requesterId), { sentAt: sent }, current.etag, kept))) return;
  }
}
