import { InvitationPolicy } from '../policy';
import { GovernedGuest, GovernedGuestState } from './governed-guest';
import { GovernedGuestStore } from './governed-guest-store';
import { NextLifecycleAction } from './lifecycle-use-cases';
import { nextAction } from './next-action';

/** One governed guest as the report shows it: where it stands and what the lifecycle does next, and when. */
export interface GuestReportRow {
  userId: string;
  address: string;
  displayName?: string;
  state: GovernedGuestState;
  redemption: GovernedGuest['redemption'];
  /** Object ids, lower case. */
  sponsorIds: string[];
  accessEndsAt?: string;
  lastSignInAt?: string;
  nextAction: NextLifecycleAction['action'];
  nextActionAt?: string;
  invitedBy?: { id: string; displayName: string };
  requestId?: string;
}

/** A page is one store read; the report never holds more than one page of guests. */
export const REPORT_PAGE_SIZE = 200;

/**
 * Every governed guest, deleted ones included (the report says what happened to them), page by page in the store's
 * order, with the next lifecycle step worked out by the same rule the runs use.
 */
export async function* governedGuestReport(
  guests: GovernedGuestStore,
  policy: InvitationPolicy,
  now: Date,
  pageSize = REPORT_PAGE_SIZE,
): AsyncGenerator<GuestReportRow[]> {
  let after: string | undefined;
  for (;;) {
    const page = await guests.listAll(pageSize, after);
    if (page.length === 0) return;
    yield page.map(({ value }) => reportRow(value, policy, now));
    if (page.length < pageSize) return;
    after = page.at(-1)!.value.userId;
  }
}

function reportRow(guest: GovernedGuest, policy: InvitationPolicy, now: Date): GuestReportRow {
  const next = nextAction(guest, { policy }, now);
  return {
    userId: guest.userId,
    address: guest.address,
    displayName: guest.displayName,
    state: guest.state,
    redemption: guest.redemption,
    sponsorIds: guest.sponsorIds,
    accessEndsAt: guest.accessEndsAt,
    lastSignInAt: guest.lastSignInAt,
    nextAction: next.action,
    nextActionAt: next.action === 'none' ? undefined : next.at,
    invitedBy: guest.invitedBy,
    requestId: guest.requestId,
  };
}
